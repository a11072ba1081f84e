package bidi

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// display renders text as a terminal would: visual order, mirrored glyphs at odd levels.
func display(text string, dir Direction) string {
	rs := []rune(text)
	p := New(rs, dir)
	levels := p.LineLevels(0, len(rs))
	var b strings.Builder
	for _, i := range p.VisualOrder(0, len(rs), true) {
		r := rs[i]
		if levels[i]&1 == 1 {
			r = Mirror(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func rev(s string) string {
	rs := []rune(s)
	slices.Reverse(rs)
	return string(rs)
}

func TestMixed(t *testing.T) {
	tests := []struct {
		name, in string
		dir      Direction
		want     string
	}{
		{"date", "تاريخ النشر: 10th, November 2024 GMT", Auto,
			"10th, November 2024 GMT :" + rev("تاريخ النشر")},
		{"brackets", "(مرحبا) [abc]", Auto, "[abc] (" + rev("مرحبا") + ")"},
		{"brackets ltr", "see (مرحبا) now", Auto, "see (" + rev("مرحبا") + ") now"},
		{"persian digits", "سال ۱۴۰۳ و ۱۲۳ نفر", Auto,
			rev("نفر") + " ۱۲۳ " + rev("و") + " ۱۴۰۳ " + rev("سال")},
		{"arabic-indic digits", "العدد ٣٤٥ هنا", Auto, rev("هنا") + " ٣٤٥ " + rev("العدد")},
		{"url", "زوروا https://example.com/news?id=42 الآن", Auto,
			rev("الآن") + " https://example.com/news?id=42 " + rev("زوروا")},
		{"latin in rtl forced", "abc def", RTL, "abc def"},
		{"hebrew in ltr", "a אבג b", Auto, "a " + rev("אבג") + " b"},
		{"numbers after arabic", "السعر 25.5% اليوم", Auto, rev("اليوم") + " %25.5 " + rev("السعر")}, // ET after AN stays neutral
	}
	for _, tc := range tests {
		if got := display(tc.in, tc.dir); got != tc.want {
			t.Errorf("%s: display(%q)\n got %q\nwant %q", tc.name, tc.in, got, tc.want)
		}
	}
}

func TestNestedIsolates(t *testing.T) {
	// LTR paragraph: x RLI arabic LRI abc PDI arabic PDI y
	in := []rune("x \u2067عر \u2066ab\u2069 بي\u2069 y")
	p := New(in, Auto)
	want := []Level{0, 0, 0, 1, 1, 1, 1, 2, 2, 1, 1, 1, 1, 0, 0, 0}
	if got := p.Levels(); !slices.Equal(got, want) {
		t.Errorf("levels %v, want %v", got, want)
	}
	// FSI takes the direction of its first strong character.
	p = New([]rune("a \u2068عربي\u2069 b"), LTR)
	if got := p.Levels()[3]; got != 1 {
		t.Errorf("FSI content level %d, want 1", got)
	}
	// An isolate's content does not decide the paragraph direction (P2).
	if p := New([]rune("\u2067abc\u2069 אב"), Auto); p.BaseLevel() != 1 {
		t.Errorf("base level %d, want 1", p.BaseLevel())
	}
}

func TestRemovedAndLines(t *testing.T) {
	in := []rune("a\u202Bאב\u202C c  ")
	p := New(in, LTR)
	lv := p.Levels()
	if lv[1] != Removed || lv[4] != Removed {
		t.Errorf("RLE/PDF levels %v, want Removed", lv)
	}
	if got := p.VisualOrder(0, len(in), false); !slices.Equal(got, []int{0, 3, 2, 5, 6, 7, 8}) {
		t.Errorf("order %v", got)
	}
	// L1: trailing whitespace of each line goes to the paragraph level.
	q := New([]rune("אב גד הו"), LTR)
	if got := q.LineLevels(0, 3); !slices.Equal(got, []Level{1, 1, 0}) {
		t.Errorf("line levels %v", got)
	}
	if got := q.Levels()[2]; got != 1 {
		t.Errorf("paragraph level of space %d, want 1", got)
	}
	if got := q.VisualOrder(3, 8, false); !slices.Equal(got, []int{7, 6, 5, 4, 3}) {
		t.Errorf("second line order %v", got)
	}
	// L1: a tab (S) and the spaces before it reset; a paragraph separator ends embeddings.
	r := New([]rune("אב \tגד\u2029"), LTR)
	if got := r.LineLevels(0, 7); !slices.Equal(got, []Level{1, 1, 0, 0, 1, 1, 0}) {
		t.Errorf("tab line levels %v", got)
	}
}

func TestReorderMarks(t *testing.T) {
	in := []rune("بَتِّ") // beh fatha teh kasra shadda
	p := New(in, Auto)
	if got := p.VisualOrder(0, len(in), false); !slices.Equal(got, []int{4, 3, 2, 1, 0}) {
		t.Errorf("L2 order %v", got)
	}
	if got := p.VisualOrder(0, len(in), true); !slices.Equal(got, []int{2, 3, 4, 0, 1}) {
		t.Errorf("L3 order %v", got)
	}
}

func TestProperties(t *testing.T) {
	for r, m := range map[rune]rune{'(': ')', ')': '(', '[': ']', '«': '»', '<': '>', 'a': 'a', 'ب': 'ب'} {
		if got := Mirror(r); got != m {
			t.Errorf("Mirror(%q) = %q, want %q", r, got, m)
		}
	}
	classes := map[rune]Class{
		'a': L, 'ا': AL, 'א': R, '0': EN, '۱': EN, '١': AN, ' ': WS, '\t': S, '\n': B, '\u2029': B,
		',': CS, '+': ES, '$': ET, '(': ON, '\u064E': NSM, '\u200F': R, '\u200D': BN, '\u2067': RLI,
		'\u2069': PDI, '\u202E': RLO, '\U0001F600': ON, 0x10FFFF: BN, -1: L, 0x110000: L,
		// Unassigned in Unicode 16: DerivedBidiClass defaults.
		0x05FF: R, 0x07BB: AL, 0x20C1: ET, 0xFDD0: BN, 0xFFFE: BN, 0x2065: BN, 0xE0080: BN,
		0x1EF00: R, 0x1EC70: AL, 0x0378: L,
	}
	for r, c := range classes {
		if got := ClassOf(r); got != c {
			t.Errorf("ClassOf(%U) = %v, want %v", r, got, c)
		}
	}
	if pair, bt := Bracket('\u2329'); pair != '\u232A' || bt != Open {
		t.Errorf("Bracket(U+2329) = %U, %d", pair, bt)
	}
	// Canonically equivalent brackets pair with each other (N0).
	in := []rune("אב \u2329a\u3009 x")
	if got := New(in, RTL).Levels(); got[3] != 1 || got[5] != 1 {
		t.Errorf("U+2329/U+3009 levels %v, want brackets at 1", got)
	}
}

func TestEmpty(t *testing.T) {
	p := New(nil, Auto)
	if p.BaseLevel() != 0 || len(p.Levels()) != 0 || len(p.VisualOrder(0, 0, true)) != 0 {
		t.Error("empty paragraph")
	}
}

func TestParagraphSeparatorInside(t *testing.T) {
	// X8: a paragraph separator ends embeddings and isolates; the base level stays
	// the one P2/P3 found before it.
	in := []rune("\u202Bab\u2029cd \u2067אב\u2029ef")
	p := New(in, Auto)
	want := []Level{Removed, 2, 2, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0}
	if got := p.Levels(); p.BaseLevel() != 0 || !slices.Equal(got, want) {
		t.Errorf("base %d levels %v, want 0 %v", p.BaseLevel(), got, want)
	}
	// P2 stops at the first paragraph separator.
	if p := New([]rune("1\u2029אב"), Auto); p.BaseLevel() != 0 {
		t.Errorf("base level %d, want 0", p.BaseLevel())
	}
}

// TestRandomInvariants checks, on random class sequences (paragraph separators
// included anywhere) and random runes, that resolution never panics, levels stay
// in range and every line's visual order is a permutation of its kept characters.
func TestRandomInvariants(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("aאب1٣۱+-$%.,:() []{}<>«»\t \u2029\u200D\u064E\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069")
	var p Paragraph
	for range 3000 {
		n := rnd.IntN(60)
		cls := make([]Class, n)
		rs := make([]rune, n)
		for i := range n {
			cls[i] = Class(rnd.IntN(int(PDI) + 1))
			rs[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		for pass := range 2 {
			dir := Direction(rnd.IntN(3))
			if pass == 0 {
				p.SetClasses(cls, dir)
			} else {
				p.SetText(rs, dir)
			}
			for _, l := range p.Levels() {
				if l != Removed && l > maxDepth+1 {
					t.Fatalf("level %d", l)
				}
			}
			cut := rnd.IntN(n + 1)
			for _, line := range [][2]int{{0, cut}, {cut, n}} {
				seen := map[int]bool{}
				for _, i := range p.VisualOrder(line[0], line[1], true) {
					if i < line[0] || i >= line[1] || seen[i] || p.Levels()[i] == Removed {
						t.Fatalf("bad visual order for %v / %q", cls, string(rs))
					}
					seen[i] = true
				}
				kept := 0
				for _, l := range p.LineLevels(line[0], line[1]) {
					if l != Removed {
						kept++
					}
				}
				if kept != len(seen) {
					t.Fatalf("visual order has %d of %d characters", len(seen), kept)
				}
			}
		}
	}
}

// SetTextClasses and SetTextClassSet, given the classes SetText would look up, resolve the
// same levels (brackets included, which they read from the text), and leave the classes as
// they were.
func TestSetTextClassesMatchesSetText(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	alphabet := []rune("aאب1٣۱+-$%.,:() []{}<>«»\t \u2029\u200D\u064E\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069")
	var p, q, s Paragraph
	for range 3000 {
		rs := make([]rune, rnd.IntN(60))
		cls := make([]Class, len(rs))
		var set ClassSet
		for i := range rs {
			rs[i] = alphabet[rnd.IntN(len(alphabet))]
			cls[i] = ClassOf(rs[i])
			set |= 1 << cls[i]
			if _, bt := Bracket(rs[i]); bt == Open {
				set |= OpenBracket
			}
		}
		dir := Direction(rnd.IntN(3))
		p.SetText(rs, dir)
		q.SetTextClasses(rs, cls, dir)
		s.SetTextClassSet(rs, cls, set, dir)
		for _, r := range []*Paragraph{&q, &s} {
			if p.BaseLevel() != r.BaseLevel() || !slices.Equal(p.Levels(), r.Levels()) ||
				!slices.Equal(p.LineLevels(0, len(rs)), r.LineLevels(0, len(rs))) {
				t.Fatalf("%q: SetText %v, SetTextClasses/SetTextClassSet %v", string(rs), p.Levels(), r.Levels())
			}
		}
		if !slices.Equal(cls, classesOf(rs)) {
			t.Fatalf("%q: the caller's classes were changed", string(rs))
		}
	}
}

func classesOf(rs []rune) []Class {
	cls := make([]Class, len(rs))
	for i, r := range rs {
		cls[i] = ClassOf(r)
	}
	return cls
}
