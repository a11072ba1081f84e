package suggest

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/model"
	"github.com/hashiya/hashiya/text/segment"
)

func sampleTexts(t *testing.T) [][]rune { return sampleTextsB(t) }

func sampleTextsB(t testing.TB) [][]rune {
	t.Helper()
	c := model.Sample()
	var out [][]rune
	for i := 0; i < c.Len(); i++ {
		d, err := c.Load(i)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, []rune(d.Text.String()))
	}
	return out
}

// TestAutomatonFindsEveryTokenMatch: matching only where the automaton points gives
// exactly what trying every phrase at every token gives, on the sample corpus with
// phrases of one to three of its words (spelled as search normalizes, with a proclitic
// or an article at times), with and without the proclitic option.
func TestAutomatonFindsEveryTokenMatch(t *testing.T) {
	texts := sampleTexts(t)
	rng := rand.New(rand.NewPCG(1, 2))
	var lines []string
	for len(lines) < 3000 {
		text := texts[rng.IntN(len(texts))]
		segs := segment.Runes(text)
		i := rng.IntN(len(segs))
		n := 1 + rng.IntN(5) // segments, white space included
		if i+n > len(segs) || !segs[i].Kind.IsWord() {
			continue
		}
		phrase := string(text[segs[i].Start:segs[i+n-1].End])
		switch rng.IntN(4) {
		case 0:
			phrase = strings.ReplaceAll(phrase, "ي", "ی")
		case 1:
			phrase = strings.TrimPrefix(phrase, "ال")
		case 2:
			phrase = strings.TrimPrefix(phrase, "و")
		}
		b, _ := json.Marshal(map[string]string{"label": "L", "pattern": phrase})
		lines = append(lines, string(b))
	}
	// and text where words are glued by what search ignores or UAX #29 joins
	texts = append(texts, []rune("بوتينـ قال\u200bبوتين و10بوتين ـبوتين لـبوتين وَبوتين بوتين\u200cها Putinبوتين بوتين10 (بوتين) «لبوتين» للبوتين ب\u0301بوتين"))
	for _, p := range []string{"بوتين", "ها", "قال", "10", "ـ بوتين", "Putin"} {
		b, _ := json.Marshal(map[string]string{"label": "L", "pattern": p})
		lines = append(lines, string(b))
	}
	ps, _, err := Parse(strings.NewReader(strings.Join(lines, "\n")), "gen.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []Options{{}, {Proclitics: true}, {Exact: true, Proclitics: true}} {
		m, _ := Compile(ps, o)
		total := 0
		for _, text := range texts {
			fast, full := m.Match(text), m.matchFull(text)
			if !reflect.DeepEqual(fast, full) {
				logMissed(t, text, fast, full)
				t.Fatalf("%+v: automaton found %d matches, every token %d", o, len(fast), len(full))
			}
			total += len(full)
		}
		if total < len(lines) {
			t.Fatalf("%+v: only %d matches of %d phrases taken from the text", o, total, len(lines))
		}
		t.Logf("%+v: %d matches", o, total)
	}
}

func logMissed(t *testing.T, text []rune, fast, full []Match) {
	in := map[Match]bool{}
	for _, x := range fast {
		in[x] = true
	}
	for _, x := range full {
		if !in[x] {
			t.Logf("missed %+v %q", x, string(text[x.Start:x.End]))
		}
	}
}

// TestWindowsAsSegment: the quick window bounds are segment.Window's, on the sample
// and on text with marks, joiners and odd spaces after white space.
func TestWindowsAsSegment(t *testing.T) {
	texts := append(sampleTexts(t), []rune("a \u064Eb \u200cc \u00a0d ١ ٫5 \u0600e\n\u0301f  g"))
	rng := rand.New(rand.NewPCG(5, 8))
	odd := []rune(" \n\t\r\u00a0\u0085\u2003\u202f\u3000\u200b\ufeff\u200c\u200d\u064e\u0301aب1١۱،«»-.\u0600\u0e33")
	for range 2000 {
		rs := make([]rune, 1+rng.IntN(20))
		for i := range rs {
			rs[i] = odd[rng.IntN(len(odd))]
		}
		texts = append(texts, rs)
	}
	for _, text := range texts {
		for i := range text {
			s, e := segment.Window(text, i)
			if gs, ge := windowStart(text, i), windowEnd(text, i); gs != s || ge != e {
				t.Fatalf("at %d: [%d,%d), segment.Window [%d,%d)", i, gs, ge, s, e)
			}
		}
	}
}
