package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/hashiya/hashiya/text/bidi"
	"github.com/hashiya/hashiya/text/layout"
)

// textWidth is the width in cells of a possibly styled string, by the engine's one width
// function; every measure in the TUI goes through it.
func textWidth(s string) int { return layout.StringWidth(ansi.Strip(s)) }

// visual returns short text (a title, a file name, a status message) in visual order,
// shaped and made safe by the same engine as the documents, cut to width cells (0: no
// limit). Nothing reaches the terminal without passing through the engine.
func visual(s string, width int, opts layout.Options) string {
	opts.Width, opts.Align = 0, false
	// Cut in logical order, so an RTL title loses its end, not its beginning.
	if width > 0 && layout.StringWidth(s) > width {
		s = layout.Truncate(s, width, "…")
	}
	var b strings.Builder
	runes := []rune(s)
	for i, pr := range layout.Paragraphs(runes) {
		if i > 0 {
			b.WriteByte(' ')
		}
		p := layout.LayoutParagraph(runes[pr.Start:pr.End], pr.Start, opts)
		for _, l := range p.Lines {
			b.WriteString(l.String())
		}
	}
	return b.String()
}

// visualLTR lays out s inside an LTR frame (UI chrome is left-to-right; an Arabic title
// inside it still reads right to left).
func visualLTR(s string, width int, opts layout.Options) string {
	opts.Dir = bidi.LTR
	return visual(s, width, opts)
}
