package layout

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/text/bidi"
	"github.com/hashiya/hashiya/text/doctext"
	"github.com/hashiya/hashiya/text/shape"
)

// smallWindows makes TextParagraph cut every paragraph into windows of a few words.
func smallWindows(t *testing.T) {
	t.Helper()
	minW, span, chunk := textWindowMin, wrapSpan, scanChunk
	textWindowMin, wrapSpan, scanChunk = 0, 24, 16
	t.Cleanup(func() { textWindowMin, wrapSpan, scanChunk = minW, span, chunk })
}

// randomParagraph mixes what makes bidi non-local: Arabic and Latin words, European and
// Arabic-Indic numbers with separators and terminators, brackets (nested, unmatched, far
// apart), neutral runs longer than a window, marks, tabs, lam-alef, joiners, and, when
// controls is set, explicit embeddings and isolates.
func randomParagraph(rng *rand.Rand, size int, controls bool) string {
	arabic := strings.Fields("معاهدة الدفاع المشترك لا إلى لأن بِسْمِ كوريا ‌پوتين مؤتمر")
	latin := strings.Fields("the treaty Pyongyang Kim v2.0 Putin's é")
	pieces := []string{"1984", "٣٤٥", "12,5", "+7", "%40", "$3.50", "۱۲", "-", "/", "…", "\t", "!", "«", "»", "\u200d", "\u00ad", "\u2028"}
	brackets := []string{"(", ")", "[", "]", "{", "}", "«(", ")»", "\u2329", "\u3009"}
	ctl := []string{"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c"}
	var b strings.Builder
	for n := 0; n < size; {
		var w string
		switch k := rng.IntN(20); {
		case k < 7:
			w = arabic[rng.IntN(len(arabic))]
		case k < 11:
			w = latin[rng.IntN(len(latin))]
		case k < 14:
			w = pieces[rng.IntN(len(pieces))]
		case k < 17:
			w = brackets[rng.IntN(len(brackets))]
		case k == 17: // a neutral run longer than a window
			w = strings.Repeat(string(" .,-!"[rng.IntN(5)]), 20+rng.IntN(80))
		case k == 18 && controls:
			w = ctl[rng.IntN(len(ctl))]
		default:
			w = "١٢ ٣"
		}
		b.WriteString(w)
		if rng.IntN(3) > 0 {
			b.WriteByte(' ')
		}
		n += len([]rune(w)) + 1
	}
	return b.String()
}

// checkTextParagraph compares every line of a TextParagraph on s with LayoutParagraph's,
// in order and then from the end backwards.
func checkTextParagraph(t *testing.T, s string, start int, opts Options) (lines int, windowed bool) {
	t.Helper()
	text := []rune(s)
	want := LayoutParagraph(text, start, opts)
	doc := doctext.New(strings.Repeat("z", start) + s) // the paragraph at document offset start
	r := Range{start, start + len(text)}
	tp := NewTextParagraph(doc, r, opts)
	if tp.Level() != want.Level || tp.Start() != start || tp.End() != start+len(text) {
		t.Fatalf("level %d [%d,%d), want %d [%d,%d)", tp.Level(), tp.Start(), tp.End(), want.Level, start, start+len(text))
	}
	for k := range want.Lines {
		got, ok := tp.Line(k)
		if !ok {
			t.Fatalf("width %d: no line %d of %d", opts.Width, k, len(want.Lines))
		}
		sameLine(t, "TextParagraph", &got, &want.Lines[k])
	}
	if _, ok := tp.Line(len(want.Lines)); ok {
		t.Fatalf("a line after the last")
	}
	if n := tp.NumLines(); n != len(want.Lines) {
		t.Fatalf("%d lines, want %d", n, len(want.Lines))
	}
	windowed = tp.Windowed()
	// A fresh one asked for a line near the end first, then the others from the end.
	tp = NewTextParagraph(doc, r, opts)
	last := len(want.Lines) - 1
	if k := tp.LineIndex(want.Lines[last].Start); k != last {
		t.Fatalf("LineIndex(%d) = %d, want %d", want.Lines[last].Start, k, last)
	}
	for k := last; k >= 0; k-- {
		got, _ := tp.Line(k)
		sameLine(t, "TextParagraph backwards", &got, &want.Lines[k])
	}
	return len(want.Lines), windowed
}

// TestTextParagraphMatchesWhole is the differential test of the windowed layout: on random
// paragraphs cut into windows of a few words, every line (its cells, their order, marks and
// columns) equals that of the paragraph laid out whole, at several widths and options.
func TestTextParagraphMatchesWhole(t *testing.T) {
	smallWindows(t)
	rng := rand.New(rand.NewPCG(17, 9))
	lines, windowed := 0, 0
	for round := range 300 {
		controls := round%5 == 4
		s := randomParagraph(rng, 50+rng.IntN(900), controls)
		explicit := strings.ContainsAny(s, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
		for wi, width := range []int{0, 1, 7, 20, 37, 80} {
			opts := goldenVariants[rng.IntN(len(goldenVariants))]
			opts.Width = width
			if rng.IntN(4) == 0 {
				opts.Dir = []bidi.Direction{bidi.Auto, bidi.LTR, bidi.RTL}[rng.IntN(3)]
			}
			n, w := checkTextParagraph(t, s, 1000*round, opts)
			if w == explicit {
				t.Fatalf("%q: windowed %v with explicit controls %v", s, w, explicit)
			}
			if lines += n; w && wi == 0 {
				windowed++
			}
		}
	}
	if windowed < 200 {
		t.Fatalf("only %d paragraphs of 300 laid out in windows", windowed)
	}
	t.Logf("%d lines compared, %d of 300 paragraphs windowed", lines, windowed)
}

// The golden inputs, cut into small windows, give the lines of the whole paragraphs.
func TestTextParagraphGoldenInputs(t *testing.T) {
	smallWindows(t)
	for _, in := range goldenInputs(t) {
		if in.name != "treaty" && in.name != "stress" {
			continue
		}
		for _, width := range []int{23, 80} {
			for _, v := range goldenVariants[:3] {
				opts := v
				opts.Width = width
				for _, r := range Paragraphs(in.text) {
					checkTextParagraph(t, string(in.text[r.Start:r.End]), r.Start, opts)
				}
			}
		}
	}
}

// Empty paragraphs and forced breaks, at the start, the end and twice in a row.
func TestTextParagraphEdges(t *testing.T) {
	smallWindows(t)
	for _, s := range []string{"", "\u2028", "ab\u2028", "\u2028ab", "a\u2028\u2028b", "abc def ghi\u2028", "(", ")a b(", strings.Repeat("(", 70) + " a b c"} {
		for _, width := range []int{0, 3} {
			checkTextParagraph(t, s, 7, Options{Width: width})
		}
	}
}

// TextParagraphs splits as Paragraphs does.
func TestTextParagraphs(t *testing.T) {
	for _, s := range []string{"", "a", "\n", "a\r\nb", "\r\r\n\n", "سطر\u2029x\u0085y\rz\n", "a\u2028b\r", "«\u0085»"} {
		got, want := TextParagraphs(doctext.New(s)), Paragraphs([]rune(s))
		if !slices.Equal(got, want) {
			t.Errorf("%q: %v, want %v", s, got, want)
		}
	}
}

// TestFormsKeepWidths: no contextual form is wider or narrower than its letter, so lines can
// be broken without shaping when there are no lam-alef ligatures (window.resolved).
func TestFormsKeepWidths(t *testing.T) {
	forms := 0
	for r := rune(0); r < 0x10000; r++ {
		p := propOf(r)
		if p&propForms == 0 || p.kind() != kNormal {
			continue
		}
		for _, c := range [][2]bool{{false, false}, {true, false}, {false, true}, {true, true}} {
			f := shape.Form(r, c[0], c[1])
			if f == r {
				continue
			}
			forms++
			l := Layouter{dw: []int8{int8(p.width())}, disp: []rune{r}}
			l.setShaped(0, f, Options{Width: 80})
			if l.dw[0] != int8(p.width()) {
				t.Errorf("%U as %U is %d cells wide, the letter %d", r, f, l.dw[0], p.width())
			}
		}
	}
	if forms < 100 {
		t.Fatalf("only %d forms", forms)
	}
}
