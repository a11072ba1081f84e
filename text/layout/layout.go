// Package layout turns logical paragraphs into visual terminal lines: bidi levels, shaping,
// line breaking and reordering, with a map from every cell back to the document and back.
//
// # Pipeline
//
// For each paragraph (see Paragraphs): values that are not Unicode scalars become U+FFFD;
// bidi.New resolves the levels (UAX #9 P–I rules, base level from Options.Dir); shape.Shape
// picks Arabic presentation forms in logical order (Shaping App); the paragraph is broken into
// lines in logical order at UAX #14 opportunities (github.com/rivo/uniseg), widths measured by
// RuneWidth; then each line gets the L1 levels from bidi, is reordered (L2) with combining
// marks kept after their base (L3), mirrored on odd levels (L4, bidi.Mirror) and turned into
// cells. A paragraph with no right-to-left character (no class R, AL, AN, no explicit
// formatting character) and Dir Auto or LTR is all level 0, and skips the bidi algorithm.
//
// # Cells
//
// A Cell is one terminal column. A wide character takes two cells, the second with Rune 0 and
// the same Logical. A combining mark (any printable character of width 0: Mn, Me, variation
// selectors) is drawn in its base's Cell.Marks and never separated from it, by a line break
// or otherwise; a mark with no base on its line gets a U+25CC ◌ cell of its own. A tab takes
// the cells up to the next tab stop (Options.TabWidth, counted from the line's logical start),
// each cell a space whose Logical is the tab. With a lam-alef ligature (Options.Ligatures) the
// ligature's cell carries the lam's index and the alef has no cell of its own: Column(alef) is
// the lam's cell, like a mark's Column is its base's cell.
//
// # Safety
//
// Nothing the document holds can reach the terminal as a control. C0 controls become Control
// Pictures (U+2400+c: ␀ … ␟, ESC is ␛), DEL becomes ␡ (U+2421), and every C1 control
// (U+0080–009F) becomes ␦ (U+2426, SYMBOL FOR SUBSTITUTE FORM TWO); an ANSI escape sequence is
// therefore shown as text, starting with ␛. U+FFFD passes through. Format characters (Cf:
// ZWJ, ZWNJ, soft hyphen, word joiner, BOM, the Arabic number signs U+0600–0605 and U+06DD,
// tags, …) have no cell, and neither do the bidi formatting characters (they act as in UAX
// #9 X9); Column reports -1 for them. With Options.ShowControls each bidi formatting character
// is shown as a single-cell marker, placed at the level of the character before it:
//
//	LRM U+200E  →  U+2192     LRE U+202A  ⇢  U+21E2     LRI U+2066  ⇥  U+21E5
//	RLM U+200F  ←  U+2190     RLE U+202B  ⇠  U+21E0     RLI U+2067  ⇤  U+21E4
//	ALM U+061C  ↞  U+219E     PDF U+202C  ⇣  U+21E3     FSI U+2068  ⇹  U+21F9
//	                          LRO U+202D  ⇒  U+21D2     PDI U+2069  ⇳  U+21F3
//	                          RLO U+202E  ⇐  U+21D0
//
// U+2028 LINE SEPARATOR forces a line break and has no cell.
//
// # Widths
//
// RuneWidth is the only width function; it is built on go-runewidth with a fixed condition
// (East Asian ambiguous = 1). It agrees with lipgloss.Width on every single code point of the
// Arabic, Hebrew and presentation-form blocks and of the sample corpus (width_test.go). Over
// all of Unicode it differs by design on: regional indicators (1 here, as wcwidth: a flag is
// two of them, 2 cells; lipgloss says 2 each), a few spacing marks go-runewidth treats as zero
// width (U+0CF3, U+1D165…), and characters unassigned in Go's Unicode 15 tables but assigned
// in later versions (go-runewidth's data is newer; where such a character is a mark by the
// bidi package's Unicode 16 data, e.g. U+0897 ARABIC PEPET, it is 0).
//
// # Invariants (tested, also by fuzzing)
//
// The cells of a line show a permutation of the line's displayable characters (those with a
// cell of their own); Column and LogicalAt invert each other on them; no line is wider than
// Options.Width (trailing spaces hang and lose the cells that do not fit; on a line of width 1
// a wide character is shown as …); marks stay with their base; no C0, C1, ESC or DEL is ever
// emitted; the cells of a span [s,e) are exactly those whose Logical lies in [s,e).
package layout

import "github.com/hashiya/hashiya/text/bidi"

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
	Bidi         Mode           // App: lines come out in visual order; Terminal: logical order (no mirroring, no alignment)
	Shaping      Mode           // App: Arabic presentation forms; Terminal: base letters
	Ligatures    bool           // lam-alef ligatures (only with Shaping App)
	ShowControls bool           // bidi formatting characters as visible markers
	TabWidth     int            // tab stops; 0 means 8
	Align        bool           // right-align RTL paragraphs to Width (when Width > 0, Bidi App)
}

// Range is a half-open range of document indices (code points).
type Range struct{ Start, End int }

// Cell is one terminal column of a laid-out line.
type Cell struct {
	Rune    rune   // what the cell shows (shaped, mirrored, made visible); 0 on the second column of a wide character
	Marks   []rune // combining marks drawn with Rune, in logical order
	Logical int    // document index of the character shown; -1 for padding
}

// Paragraph is one laid-out paragraph.
type Paragraph struct {
	Start, End int        // document range, separator excluded
	Level      bidi.Level // resolved base level
	Lines      []Line     // at least one, even for an empty paragraph
}

// LayoutParagraph lays out one paragraph; text holds only its characters and start is its
// document offset, so the cells carry document indices. The result owns its memory.
func LayoutParagraph(text []rune, start int, opts Options) Paragraph {
	var l Layouter
	return l.Layout(text, start, opts)
}
