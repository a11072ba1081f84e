package segment

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// graphemeBounds are the offsets at which a grapheme cluster starts, plus len(text).
func graphemeBounds(text []rune) map[int]bool {
	out := map[int]bool{0: true}
	g := uniseg.NewGraphemes(string(text))
	pos := 0
	for g.Next() {
		pos += len(g.Runes())
		out[pos] = true
	}
	return out
}

// FuzzSegments checks on any text: segments tile it, never split a grapheme cluster,
// are the same every time and for String and Runes, and the local functions (which
// segment a window) agree with segmenting the whole text.
func FuzzSegments(f *testing.F) {
	for _, s := range []string{
		"", " ", "Price 10,000 dollars", "٣٫٥ و۱۰٬۰۰۰ 2024-06-19", "don't it's", "می‌خواهم",
		"see https://example.com/a_(b)?x=1. ok", "👨‍👩‍👧 🇷🇺🇺🇦🇷 👍🏽", "a\u0600١ \u0600١", " \u0301a \u0e33x",
		"1\u202f000 \u202f1", "b\ufeffa \ufeffa", "\t\u00adb", "a\r\n\r\nb", "وواشنطن، مُحَمَّد", "\xff\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(checkSegments)
}

// tricky are the characters whose UAX #29 and grapheme rules interact: white space of
// every kind, letters of several scripts, digits of three scripts and their separators,
// marks, joiners, Prepend, emoji modifiers and regional indicators, URL letters.
var tricky = []rune(" \t\n\r\u00a0\u202f\u200b\ufeffaبوالאกำ한カ\u0915\u094d1١۱,.'’-/٫٬،؍:_\u064e\u0651\u0301" +
	"\u200d\u200c\u0600👍🏽👨🇷🇺htpsw")

// TestSegmentPropertiesOnTrickyText runs the fuzz target's checks on seeded random
// strings of tricky characters, which random bytes rarely reach.
func TestSegmentPropertiesOnTrickyText(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 29))
	for n := 0; n < 3000; n++ {
		rs := make([]rune, rng.IntN(24))
		for i := range rs {
			rs[i] = tricky[rng.IntN(len(tricky))]
		}
		checkSegments(t, string(rs))
		if t.Failed() {
			return
		}
	}
}

func checkSegments(t *testing.T, s string) {
	text := []rune(s)
	segs := Runes(text)
	if !reflect.DeepEqual(segs, Runes(text)) || !reflect.DeepEqual(segs, String(s)) {
		t.Fatal("not deterministic")
	}
	i := 0
	EachString(s, func(sg Segment, sub string) {
		if sg != segs[i] || (utf8.ValidString(s) && sub != string(text[sg.Start:sg.End])) {
			t.Fatalf("EachString(%q) gives %v %q, Runes %v", s, sg, sub, segs[i])
		}
		i++
	})
	bounds := graphemeBounds(text)
	pos := 0
	for _, sg := range segs {
		if sg.Start != pos || sg.End <= sg.Start {
			t.Fatalf("segments do not tile %q: %v", s, segs)
		}
		if !bounds[sg.Start] || !bounds[sg.End] {
			t.Fatalf("segment %v of %q splits a grapheme cluster", sg, s)
		}
		pos = sg.End
	}
	if pos != len(text) {
		t.Fatalf("segments of %q end at %d of %d", s, pos, len(text))
	}
	var sr Segmenter
	if got := sr.Runes(text, 0, len(text)); !sameSegments(got, segs) {
		t.Fatalf("Segmenter.Runes(%q) = %v, Runes %v", s, got, segs)
	}
	if len(text) >= maxWindow {
		return // windows are capped there; TestLongRunWithoutSpace covers it
	}
	for s := 0; s <= len(text); s++ {
		for _, e := range []int{s - 2, s, s + 1, s + 3, len(text)} {
			checkWordIn(t, text, segs, s, max(0, min(e, len(text))))
		}
	}
	for i := range text {
		ws, we := Window(text, i)
		if got, want := sr.Runes(text, ws, we), Around(text, i); !sameSegments(got, want) {
			t.Fatalf("Segmenter.Runes(%q, %d, %d) = %v, Around %v", s, ws, we, got, want)
		}
	}
	for _, sg := range segs {
		for i := sg.Start; i < sg.End; i++ {
			if got := At(text, i); got != sg {
				t.Fatalf("At(%q, %d) = %v, whole text gives %v", s, i, got, sg)
			}
			cs, ce := Character(text, i)
			if cs > i || ce <= i || !bounds[cs] || !bounds[ce] || ce-cs > utf8.RuneCountInString(s) {
				t.Fatalf("Character(%q, %d) = %d,%d", s, i, cs, ce)
			}
			for j := cs + 1; j < ce; j++ {
				if bounds[j] {
					t.Fatalf("Character(%q, %d) = %d,%d holds a cluster boundary at %d", s, i, cs, ce, j)
				}
			}
		}
	}
}

// checkWordIn compares FirstWordIn and LastWordIn with a search of all segments.
func checkWordIn(t *testing.T, text []rune, segs []Segment, s, e int) {
	t.Helper()
	var first, last Segment
	var okF, okL bool
	for _, sg := range segs {
		if sg.Kind.IsWord() && sg.End > s && sg.Start < e {
			if !okF {
				first, okF = sg, true
			}
			last, okL = sg, true
		}
	}
	if got, ok := FirstWordIn(text, s, e); got != first || ok != okF {
		t.Fatalf("FirstWordIn(%q, %d, %d) = %v %v, want %v %v", string(text), s, e, got, ok, first, okF)
	}
	if got, ok := LastWordIn(text, s, e); got != last || ok != okL {
		t.Fatalf("LastWordIn(%q, %d, %d) = %v %v, want %v %v", string(text), s, e, got, ok, last, okL)
	}
}
