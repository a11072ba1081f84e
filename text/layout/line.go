package layout

import "unicode/utf8"

// Line is one visual line.
type Line struct {
	Start, End int  // document range [Start, End) laid out on this line
	RTL        bool // the paragraph's base direction is right-to-left
	Cells      []Cell

	// col[i-Start] is the first column showing document index i (a mark's or a merged
	// alef's is its base's), or -1 when i has no cell.
	col []int32
}

// Width is the number of columns the line occupies.
func (l *Line) Width() int { return len(l.Cells) }

// String is the line as plain text, in visual order.
func (l *Line) String() string { return string(l.AppendTo(nil)) }

// AppendTo appends the line's plain text (UTF-8) to b.
func (l *Line) AppendTo(b []byte) []byte {
	for i := range l.Cells {
		c := &l.Cells[i]
		if c.Rune == 0 {
			continue
		}
		b = utf8.AppendRune(b, c.Rune)
		for _, m := range c.Marks {
			b = utf8.AppendRune(b, m)
		}
	}
	return b
}

// Column is the first column showing document index i, or -1 when i is not on this line or
// has no cell of its own (a hidden format character, a hanging space that did not fit); a mark
// reports its base's column, the alef of a lam-alef ligature the ligature's.
func (l *Line) Column(i int) int {
	if i < l.Start || i >= l.End {
		return -1
	}
	if l.col == nil { // a Line built by hand
		for col, c := range l.Cells {
			if c.Logical == i {
				return col
			}
		}
		return -1
	}
	return int(l.col[i-l.Start])
}

// Columns is the half-open range of columns [first, end) showing document index i: two
// columns for a wide character, the tab's for a tab, the base's for a mark; (-1, -1) when
// Column(i) is -1.
func (l *Line) Columns(i int) (first, end int) {
	first = l.Column(i)
	if first < 0 {
		return -1, -1
	}
	owner := l.Cells[first].Logical
	end = first + 1
	for end < len(l.Cells) && l.Cells[end].Logical == owner {
		end++
	}
	return first, end
}

// LogicalAt is the document index shown at column col, or -1.
func (l *Line) LogicalAt(col int) int {
	if col < 0 || col >= len(l.Cells) {
		return -1
	}
	return l.Cells[col].Logical
}
