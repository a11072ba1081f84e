package layout

import (
	"slices"
	"unicode/utf8"

	"github.com/hashiya/hashiya/text/bidi"
	"github.com/hashiya/hashiya/text/shape"
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
		lev = bp.AppendLineLevels(l.lev[:0], l.off+ls, l.off+le)
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
		l.reorderRuns(units, l.ulev)
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
// buildLine, without building cells: one logical pass finds the units (the indices with
// cells of their own) and their levels, the units are reordered by level runs, and each is
// written with the marks that follow it.
func (l *Layouter) appendLine(dst []byte, ls, le int, base bidi.Level, bp *bidi.Paragraph, width int, opts Options) []byte {
	visual := opts.Bidi == App && bp != nil
	var lev []bidi.Level
	if visual {
		lev = bp.AppendLineLevels(l.lev[:0], ls, le)
		l.lev = lev
	}
	isBase, dw, uw := l.base[:le], l.dw[:le], l.uw[:le]
	st := newLineState(opts)
	units, ulev := l.units[:0], l.ulev[:0]
	prev, lineW := base, 0
	for i := ls; i < le; i++ {
		if visual {
			if v := lev[i-ls]; v != bidi.Removed {
				prev = v
			}
		}
		col := st.col
		var w, owner int
		if isBase[i] {
			w, st.base = int(dw[i]), i // step's common case, inline
			st.col += w
		} else if w, owner = l.step(&st, i, width); owner != i {
			continue
		}
		if width > 0 && col+w > width && l.hangs(i) { // a hanging space: no cells
			st.col = col
			continue
		}
		uw[i] = int32(w)
		lineW += w
		units = append(units, int32(i))
		ulev = append(ulev, prev)
	}
	l.units, l.ulev = units, ulev
	if visual {
		l.reorderRuns(units, ulev)
		if opts.Align && width > 0 && base&1 == 1 {
			for pad := width - lineW; pad > 0; pad-- {
				dst = append(dst, ' ')
			}
		}
	}
	disp, src, props := l.disp[:le], l.src[:le], l.props[:le]
	ulev = ulev[:len(units)]
	for k, u32 := range units {
		u := int(u32)
		w := int(uw[u])
		if w == 0 {
			continue
		}
		r := disp[u]
		switch p := props[u]; p.kind() {
		case kTab:
			for ; w > 0; w-- {
				dst = append(dst, ' ')
			}
			continue
		case kMark: // no base: drawn on a dotted circle
			dst = utf8.AppendRune(dst, dottedCircle)
			r = src[u]
		case kNormal:
			if p&propMirror != 0 && visual && ulev[k]&1 == 1 && r == src[u] {
				r = bidi.Mirror(r) // a shaped form or an ellipsis has no mirrored glyph
			}
		default:
			dst = utf8.AppendRune(dst, r)
			continue // controls and markers take no marks
		}
		dst = utf8.AppendRune(dst, r)
		if u+1 < le && !isBase[u+1] {
			dst = l.appendMarks(dst, u+1, le)
		}
	}
	return dst
}

// appendMarks appends the combining marks drawn with the base before index i: those up to
// the next index that has a cell or changes the base (see step).
func (l *Layouter) appendMarks(dst []byte, i, le int) []byte {
	for ; i < le; i++ {
		switch l.props[i].kind() {
		case kMark:
			dst = utf8.AppendRune(dst, l.src[i])
		case kHidden:
		case kBidiCtl:
			if l.dw[i] != 0 {
				return dst
			}
		case kNormal:
			if l.disp[i] != shape.Merged {
				return dst
			}
		default:
			return dst
		}
	}
	return dst
}

// levelRun is a maximal run of units at one level, [start, end) in logical order.
type levelRun struct {
	start, end int32
	level      bidi.Level
}

// reorderRuns applies rule L2 to units, whose levels are lev, run by run: the maximal runs of
// one level are reordered as L2 reverses them (from the highest level down to the lowest odd
// one, every sequence of runs at that level or higher), then each run is written forwards,
// or backwards on an odd level, which is what the reversals do to its inside. lev is
// reordered along.
func (l *Layouter) reorderRuns(units []int32, lev []bidi.Level) {
	runs := l.runs[:0]
	var hi, lowOdd bidi.Level = 0, bidi.Removed
	for i := 0; i < len(lev); {
		v := lev[i]
		j := i + 1
		for j < len(lev) && lev[j] == v {
			j++
		}
		runs = append(runs, levelRun{int32(i), int32(j), v})
		hi = max(hi, v)
		if v&1 == 1 {
			lowOdd = min(lowOdd, v)
		}
		i = j
	}
	l.runs = runs
	if lowOdd > hi {
		return // no odd level: L2 changes nothing
	}
	for level := hi; level >= lowOdd && level > 0; level-- {
		for i := 0; i < len(runs); {
			if runs[i].level < level {
				i++
				continue
			}
			j := i + 1
			for j < len(runs) && runs[j].level >= level {
				j++
			}
			slices.Reverse(runs[i:j])
			i = j
		}
	}
	logical := append(l.runUnits[:0], units...)
	l.runUnits = logical
	k := 0
	for _, r := range runs {
		from := k
		if r.level&1 == 0 {
			k += copy(units[k:], logical[r.start:r.end])
		} else {
			for j := r.end - 1; j >= r.start; j-- {
				units[k] = logical[j]
				k++
			}
		}
		for j := from; j < k; j++ {
			lev[j] = r.level
		}
	}
}
