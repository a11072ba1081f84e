// Command gen writes the phrase patterns bench/patterns/run.sh matches: -n phrases, a
// gazetteer of names most of which a given corpus never mentions. They are the phrases
// of -entities (a pattern file: by default the sample's, whose names the benchmark
// corpus, made of the sample's sentences, mentions all the time), then -real word
// n-grams (one to three words) of the sample corpus (stop words included: dense
// matches), then made-up names of Arabic letters. It writes the pattern file
// (-patterns) and the same phrases one a line (-phrases) for grep -F -f.
//
//	go run ./bench/patterns/gen -patterns p.jsonl -phrases p.txt
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"log"
	"math/rand/v2"
	"os"
	"strings"

	"github.com/hashiya/hashiya/model"
	"github.com/hashiya/hashiya/text/segment"
)

func main() {
	n := flag.Int("n", 10000, "phrases")
	real := flag.Int("real", 0, "n-grams of the sample corpus among them")
	entities := flag.String("entities", "annotations/suggest/testdata/treaty.patterns.jsonl", "pattern file whose phrases come first")
	patterns := flag.String("patterns", "", "pattern file to write")
	phrases := flag.String("phrases", "", "phrase list to write")
	flag.Parse()
	rng := rand.New(rand.NewPCG(7, 13))
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if p != "" && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	if *entities != "" {
		b, err := os.ReadFile(*entities)
		if err != nil {
			log.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			var p struct{ Pattern string }
			if err := json.Unmarshal([]byte(l), &p); err != nil {
				log.Fatal(err)
			}
			add(p.Pattern)
		}
	}
	grams := sampleGrams()
	rng.Shuffle(len(grams), func(i, j int) { grams[i], grams[j] = grams[j], grams[i] })
	for want := len(out) + *real; len(out) < want && len(grams) > 0; grams = grams[1:] {
		add(grams[0])
	}
	letters := []rune("ابتثجحخدذرزسشصضطظعغفقكلمنهوي")
	for len(out) < *n {
		var words []string
		for w := 0; w < 1+rng.IntN(3); w++ {
			var b strings.Builder
			for l := 0; l < 4+rng.IntN(4); l++ {
				b.WriteRune(letters[rng.IntN(len(letters))])
			}
			words = append(words, b.String())
		}
		add(strings.Join(words, " "))
	}
	write(*patterns, out, func(i int, p string) string {
		b, _ := json.Marshal(map[string]string{"label": []string{"PERSON", "ORG", "GPE"}[i%3], "pattern": p})
		return string(b)
	})
	write(*phrases, out, func(_ int, p string) string { return p })
}

// sampleGrams are the one- to three-word runs of the sample's words (words of letters
// only, one space between them).
func sampleGrams() []string {
	c := model.Sample()
	var out []string
	for i := 0; i < c.Len(); i++ {
		d, err := c.Load(i)
		if err != nil {
			log.Fatal(err)
		}
		text := []rune(d.Text.String())
		var run []string
		prevEnd := -1
		for _, sg := range segment.Runes(text) {
			if sg.Kind == segment.Space {
				if string(text[sg.Start:sg.End]) != " " {
					run = nil
				}
				continue
			}
			if sg.Kind != segment.Word || (prevEnd >= 0 && sg.Start != prevEnd+1 && len(run) > 0) {
				run = nil
			}
			prevEnd = sg.End
			if sg.Kind != segment.Word {
				continue
			}
			run = append(run, string(text[sg.Start:sg.End]))
			for k := 1; k <= 3 && k <= len(run); k++ {
				out = append(out, strings.Join(run[len(run)-k:], " "))
			}
		}
	}
	return out
}

func write(path string, lines []string, format func(int, string) string) {
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for i, l := range lines {
		w.WriteString(format(i, l) + "\n")
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
