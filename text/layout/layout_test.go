package layout

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/bench/render/mixgen"
	"github.com/hashiya/hashiya/text/bidi"
)

func reverse(s string) string {
	r := []rune(s)
	slices.Reverse(r)
	return string(r)
}

func layoutString(t testing.TB, s string, opts Options) Paragraph {
	t.Helper()
	text := []rune(s)
	p := LayoutParagraph(text, 100, opts)
	checkParagraph(t, text, 100, opts, p)
	return p
}

func lineStrings(p Paragraph) []string {
	var out []string
	for i := range p.Lines {
		out = append(out, p.Lines[i].String())
	}
	return out
}

var plain = Options{Shaping: Terminal} // visual order, base letters: easy to write down

func TestMixedDirection(t *testing.T) {
	p := layoutString(t, "تاريخ النشر: 10th, November 2024 GMT", plain)
	if len(p.Lines) != 1 || !p.Lines[0].RTL || p.Level != 1 {
		t.Fatalf("want one RTL line, got %+v", p)
	}
	want := "10th, November 2024 GMT :" + reverse("تاريخ النشر")
	if got := p.Lines[0].String(); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	// The Latin run reads left to right: its indices increase along the columns.
	l := &p.Lines[0]
	for i := 113; i < 135; i++ {
		if l.Column(i)+1 != l.Column(i+1) {
			t.Errorf("Latin index %d at column %d, %d at %d", i, l.Column(i), i+1, l.Column(i+1))
		}
	}
	if got := layoutString(t, "Hello عالم!", plain).Lines[0].String(); got != "Hello "+reverse("عالم")+"!" {
		t.Errorf("LTR paragraph: %q", got)
	}
}

func TestMirroring(t *testing.T) {
	for in, want := range map[string]string{
		"مرحبا (عالم) [س]":   "[س] (" + reverse("عالم") + ") " + reverse("مرحبا"),
		"أ < ب":              "ب > أ",
		"«نص» {x}":           "{x} «صن»",
		"abc (def) [x]":      "abc (def) [x]",
		"(hello) مرحبا":      "(hello) " + reverse("مرحبا"),
		"مرحبا (hello) عالم": reverse("عالم") + " (hello) " + reverse("مرحبا"),
	} {
		if got := layoutString(t, in, plain).Lines[0].String(); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

func TestBidiTerminalMode(t *testing.T) {
	opts := Options{Bidi: Terminal, Shaping: Terminal, Width: 30, Align: true}
	p := layoutString(t, "مرحبا (عالم)", opts)
	if got := p.Lines[0].String(); got != "مرحبا (عالم)" {
		t.Errorf("terminal bidi: %q, want logical order without mirroring or padding", got)
	}
}

func TestShapingAndLigatures(t *testing.T) {
	p := layoutString(t, "لا", Options{})
	if got := p.Lines[0].String(); got != "\uFEFC"[0:0]+"ﺍﻟ" {
		t.Logf("shaped lam alef without ligature: %q", got)
	}
	if w := p.Lines[0].Width(); w != 2 {
		t.Errorf("lam alef without ligature: %d cells", w)
	}
	p = layoutString(t, "سلام", Options{Ligatures: true})
	l := &p.Lines[0]
	if l.Width() != 3 || l.Column(101) != l.Column(102) || l.LogicalAt(l.Column(102)) != 101 {
		t.Errorf("ligature: %q cols %d %d", l.String(), l.Column(101), l.Column(102))
	}
	if !strings.ContainsRune(l.String(), 0xFEFC) { // lam-alef final
		t.Errorf("no final lam-alef ligature in %q", l.String())
	}
	if got := layoutString(t, "سلام", plain).Lines[0].String(); got != reverse("سلام") {
		t.Errorf("shaping terminal: %q", got)
	}
}

func TestMarks(t *testing.T) {
	p := layoutString(t, "مَرْحَبًا", plain)
	l := &p.Lines[0]
	if l.Width() != 5 {
		t.Fatalf("%d cells", l.Width())
	}
	if c := l.Cells[l.Column(100)]; string(c.Marks) != "\u064E" || c.Rune != 'م' {
		t.Errorf("mim cell %+v", c)
	}
	if l.Column(101) != l.Column(100) {
		t.Errorf("fatha not on mim")
	}
	if got := l.String(); got != "ابًحَرْمَ" {
		t.Errorf("marks after their base in visual order: %q", got)
	}
	// A mark with no base gets ◌.
	l = &layoutString(t, "\u0301a", plain).Lines[0]
	if l.Cells[0].Rune != dottedCircle || string(l.Cells[0].Marks) != "\u0301" || l.Column(100) != 0 {
		t.Errorf("orphan mark: %+v", l.Cells)
	}
	// Marks stay with their base across a line break.
	for w := 1; w < 6; w++ {
		layoutString(t, "é̃é̃é̃ ñññ", Options{Width: w})
	}
}

func TestWideAndTabs(t *testing.T) {
	l := &layoutString(t, "漢a\tb", Options{TabWidth: 4}).Lines[0]
	if l.Width() != 5 || l.Cells[1].Rune != 0 || l.Cells[1].Logical != 100 || l.Column(102) != 3 {
		t.Errorf("wide/tab: %q %+v", l.String(), l.Cells)
	}
	if a, b := l.Columns(100); a != 0 || b != 2 {
		t.Errorf("Columns(wide) = %d,%d", a, b)
	}
	if a, b := l.Columns(102); a != 3 || b != 4 {
		t.Errorf("Columns(tab) = %d,%d", a, b)
	}
	p := layoutString(t, "漢字", Options{Width: 1})
	if got := lineStrings(p); !slices.Equal(got, []string{"…", "…"}) {
		t.Errorf("wide at width 1: %q", got)
	}
}

func TestControlsAreVisible(t *testing.T) {
	for in, want := range map[string]string{
		"\x1b[31mred\x1b[0m":               "␛[31mred␛[0m",
		"\x1b]0;title\x07x":                "␛]0;title␇x",
		"\x1bP1;2q#0\x1b\\":                "␛P1;2q#0␛\\",
		"\u009b31m\u009d8;;u\u009c":        "␦31m␦8;;u␦",
		"a\x00b\x7fc\x08":                  "a␀b␡c␈",
		"bad \uFFFD":                       "bad \uFFFD",
		"x\u200bz\u200d\u00ad\u2060\ufeff": "xz",
	} {
		if got := layoutString(t, in, plain).Lines[0].String(); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
	// Invalid code points become U+FFFD.
	p := LayoutParagraph([]rune{'a', 0xD800, 0x110000, -5}, 0, plain)
	if got := p.Lines[0].String(); got != "a\uFFFD\uFFFD\uFFFD" {
		t.Errorf("invalid runes: %q", got)
	}
}

func TestBidiControls(t *testing.T) {
	ctl := "\u200E\u200F\u061C\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069"
	l := &layoutString(t, "a"+ctl+"b", Options{}).Lines[0]
	if l.String() != "ab" || l.Column(101) != -1 {
		t.Errorf("hidden controls: %q", l.String())
	}
	l = &layoutString(t, "a"+ctl+"b", Options{ShowControls: true}).Lines[0]
	seen := map[rune]bool{}
	for _, r := range ctl {
		m := bidiMarker(r)
		if m == 0 || seen[m] || RuneWidth(m) != 1 {
			t.Errorf("marker for %U: %U", r, m)
		}
		seen[m] = true
	}
	if l.Width() != 14 {
		t.Errorf("with markers: %q", l.String())
	}
	// RLO reverses Latin; the result is still a permutation (checked by layoutString).
	if got := layoutString(t, "\u202Eabc\u202C", plain).Lines[0].String(); got != "cba" {
		t.Errorf("RLO: %q", got)
	}
}

func TestWrapping(t *testing.T) {
	p := layoutString(t, "one two three four", Options{Width: 9})
	if got := lineStrings(p); !slices.Equal(got, []string{"one two ", "three ", "four"}) {
		t.Errorf("got %q", got)
	}
	p = layoutString(t, "abcdefghij", Options{Width: 4})
	if got := lineStrings(p); !slices.Equal(got, []string{"abcd", "efgh", "ij"}) {
		t.Errorf("long word: %q", got)
	}
	p = layoutString(t, "ab\u2028cd\u2028", Options{})
	if got := lineStrings(p); !slices.Equal(got, []string{"ab", "cd", ""}) || p.Lines[1].Start != 103 {
		t.Errorf("U+2028: %q", got)
	}
	p = layoutString(t, "a      b", Options{Width: 3})
	if got := lineStrings(p); !slices.Equal(got, []string{"a  ", "b"}) {
		t.Errorf("hanging spaces: %q", got)
	}
	p = layoutString(t, "سلام عليكم", Options{Width: 8, Align: true, Shaping: Terminal})
	if got := lineStrings(p); !slices.Equal(got, []string{"    " + reverse("سلام"), "   " + reverse("عليكم")}) {
		t.Errorf("aligned RTL: %q", got)
	}
	if got := layoutString(t, "", Options{Width: 5}); len(got.Lines) != 1 || got.Lines[0].Width() != 0 {
		t.Errorf("empty: %+v", got)
	}
}

func TestParagraphs(t *testing.T) {
	for in, want := range map[string][]Range{
		"":               {{0, 0}},
		"a":              {{0, 1}},
		"a\nb":           {{0, 1}, {2, 3}},
		"a\r\nb\rc":      {{0, 1}, {3, 4}, {5, 6}},
		"a\u0085b\u2029": {{0, 1}, {2, 3}, {4, 4}},
		"\n\n":           {{0, 0}, {1, 1}, {2, 2}},
		"a\u2028b":       {{0, 3}},
	} {
		if got := Paragraphs([]rune(in)); !slices.Equal(got, want) {
			t.Errorf("Paragraphs(%q) = %v, want %v", in, got, want)
		}
	}
}

func readCorpus(t testing.TB) [][]rune {
	files, _ := filepath.Glob("testdata/corpus/*.txt")
	var docs [][]rune
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, []rune(string(b)))
	}
	return docs
}

func TestCorpusInvariants(t *testing.T) {
	docs := readCorpus(t)
	var l Layouter
	lines := 0
	for _, width := range []int{0, 20, 40, 80} {
		for _, opts := range []Options{
			{Width: width, Align: true},
			{Width: width, Ligatures: true, ShowControls: true},
			{Width: width, Dir: bidi.LTR, Bidi: Terminal, Shaping: Terminal},
			{Width: width, Dir: bidi.RTL, Align: true},
		} {
			for _, doc := range docs {
				for _, r := range Paragraphs(doc) {
					text := doc[r.Start:r.End]
					p := l.Layout(text, r.Start, opts)
					checkParagraph(t, text, r.Start, opts, p)
					lines += len(p.Lines)
					var want []byte
					for i := range p.Lines {
						want = append(p.Lines[i].AppendTo(want), '\n')
					}
					var l2 Layouter
					if got := l2.AppendText(nil, text, opts); string(got) != string(want) {
						t.Fatalf("AppendText %q, Layout %q", got, want)
					}
				}
			}
		}
	}
	t.Logf("%d lines checked", lines)
}

// The Layouter gives the same result as LayoutParagraph, whatever it laid out before.
func TestLayouterReuse(t *testing.T) {
	docs := readCorpus(t)
	var l Layouter
	for _, doc := range docs {
		for _, r := range Paragraphs(doc) {
			text := doc[r.Start:r.End]
			opts := Options{Width: 30, Align: true}
			a := lineStrings(l.Layout(text, r.Start, opts))
			b := lineStrings(LayoutParagraph(text, r.Start, opts))
			if !slices.Equal(a, b) {
				t.Fatalf("reuse differs: %q vs %q", a, b)
			}
		}
	}
}

// AppendTextUTF8 writes what AppendText writes for the decoded text, and refuses (appending
// nothing) invalid UTF-8 and text holding a paragraph separator other than LF.
func TestAppendTextUTF8MatchesAppendText(t *testing.T) {
	docs := readCorpus(t)
	var gen bytes.Buffer
	mixgen.New(7).Write(&gen, 200<<10, 60)
	texts := strings.Split(gen.String(), "\n")
	for _, d := range docs {
		for _, r := range Paragraphs(d) {
			texts = append(texts, string(d[r.Start:r.End]))
		}
	}
	texts = append(texts, "", "a\u2028b", "\tעברית ١٢ (x)", "لا\u0301ا")
	var l, m Layouter
	for _, opts := range []Options{{}, {Width: 20, Align: true}, {Width: 37, Ligatures: true}, {Width: 80, Bidi: Terminal}} {
		for _, text := range texts {
			want := m.AppendText(nil, []rune(text), opts)
			got, ok := l.AppendTextUTF8([]byte("x"), []byte(text), opts)
			if !ok || string(got) != "x"+string(want) {
				t.Fatalf("%q %+v: AppendTextUTF8 %q, %v; AppendText %q", text, opts, got, ok, want)
			}
		}
	}
	for _, bad := range []string{"a\xffb", "a\rb", "a\u0085b", "a\u2029b", "\xc3"} {
		if got, ok := l.AppendTextUTF8([]byte("x"), []byte(bad), Options{}); ok || string(got) != "x" {
			t.Errorf("%q: AppendTextUTF8 %q, %v; want it refused", bad, got, ok)
		}
	}
}
