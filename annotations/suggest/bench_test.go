package suggest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// benchSetup: the sample's texts, and 10,000 phrases: the sample's entities and
// made-up names (as bench/patterns/gen makes them).
func benchSetup(b *testing.B) ([][]rune, *Matcher, int) {
	c := sampleTextsB(b)
	rng := rand.New(rand.NewPCG(7, 13))
	letters := []rune("ابتثجحخدذرزسشصضطظعغفقكلمنهوي")
	lines := []string{`{"label":"PERSON","pattern":"بوتين"}`, `{"label":"GPE","pattern":"كوريا الشمالية"}`, `{"label":"GPE","pattern":"موسكو"}`}
	for len(lines) < 10000 {
		var words []string
		for w := 0; w < 1+rng.IntN(3); w++ {
			var sb strings.Builder
			for l := 0; l < 4+rng.IntN(4); l++ {
				sb.WriteRune(letters[rng.IntN(len(letters))])
			}
			words = append(words, sb.String())
		}
		lines = append(lines, fmt.Sprintf(`{"label":"X","pattern":%q}`, strings.Join(words, " ")))
	}
	ps, _, err := Parse(strings.NewReader(strings.Join(lines, "\n")), "b.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	m, _ := Compile(ps, Options{Proclitics: true})
	size := 0
	for _, t := range c {
		size += len(string(t))
	}
	return c, m, size
}

// BenchmarkMatch10000Phrases matches 10,000 phrases over the five sample articles.
func BenchmarkMatch10000Phrases(b *testing.B) {
	texts, m, size := benchSetup(b)
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, t := range texts {
			m.Match(t)
		}
	}
}

// BenchmarkScan10000Phrases is the automaton's pass alone.
func BenchmarkScan10000Phrases(b *testing.B) {
	texts, m, size := benchSetup(b)
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, t := range texts {
			m.windows(t, &scratch{})
		}
	}
}
