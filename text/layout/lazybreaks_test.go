package layout

import (
	"slices"
	"testing"
)

// Break opportunities found chunk by chunk are those of the whole paragraph, wherever the
// chunks end: with tiny chunks, every line of a LazyParagraph is LayoutParagraph's.
func TestLazyBreaksAcrossChunks(t *testing.T) {
	defer func(c int) { breakChunk = c }(breakChunk)
	inputs := goldenInputs(t)
	checked := 0
	for _, chunk := range []int{breakMargin + 1, 23, 200} {
		breakChunk = chunk
		for _, in := range inputs {
			if in.name != "treaty" && in.name != "stress" {
				continue
			}
			for _, width := range []int{1, 20, 37} {
				for vi, v := range goldenVariants {
					opts := v
					opts.Width = width
					for _, r := range Paragraphs(in.text) {
						text := in.text[r.Start:r.End]
						want := LayoutParagraph(text, r.Start, opts)
						lp := NewLazyParagraph(slices.Clone(text), r.Start, opts)
						for k := range want.Lines {
							got, ok := lp.Line(k)
							if !ok {
								t.Fatalf("chunk %d %s %d width %d: no line %d", chunk, in.name, vi, width, k)
							}
							sameLine(t, in.name, &got, &want.Lines[k])
							checked++
						}
						if n := lp.NumLines(); n != len(want.Lines) {
							t.Fatalf("chunk %d %s width %d: %d lines, want %d", chunk, in.name, width, n, len(want.Lines))
						}
					}
				}
			}
		}
	}
	t.Logf("%d lines compared", checked)
}
