// Package layout turns logical paragraphs into visual terminal lines: bidi levels, shaping,
// line breaking and reordering, with a map from every cell back to the document and back.
//
// PLACEHOLDER: the exported API below is the contract the TUI and `hashiya render` build
// on; the bodies are trivial stand-ins until the real implementation lands.
package layout

import (
	"github.com/hashiya/hashiya/text/bidi"
	"github.com/mattn/go-runewidth"
)

// RuneWidth is the one width function: the number of terminal cells r occupies.
func RuneWidth(r rune) int { return runewidth.RuneWidth(r) }

// StringWidth is the width of s in cells, by RuneWidth.
func StringWidth(s string) int {
	w := 0
	for _, r := range s {
		w += RuneWidth(r)
	}
	return w
}

// Truncate cuts s to at most width cells, ending it with tail when it was cut.
func Truncate(s string, width int, tail string) string {
	return runewidth.Truncate(s, width, tail)
}

// Mode says who does a job: the app (hashiya) or the terminal.
type Mode uint8

const (
	App Mode = iota
	Terminal
)

// Options controls layout.
type Options struct {
	Width        int            // cells per line; 0 means no wrapping
	Dir          bidi.Direction // paragraph direction; Auto is UAX #9 P2/P3
	Bidi         Mode           // App: lines come out in visual order; Terminal: logical order
	Shaping      Mode           // App: Arabic presentation forms; Terminal: base letters
	Ligatures    bool           // lam-alef ligatures (only with Shaping App)
	ShowControls bool           // bidi formatting characters as visible markers
	TabWidth     int            // tab stops; 0 means 8
	Align        bool           // right-align RTL paragraphs to Width (when Width > 0)
}

// Range is a half-open range of document indices (code points).
type Range struct{ Start, End int }

// Cell is one terminal column of a laid-out line.
type Cell struct {
	Rune    rune   // what the cell shows (shaped, mirrored, made visible); 0 on the second column of a wide character
	Marks   []rune // combining marks drawn with Rune, in logical order
	Logical int    // document index of the character shown; -1 for padding
}

// Line is one visual line.
type Line struct {
	Start, End int  // document range [Start, End) laid out on this line
	RTL        bool // the paragraph's base direction is right-to-left
	Cells      []Cell
}

// Width is the number of columns the line occupies.
func (l *Line) Width() int { return len(l.Cells) }

// String is the line as plain text, in visual order.
func (l *Line) String() string { return string(l.AppendTo(nil)) }

// AppendTo appends the line's plain text to b.
func (l *Line) AppendTo(b []byte) []byte {
	for _, c := range l.Cells {
		if c.Rune == 0 {
			continue
		}
		b = append(b, string(c.Rune)...)
		for _, m := range c.Marks {
			b = append(b, string(m)...)
		}
	}
	return b
}

// Column is the first column showing document index i, or -1 when i is not on this line or
// has no cell of its own (a removed control); a mark reports its base's column.
func (l *Line) Column(i int) int {
	for col, c := range l.Cells {
		if c.Logical == i {
			return col
		}
	}
	return -1
}

// LogicalAt is the document index shown at column col, or -1.
func (l *Line) LogicalAt(col int) int {
	if col < 0 || col >= len(l.Cells) {
		return -1
	}
	return l.Cells[col].Logical
}

// Paragraph is one laid-out paragraph.
type Paragraph struct {
	Start, End int        // document range, separator excluded
	Level      bidi.Level // resolved base level
	Lines      []Line     // at least one, even for an empty paragraph
}

// Paragraphs splits text at paragraph separators (LF, CRLF, CR, NEL, U+2029).
func Paragraphs(text []rune) []Range {
	var out []Range
	start := 0
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			out = append(out, Range{start, i})
			start = i + 1
		}
	}
	return append(out, Range{start, len(text)})
}

// LayoutParagraph lays out one paragraph; text holds only its characters and start is its
// document offset, so the cells carry document indices.
func LayoutParagraph(text []rune, start int, opts Options) Paragraph {
	line := Line{Start: start, End: start + len(text)}
	for i, r := range text {
		line.Cells = append(line.Cells, Cell{Rune: r, Logical: start + i})
	}
	return Paragraph{Start: start, End: start + len(text), Lines: []Line{line}}
}
