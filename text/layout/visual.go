package layout

import (
	"unicode/utf8"

	"github.com/hashiya/hashiya/text/bidi"
)

// orderLine finds the units of the line [ls, le) (the indices with cells of their own), their
// widths and marks, and puts them in visual order in l.units. It returns the levels of the
// line and whether it is reordered (visual), and its width.
func (l *Layouter) orderLine(ls, le int, base bidi.Level, bp *bidi.Paragraph, width int, opts Options) (lev []bidi.Level, visual bool, lineW int) {
	// Logical pass: who owns each index, the units (indices with cells), their marks.
	st := newLineState(opts)
	units := l.units[:0]
	for i := ls; i < le; i++ {
		col := st.col
		w, owner := l.step(&st, i, width)
		if owner == i && width > 0 && col+w > width && l.hangs(i) { // a hanging space: drop its cells
			st.col = col
			owner, w = -1, 0
		}
		l.owner[i] = int32(owner)
		if owner == i {
			l.uw[i] = int32(w)
			lineW += w
			units = append(units, int32(i))
			m := len(l.marks)
			if l.props[i].kind() == kMark { // no base: it is drawn on ◌
				l.marks = append(l.marks, l.src[i])
			}
			l.mspan[2*i], l.mspan[2*i+1] = int32(m), int32(len(l.marks))
		} else if owner >= 0 && l.props[i].kind() == kMark {
			l.marks = append(l.marks, l.src[i])
			l.mspan[2*owner+1] = int32(len(l.marks))
		}
	}
	l.units = units

	// Levels and visual order.
	visual = opts.Bidi == App && bp != nil
	if visual {
		lev = append(l.lev[:0], bp.LineLevels(ls, le)...)
		l.lev = lev
		prev := base
		for k, v := range lev {
			if v == bidi.Removed {
				lev[k] = prev
			} else {
				prev = v
			}
		}
		l.ulev = l.ulev[:0]
		for _, u := range units {
			l.ulev = append(l.ulev, lev[int(u)-ls])
		}
		reorder(units, l.ulev)
	}
	return lev, visual, lineW
}

// buildLine appends the cells of the line [ls, le) of the paragraph to l.cells and fills
// l.cols[ls:le]. docStart is the paragraph's document offset.
func (l *Layouter) buildLine(ls, le, docStart int, base bidi.Level, bp *bidi.Paragraph, width int, opts Options) {
	lev, visual, lineW := l.orderLine(ls, le, base, bp, width, opts)
	units := l.units
	cells := l.cells
	first := len(cells)
	if visual && opts.Align && width > 0 && base&1 == 1 {
		for pad := width - lineW; pad > 0; pad-- {
			cells = append(cells, Cell{Rune: ' ', Logical: -1})
		}
	}
	for _, u32 := range units {
		u := int(u32)
		w := int(l.uw[u])
		l.cols[u] = int32(len(cells) - first)
		if w == 0 {
			l.cols[u] = -1
			continue
		}
		doc := docStart + u
		k := l.props[u].kind()
		r := l.disp[u]
		switch {
		case k == kTab:
			for ; w > 0; w-- {
				cells = append(cells, Cell{Rune: ' ', Logical: doc})
			}
			continue
		case k == kMark:
			r = dottedCircle
		case k == kNormal && visual && lev[u-ls]&1 == 1:
			r = bidi.Mirror(r)
		}
		var marks []rune
		if a, b := l.mspan[2*u], l.mspan[2*u+1]; b > a {
			marks = l.marks[a:b:b]
		}
		cells = append(cells, Cell{Rune: r, Marks: marks, Logical: doc})
		if w == 2 {
			cells = append(cells, Cell{Logical: doc})
		}
	}
	l.cells = cells
	for i := ls; i < le; i++ {
		if o := l.owner[i]; o < 0 {
			l.cols[i] = -1
		} else if int(o) != i {
			l.cols[i] = l.cols[o]
		}
	}
}

// appendLine appends the text of the line [ls, le) to dst, as Line.AppendTo would after
// buildLine, without building cells.
func (l *Layouter) appendLine(dst []byte, ls, le int, base bidi.Level, bp *bidi.Paragraph, width int, opts Options) []byte {
	lev, visual, lineW := l.orderLine(ls, le, base, bp, width, opts)
	if visual && opts.Align && width > 0 && base&1 == 1 {
		for pad := width - lineW; pad > 0; pad-- {
			dst = append(dst, ' ')
		}
	}
	for _, u32 := range l.units {
		u := int(u32)
		w := int(l.uw[u])
		if w == 0 {
			continue
		}
		r := l.disp[u]
		switch k := l.props[u].kind(); {
		case k == kTab:
			for ; w > 0; w-- {
				dst = append(dst, ' ')
			}
			continue
		case k == kMark:
			r = dottedCircle
		case k == kNormal && visual && lev[u-ls]&1 == 1:
			r = bidi.Mirror(r)
		}
		if r < utf8.RuneSelf {
			dst = append(dst, byte(r))
		} else {
			dst = utf8.AppendRune(dst, r)
		}
		for _, m := range l.marks[l.mspan[2*u]:l.mspan[2*u+1]] {
			dst = utf8.AppendRune(dst, m)
		}
	}
	return dst
}

// reorder applies rule L2 to units, whose levels are lev: from the highest level down to the
// lowest odd one, every maximal run at that level or higher is reversed. lev is reordered
// along.
func reorder(units []int32, lev []bidi.Level) {
	var hi, lowOdd bidi.Level = 0, bidi.Removed
	for _, v := range lev {
		hi = max(hi, v)
		if v&1 == 1 {
			lowOdd = min(lowOdd, v)
		}
	}
	for level := hi; level >= lowOdd && level > 0; level-- {
		for i := 0; i < len(lev); {
			if lev[i] < level {
				i++
				continue
			}
			j := i
			for j < len(lev) && lev[j] >= level {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				units[a], units[b] = units[b], units[a]
				lev[a], lev[b] = lev[b], lev[a]
			}
			i = j
		}
	}
}
