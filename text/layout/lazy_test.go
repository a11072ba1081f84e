package layout

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/text/bidi"
)

func sameLine(t *testing.T, what string, got, want *Line) {
	t.Helper()
	if got.Start != want.Start || got.End != want.End || got.RTL != want.RTL || got.String() != want.String() {
		t.Fatalf("%s: line [%d,%d) %q, want [%d,%d) %q", what, got.Start, got.End, got.String(), want.Start, want.End, want.String())
	}
	for c := range want.Cells {
		g, w := got.Cells[c], want.Cells[c]
		if g.Rune != w.Rune || g.Logical != w.Logical || !slices.Equal(g.Marks, w.Marks) {
			t.Fatalf("%s: line [%d,%d) cell %d is %+v, want %+v", what, want.Start, want.End, c, g, w)
		}
	}
	for i := want.Start; i < want.End; i++ {
		if got.Column(i) != want.Column(i) {
			t.Fatalf("%s: Column(%d) = %d, want %d", what, i, got.Column(i), want.Column(i))
		}
	}
}

// A LazyParagraph gives the lines of LayoutParagraph, whatever order they are asked for in.
func TestLazyParagraphMatchesLayout(t *testing.T) {
	inputs := goldenInputs(t)
	rng := rand.New(rand.NewPCG(3, 4))
	checked := 0
	for _, in := range inputs {
		if in.name != "treaty" && in.name != "stress" {
			continue // the others are the same kinds of text, longer
		}
		for _, width := range []int{0, 20, 37, 80} {
			for vi, v := range goldenVariants {
				opts := v
				opts.Width = width
				for _, r := range Paragraphs(in.text) {
					text := in.text[r.Start:r.End]
					want := LayoutParagraph(text, r.Start, opts)
					lp := NewLazyParagraph(slices.Clone(text), r.Start, opts)
					if lp.Level() != want.Level || lp.Start() != r.Start || lp.End() != r.End {
						t.Fatalf("%s %d: level %d [%d,%d), want %d [%d,%d)", in.name, vi, lp.Level(), lp.Start(), lp.End(), want.Level, r.Start, r.End)
					}
					// First a line from the middle, found by index, then every line.
					mid := r.Start + rng.IntN(r.End-r.Start+1)
					k := slices.IndexFunc(want.Lines, func(l Line) bool { return mid < l.End })
					if k < 0 {
						k = len(want.Lines) - 1
					}
					if got := lp.LineIndex(mid); got != k {
						t.Fatalf("%s width %d: LineIndex(%d) = %d, want %d", in.name, width, mid, got, k)
					}
					got := lp.LineAt(mid)
					sameLine(t, in.name, &got, &want.Lines[k])
					if n := lp.NumLines(); n != len(want.Lines) {
						t.Fatalf("%s width %d: %d lines, want %d", in.name, width, n, len(want.Lines))
					}
					for k := range want.Lines {
						got, ok := lp.Line(k)
						if !ok {
							t.Fatalf("no line %d", k)
						}
						sameLine(t, in.name, &got, &want.Lines[k])
						checked++
					}
					if _, ok := lp.Line(len(want.Lines)); ok {
						t.Fatalf("a line after the last")
					}
				}
			}
		}
	}
	t.Logf("%d lines compared", checked)
}

// Empty paragraphs and forced breaks, at the start, the end and twice in a row.
func TestLazyParagraphEdges(t *testing.T) {
	for _, s := range []string{"", "\u2028", "ab\u2028", "\u2028ab", "a\u2028\u2028b", "abc def ghi\u2028"} {
		for _, width := range []int{0, 3} {
			opts := Options{Width: width}
			want := LayoutParagraph([]rune(s), 7, opts)
			lp := NewLazyParagraph([]rune(s), 7, opts)
			if n := lp.NumLines(); n != len(want.Lines) {
				t.Fatalf("%q width %d: %d lines, want %d", s, width, n, len(want.Lines))
			}
			for k := range want.Lines {
				got, _ := lp.Line(k)
				sameLine(t, s, &got, &want.Lines[k])
			}
			if k := lp.LineIndex(7 + len([]rune(s))); k != len(want.Lines)-1 {
				t.Fatalf("%q width %d: LineIndex(End) = %d, want the last line %d", s, width, k, len(want.Lines)-1)
			}
		}
	}
}

// cellOrder is the document indices a line shows, left to right, each once.
func cellOrder(l *Line) []int {
	var out []int
	for _, c := range l.Cells {
		if c.Logical >= 0 && (len(out) == 0 || out[len(out)-1] != c.Logical) {
			out = append(out, c.Logical)
		}
	}
	return out
}

// TestLongIsolateLastLine lays out a paragraph of 100,000 code points inside one right-to-left
// isolate (RLI at its start, PDI at its end) and checks the visual order of its last line
// against bidi resolved over the whole paragraph.
func TestLongIsolateLastLine(t *testing.T) {
	const size = 100_000
	arabic := strings.Fields("معاهدة الدفاع المشترك كوريا الشمالية الرئيس الروسي")
	latin := strings.Fields("the treaty was signed in Pyongyang by Putin and Kim")
	rng := rand.New(rand.NewPCG(5, 6))
	text := []rune{0x2067} // RLI
	for len(text) < size-1 {
		// Mostly Arabic, then, for the last 30,000 code points, mostly Latin: a layout that
		// cut the paragraph in chunks would resolve the last one left to right.
		words, other := arabic, latin
		if len(text) > size-30_000 {
			words, other = latin, arabic
		}
		w := words[rng.IntN(len(words))]
		if rng.IntN(5) == 0 {
			w = other[rng.IntN(len(other))]
		}
		text = append(text, []rune(w+" ")...)
	}
	text = append(text[:size-1], 0x2069) // PDI
	opts := Options{Width: 80, Shaping: Terminal}

	lp := NewLazyParagraph(text, 0, opts)
	n := lp.NumLines()
	last, ok := lp.Line(n - 1)
	if !ok || last.End != size || n < 1000 {
		t.Fatalf("%d lines, the last [%d,%d)", n, last.Start, last.End)
	}
	checkLine(t, text, 0, opts, &last, true)
	if at := lp.LineAt(size - 1); at.Start != last.Start {
		t.Fatalf("LineAt(%d) starts at %d, the last line at %d", size-1, at.Start, last.Start)
	}

	// The indices bidi puts in visual order, left out those without a cell (the PDI,
	// a hanging space).
	visible := func(order []int) []int {
		return slices.DeleteFunc(order, func(i int) bool { return last.Column(i) < 0 })
	}
	whole := bidi.New(text, bidi.Auto)
	want := visible(whole.VisualOrder(last.Start, last.End, true))
	if got := cellOrder(&last); !slices.Equal(got, want) {
		t.Fatalf("last line %q: order %v,\nwant %v", last.String(), got, want)
	}
	lines := LayoutParagraph(text, 0, opts).Lines
	sameLine(t, "LayoutParagraph", &last, &lines[len(lines)-1])

	// The test has teeth: resolved without the start of the paragraph, as a layout cut in
	// chunks of 16,384 code points would, the last line comes out otherwise.
	cut := size - 16_384
	chunk := bidi.New(text[cut:], bidi.Auto)
	order := chunk.VisualOrder(last.Start-cut, last.End-cut, true)
	for k := range order {
		order[k] += cut
	}
	if slices.Equal(visible(order), want) {
		t.Fatal("the last line has the same order when resolved on its own: the test proves nothing")
	}
}
