package segment

import (
	"strings"
	"testing"
)

// show renders the segments of s as [text:kind], white space left out.
func show(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for _, sg := range String(s) {
		if sg.Kind != Space {
			b.WriteString("[" + string(rs[sg.Start:sg.End]) + ":" + sg.Kind.String() + "]")
		}
	}
	return b.String()
}

func TestSegments(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"thousands", "Price 10,000 dollars", "[Price:word][10,000:number][dollars:word]"},
		{"decimal", "rose 3.5 percent", "[rose:word][3.5:number][percent:word]"},
		{"arabic-indic decimal", "نمو ٣٫٥ بالمئة", "[نمو:word][٣٫٥:number][بالمئة:word]"},
		{"persian thousands", "۱۰٬۰۰۰ سرباز", "[۱۰٬۰۰۰:number][سرباز:word]"},
		{"iso date", "on 2024-06-19.", "[on:word][2024-06-19:number][.:punct]"},
		{"arabic date with slash", "في ٢٠٢٤/٠٦/١٩،", "[في:word][٢٠٢٤/٠٦/١٩:number][،:punct]"},
		{"range", "10-15 km", "[10-15:number][km:word]"},
		{"number sentence end", "10,000.", "[10,000:number][.:punct]"},
		{"percent apart", "١٠٠٪", "[١٠٠:number][٪:punct]"},
		{"contractions", "don't, it's don’t", "[don't:word][,:punct][it's:word][don’t:word]"},
		{"trailing quote", "dogs' bowls", "[dogs:word][':punct][bowls:word]"},
		{"zwnj inside", "می‌خواهم کتاب‌ها", "[می‌خواهم:word][کتاب‌ها:word]"},
		{"harakat", "مُحَمَّد.", "[مُحَمَّد:word][.:punct]"},
		{"proclitic stays in the word", "وواشنطن،", "[وواشنطن:word][،:punct]"},
		{"digits after letters", "و10 10km", "[و10:word][10km:word]"},
		{"url", "see https://example.com/a_(b)?x=1. ok", "[see:word][https://example.com/a_(b)?x=1:url][.:punct][ok:word]"},
		{"url in parentheses", "(https://x.org/a)", "[(:punct][https://x.org/a:url][):punct]"},
		{"www url", "www.bbc.co.uk/arabic، تقرير", "[www.bbc.co.uk/arabic:url][،:punct][تقرير:word]"},
		{"emoji", "👨‍👩‍👧 🇷🇺🇺🇦 👍🏽!", "[👨‍👩‍👧:symbol][🇷🇺:symbol][🇺🇦:symbol][👍🏽:symbol][!:punct]"},
		{"mark without base", "\u0301", "[\u0301:symbol]"},
		{"crlf", "a\r\nb", "[a:word][b:word]"},
		{"zero width space", "a\u200bb", "[a:word][b:word]"},
	} {
		if got := show(tc.in); got != tc.want {
			t.Errorf("%s: %q\n got %s\nwant %s", tc.name, tc.in, got, tc.want)
		}
	}
}

func TestSegmentsHaveNoGapsAtEdges(t *testing.T) {
	if got := String(""); len(got) != 0 {
		t.Errorf("empty text: %v", got)
	}
	got := String("  a")
	if len(got) != 2 || got[0] != (Segment{0, 2, Space}) || got[1] != (Segment{2, 3, Word}) {
		t.Errorf("%v", got)
	}
}

func TestLocalFunctions(t *testing.T) {
	text := []rune("قال: 10,000 جندي وواشنطن.")
	if sg := At(text, 7); string(text[sg.Start:sg.End]) != "10,000" || sg.Kind != Number {
		t.Errorf("At 7 = %v %q", sg, string(text[sg.Start:sg.End]))
	}
	if sg, ok := WordEndingAfter(text, 3); !ok || string(text[sg.Start:sg.End]) != "10,000" {
		t.Errorf("WordEndingAfter(3) = %v", sg)
	}
	if sg, ok := WordStartingBefore(text, 5); !ok || string(text[sg.Start:sg.End]) != "قال" {
		t.Errorf("WordStartingBefore(5) = %v", sg)
	}
	if _, ok := WordEndingAfter(text, len(text)-1); ok {
		t.Error("a word after the last one")
	}
	if _, ok := WordStartingBefore(text, 0); ok {
		t.Error("a word before the first one")
	}
	marked := []rune("مُحَمَّد")
	if s, e := Character(marked, 2); s != 2 || e != 4 {
		t.Errorf("Character(ح with fatha) = %d,%d", s, e)
	}
	if s, e := Character(marked, 5); s != 4 || e != 7 {
		t.Errorf("Character(م with shadda and fatha, from the fatha) = %d,%d", s, e)
	}
}

// TestLongRunWithoutSpace checks the window cap: far from any space, the local
// functions still answer, quickly and inside the text.
func TestLongRunWithoutSpace(t *testing.T) {
	text := []rune(strings.Repeat("ب", 3*maxWindow) + " نص")
	sg := At(text, 2*maxWindow)
	if sg.Start > 2*maxWindow || sg.End <= 2*maxWindow || sg.End > len(text) {
		t.Fatalf("At in a long run: %v", sg)
	}
	if sg, ok := WordEndingAfter(text, 3*maxWindow); !ok || string(text[sg.Start:sg.End]) != "نص" {
		t.Fatalf("WordEndingAfter past the run: %v", sg)
	}
}

// TestEachAcrossChunks: a text longer than one chunk segments as its parts do.
func TestEachAcrossChunks(t *testing.T) {
	unit := "وقالت كييف إن 10,000 جندي في 2024-06-19. "
	n := 3*chunk/len(unit) + 3
	text := []rune(strings.Repeat(unit, n))
	segs := Runes(text)
	one := String(unit)
	if len(string(text)) <= 2*chunk {
		t.Fatalf("the text should span three chunks")
	}
	if len(segs) != n*len(one) {
		t.Fatalf("%d segments, want %d", len(segs), n*len(one))
	}
	step := len([]rune(unit))
	for i, sg := range segs {
		want := one[i%len(one)]
		off := i / len(one) * step
		if sg != (Segment{want.Start + off, want.End + off, want.Kind}) {
			t.Fatalf("segment %d = %v, want %v shifted by %d", i, sg, want, off)
		}
	}
	// The Segmenter too, on the whole text (uniseg's path: the text has '-'), and on
	// the text from the second unit on.
	var sr Segmenter
	if got := sr.Runes(text, 0, len(text)); !sameSegments(got, segs) {
		t.Fatalf("Segmenter.Runes gives %d segments, Runes %d", len(got), len(segs))
	}
	if got := sr.Runes(text, step, len(text)); !sameSegments(got, segs[len(one):]) {
		t.Fatalf("Segmenter.Runes from %d gives %d segments, Runes %d", step, len(got), len(segs)-len(one))
	}
}
