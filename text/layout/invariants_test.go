package layout

import (
	"slices"
	"testing"
	"unicode"
)

// hiddenRune reports whether r legitimately has no cell of its own: format characters, bidi
// controls without ShowControls, line separators.
func hiddenRune(r rune, opts Options) bool {
	if isBidiControl(r) {
		return !opts.ShowControls
	}
	return unicode.Is(unicode.Cf, r) || r == 0x2028 || r == 0x2029
}

func isMarkRune(r rune) bool {
	r = validRune(r)
	return propOf(r).kind() == kMark
}

// checkParagraph checks every invariant of the package doc on p, the layout of text at start.
func checkParagraph(t testing.TB, text []rune, start int, opts Options, p Paragraph) {
	t.Helper()
	n := len(text)
	if p.Start != start || p.End != start+n || len(p.Lines) == 0 {
		t.Fatalf("paragraph [%d,%d) with %d lines for text of %d at %d", p.Start, p.End, len(p.Lines), n, start)
	}
	next := start
	for li := range p.Lines {
		l := &p.Lines[li]
		if l.Start != next || l.End < l.Start || l.End > start+n {
			t.Fatalf("line %d is [%d,%d), want start %d", li, l.Start, l.End, next)
		}
		next = l.End
		checkLine(t, text, start, opts, l, li == len(p.Lines)-1)
	}
	if next != start+n {
		t.Fatalf("lines end at %d, paragraph at %d", next, start+n)
	}
}

func checkLine(t testing.TB, text []rune, start int, opts Options, l *Line, last bool) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("line [%d,%d) %q (opts %+v): "+format, append([]any{l.Start, l.End, l.String(), opts}, args...)...)
	}
	if opts.Width > 0 && l.Width() > opts.Width {
		fail("%d cells wide, width %d", l.Width(), opts.Width)
	}
	s := l.String()
	if StringWidth(s) != l.Width() {
		fail("StringWidth of the text %d != %d cells", StringWidth(s), l.Width())
	}
	for _, r := range s {
		if r < 0x20 || (r >= 0x7F && r < 0xA0) || unicode.Is(unicode.Cf, r) || r == 0x2028 || r == 0x2029 {
			fail("emits %U", r)
		}
	}
	// Cells: padding only first, wide characters as two cells, marks only zero-width.
	padding := true
	for col := 0; col < len(l.Cells); col++ {
		c := l.Cells[col]
		if c.Logical == -1 {
			if !padding || c.Rune != ' ' || !(opts.Align && l.RTL) {
				fail("padding cell at %d", col)
			}
			continue
		}
		padding = false
		if c.Logical < l.Start || c.Logical >= l.End {
			fail("cell %d shows %d", col, c.Logical)
		}
		if c.Rune == 0 {
			if col == 0 || l.Cells[col-1].Logical != c.Logical {
				fail("continuation cell %d alone", col)
			}
			continue
		}
		w := RuneWidth(c.Rune)
		if w == 2 && (col+1 >= len(l.Cells) || l.Cells[col+1].Rune != 0 || l.Cells[col+1].Logical != c.Logical) {
			fail("wide %U at %d without its second cell", c.Rune, col)
		}
		if w == 0 {
			fail("zero-width %U in a cell", c.Rune)
		}
		for _, m := range c.Marks {
			if !isMarkRune(m) {
				fail("%U in Marks", m)
			}
		}
	}
	// Column and LogicalAt, the permutation, marks with their base.
	owners := map[int]bool{}
	for col := range l.Cells {
		if j := l.LogicalAt(col); j >= 0 {
			owners[j] = true
			if c := l.Column(j); c < 0 || c > col || l.LogicalAt(c) != j {
				fail("LogicalAt(%d) = %d but Column(%d) = %d", col, j, j, c)
			}
			if c := l.Column(j); c != col && l.Cells[col-1].Logical != j {
				fail("cells of %d not contiguous", j)
			}
		}
	}
	hanging := false // inside the trailing spaces that lost their cells
	for i := l.End - 1; i >= l.Start; i-- {
		r := text[i-start]
		if hiddenRune(r, opts) {
			continue
		}
		if l.Column(i) < 0 && (r == ' ' || r == '\t') && (i == l.End-1 || hanging) {
			hanging = true
			continue
		}
		hanging = false
		if i < l.End-1 && l.Column(i) < 0 && (r == ' ' || r == '\t') {
			// A space followed only by hidden characters and hanging spaces.
			ok := true
			for k := i + 1; k < l.End; k++ {
				if rk := text[k-start]; !hiddenRune(rk, opts) && !((rk == ' ' || rk == '\t') && l.Column(k) < 0) {
					ok = false
				}
			}
			if ok {
				hanging = true
				continue
			}
		}
		col := l.Column(i)
		if col < 0 {
			fail("displayable %U at %d has no cell", r, i)
		}
		owner := l.LogicalAt(col)
		if owner == i {
			delete(owners, i)
			continue
		}
		// A mark on its base, or the alef of a lam-alef ligature.
		if owner > i || owner < l.Start {
			fail("%U at %d shown by %d", r, i, owner)
		}
		cell := l.Cells[col]
		if isMarkRune(r) {
			if !slices.Contains(cell.Marks, r) {
				fail("mark %U at %d not in its base's cell %d", r, i, col)
			}
		} else if !(r >= 0x0622 && r <= 0x0627 || r == 0x0671 || r == 0x0672 || r == 0x0673 || r == 0x0675) || !opts.Ligatures {
			fail("%U at %d merged into %d", r, i, owner)
		}
	}
	if len(owners) != 0 {
		fail("cells show indices that are not displayable: %v", owners)
	}
	// Spans: the cells of [s,e) are exactly those whose Logical is in [s,e).
	step := 1 + (l.End-l.Start)/64
	for s := l.Start; s <= l.End; s += step {
		for _, e := range []int{s, s + 1, (s + l.End + 1) / 2, l.End} {
			if e < s || e > l.End {
				continue
			}
			want := map[int]bool{}
			for i := s; i < e; i++ {
				if c := l.Column(i); c >= 0 && l.LogicalAt(c) == i {
					a, b := l.Columns(i)
					for k := a; k < b; k++ {
						want[k] = true
					}
				}
			}
			for col, c := range l.Cells {
				if (c.Logical >= s && c.Logical < e) != want[col] {
					fail("span [%d,%d): cell %d (logical %d) disagrees with Columns", s, e, col, c.Logical)
				}
			}
		}
	}
}
