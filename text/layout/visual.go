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
// cells of their own; uw[i] is -1 for the others) and cuts the line into runs of indices
// whose units share a level, the runs are reordered (L2), and each run is written forwards,
// or backwards on an odd level, each unit with the marks that follow it.
func (l *Layouter) appendLine(dst []byte, ls, le int, base bidi.Level, bp *bidi.Paragraph, width int, opts Options) []byte {
	visual := opts.Bidi == App && bp != nil
	var lev []bidi.Level
	if visual {
		lev = bp.AppendLineLevels(l.lev[:0], ls, le)
		l.lev = lev
	}
	lineW := l.lineUnits(ls, le, width, opts)
	var hi, lowOdd bidi.Level = 0, bidi.Removed
	runs := l.runs[:0]
	if visual {
		runs = levelRuns(grow(l.runs, le-ls+1), lev[:le-ls], l.uw[ls:le], ls, base)
		hi, lowOdd = levelSpan(runs)
	}
	if visual && opts.Align && width > 0 && base&1 == 1 {
		for pad := width - lineW; pad > 0; pad-- {
			dst = append(dst, ' ')
		}
	}
	l.runs = runs
	if !visual || lowOdd > hi { // no odd level: L2 changes nothing
		return l.appendRange(dst, ls, le, le, false)
	}
	reverseRuns(runs, hi, lowOdd)
	for _, r := range runs {
		if r.level&1 == 0 {
			dst = l.appendRange(dst, int(r.start), int(r.end), le, false)
			continue
		}
		dst = l.appendRange(dst, int(r.start), int(r.end), le, true)
	}
	return dst
}

// levelRuns cuts a line starting at ls, whose levels are lev and the cells of its indices uw
// (-1: not a unit), into the runs of units at one level, each index joining the run before
// it when it is not a unit, and returns them in runs, which must have room for len(lev)+1.
// A loop of its own, without calls: in appendLine the compiler kept its variables in memory.
func levelRuns(runs []levelRun, lev []bidi.Level, uw []int32, ls int, base bidi.Level) []levelRun {
	uw = uw[:len(lev)]
	nr := 0
	prev := base
	runStart, runLevel := 0, bidi.Removed // the open run, and its level (Removed: no unit yet)
	for k, v := range lev {
		if v != bidi.Removed {
			prev = v
		}
		if prev == runLevel || uw[k] < 0 {
			continue
		}
		if runLevel != bidi.Removed && nr < len(runs) {
			runs[nr] = levelRun{int32(ls + runStart), int32(ls + k), runLevel}
			nr++
			runStart = k
		}
		runLevel = prev
	}
	runs[nr] = levelRun{int32(ls + runStart), int32(ls + len(lev)), runLevel}
	return runs[:nr+1]
}

// levelSpan returns the highest level of runs and the lowest odd one (Removed: none).
func levelSpan(runs []levelRun) (hi, lowOdd bidi.Level) {
	lowOdd = bidi.Removed
	for _, r := range runs {
		hi = max(hi, r.level)
		if r.level&1 == 1 {
			lowOdd = min(lowOdd, r.level)
		}
	}
	return hi, lowOdd
}

// lineUnits sets uw[i] for the line [ls, le): the cells of index i when it has cells of its
// own (a unit), else -1; it returns the line's width.
func (l *Layouter) lineUnits(ls, le, width int, opts Options) (lineW int) {
	isBase, dw, uw, src := l.base[:le], l.dw[:le], l.uw[:le], l.src[:le]
	tab := newLineState(opts).tab
	col, sb := 0, -1 // the lineState, in registers: step is for the uncommon characters
	for i := ls; i < le; i++ {
		var w int
		if isBase[i] { // step's common case, inline
			if j, cells := baseUnits(isBase, dw, uw, i, col, width); j > i {
				col += cells
				lineW += cells
				sb, i = j-1, j-1
				continue
			}
			w, sb = int(dw[i]), i
			if width > 0 && col+w > width && src[i] == ' ' && l.hangs(i) { // a hanging space: no cells
				uw[i] = -1
				continue
			}
			col += w
		} else {
			st := lineState{col: col, base: sb, tab: tab}
			var owner int
			w, owner = l.step(&st, i, width)
			sb = st.base
			if owner != i {
				col = st.col
				uw[i] = -1
				continue
			}
			if width > 0 && col+w > width && l.hangs(i) { // a hanging tab: no cells
				uw[i] = -1
				continue
			}
			col = st.col
		}
		uw[i] = int32(w)
		lineW += w
	}
	return lineW
}

// baseUnits sets uw to dw for the base characters from i on, as lineUnits would, up to the
// first other index or the first that does not fit in width (when width > 0), where col is
// the column at i; it returns where it stopped and the cells it counted. A loop without
// calls, so that its variables stay in registers.
func baseUnits(isBase []bool, dw []int8, uw []int32, i, col, width int) (int, int) {
	limit := width
	if width <= 0 {
		limit = int(^uint(0) >> 1)
	}
	uw = uw[:len(isBase)]
	dw = dw[:len(isBase)]
	start := col
	for ; i < len(isBase) && isBase[i]; i++ {
		w := int(dw[i])
		if col+w > limit {
			break
		}
		uw[i] = int32(w)
		col += w
	}
	return i, col - start
}

// appendRange appends the units of [s, e) (uw >= 0), in logical order or, on a
// right-to-left level (odd), in reverse and mirrored; le is the end of the line. A base
// character shown as a code point below U+10000, unmirrored, with no marks after it (the
// common case) is encoded inline, in room grown beforehand; appendUnit does the rest.
func (l *Layouter) appendRange(dst []byte, s, e, le int, odd bool) []byte {
	uw, disp, props, isBase := l.uw[:le], l.disp[:le], l.props[:le], l.base[:le]
	if s < 0 || e > le || s >= e {
		return dst
	}
	slow := kindMask // props that take appendUnit
	if odd {
		slow |= propMirror
	}
	buf, k := roomFor(dst, e-s)
	if !odd {
		for i := s; i < e; i++ {
			w, p, r := uw[i], props[i], disp[i]
			if w <= 0 {
				continue // no cell of its own, or a tab clamped to nothing
			}
			if p&slow != 0 || uint32(r) >= 0x10000 || (i+1 < le && !isBase[i+1]) {
				buf, k = roomFor(l.appendUnit(buf[:k], i, le, odd), e-i)
				continue
			}
			switch {
			case r < utf8.RuneSelf:
				buf[k] = byte(r)
				k++
			case r < 0x800:
				_ = buf[k+1]
				buf[k], buf[k+1] = 0xC0|byte(r>>6), 0x80|byte(r)&0x3F
				k += 2
			default:
				_ = buf[k+2]
				buf[k], buf[k+1], buf[k+2] = 0xE0|byte(r>>12), 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F
				k += 3
			}
		}
		return buf[:k]
	}
	for i := e - 1; i >= s; i-- {
		w, p, r := uw[i], props[i], disp[i]
		if w <= 0 {
			continue
		}
		if p&slow != 0 || uint32(r) >= 0x10000 || (i+1 < le && !isBase[i+1]) {
			buf, k = roomFor(l.appendUnit(buf[:k], i, le, odd), i-s+1)
			continue
		}
		switch {
		case r < utf8.RuneSelf:
			buf[k] = byte(r)
			k++
		case r < 0x800:
			_ = buf[k+1]
			buf[k], buf[k+1] = 0xC0|byte(r>>6), 0x80|byte(r)&0x3F
			k += 2
		default:
			_ = buf[k+2]
			buf[k], buf[k+1], buf[k+2] = 0xE0|byte(r>>12), 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F
			k += 3
		}
	}
	return buf[:k]
}

// roomFor returns dst grown to its capacity, with room for the inline encoding of n units
// (3 bytes each) after its length k.
func roomFor(dst []byte, n int) (buf []byte, k int) {
	if cap(dst)-len(dst) < 3*n {
		dst = slices.Grow(dst, 3*n)
	}
	return dst[:cap(dst)], len(dst)
}

// appendUnit appends unit i of a line ending at le (uw[i] > 0) with the marks drawn on it,
// mirrored on an odd level.
func (l *Layouter) appendUnit(dst []byte, i, le int, odd bool) []byte {
	w := l.uw[i]
	r := l.disp[i]
	switch p := l.props[i]; p.kind() {
	case kNormal:
		if p&propMirror != 0 && odd && r == l.src[i] {
			r = bidi.Mirror(r) // a shaped form or an ellipsis has no mirrored glyph
		}
	case kTab:
		for ; w > 0; w-- {
			dst = append(dst, ' ')
		}
		return dst
	case kMark: // no base: drawn on a dotted circle
		dst = utf8.AppendRune(dst, dottedCircle)
		r = l.src[i]
	default:
		return utf8.AppendRune(dst, r) // controls and markers take no marks
	}
	dst = utf8.AppendRune(dst, r)
	if i+1 < le && !l.base[i+1] {
		dst = l.appendMarks(dst, i+1, le)
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
	reverseRuns(runs, hi, lowOdd)
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

// reverseRuns applies the reversals of rule L2 to runs, whose highest level is hi and lowest
// odd level lowOdd: from hi down to lowOdd, every sequence of runs at that level or higher.
func reverseRuns(runs []levelRun, hi, lowOdd bidi.Level) {
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
}
