package layout

import "sort"

// more finds the next line; false when every line is known, or when the paragraph switched
// to the fallback (p.whole).
func (p *TextParagraph) more() bool {
	if p.complete || p.whole != nil {
		return false
	}
	n := p.sc.n
	ls := 0
	if k := len(p.ends); k > 0 {
		ls = int(p.ends[k-1])
		if ls == n { // only a forced break at the very end leaves an empty last line
			p.ends = append(p.ends, int32(n))
			p.complete = true
			return true
		}
	}
	if p.width == 0 {
		if p.sc.scanTo(n); p.sc.fallback() {
			p.layWhole()
			return false
		}
		if !p.sc.lineSep {
			p.ends = append(p.ends, int32(n))
			p.complete = true
			return true
		}
	}
	end := p.lineEnd(ls)
	if end < 0 {
		return false
	}
	p.ends = append(p.ends, int32(end))
	if end == n {
		w := &p.wrapWin
		if !(end > ls && w.l.props[end-1-w.a].kind() == kBreak) {
			p.complete = true
		}
	}
	return true
}

// lineEnd is the end of the line starting at ls, found in a window that reaches far enough
// past it; a line reaching the end of what is known is looked for again further. It is -1
// when the paragraph switched to the fallback.
func (p *TextParagraph) lineEnd(ls int) int {
	n := p.sc.n
	need := 4*p.width + 256
	for {
		w := p.wrapWindow(ls, need)
		if w == nil {
			return -1
		}
		lim := w.hi
		if p.width > 0 {
			lim = min(lim, p.brk.idx)
		}
		end := w.l.lineEnd(ls-w.a, lim-w.a, p.width, p.opts) + w.a
		if end < lim || lim == n {
			return end
		}
		need *= 2
	}
}

// wrapWindow is the window lines are found in, holding at least need code points past ls
// (or the paragraph's end) with their break opportunities found; nil when the paragraph
// switched to the fallback.
func (p *TextParagraph) wrapWindow(ls, need int) *window {
	n := p.sc.n
	w := &p.wrapWin
	if !w.covers(ls, min(n, ls+need+breakMargin)) {
		// The opportunities found in [ls, brk.idx] stay: the next ones are found from there.
		var carry []uint8
		if w.ok && p.brk.idx >= ls {
			carry = append(carry, w.l.flags[ls-w.a:p.brk.idx-w.a+1]...)
		}
		if !p.build(w, ls, min(n, ls+max(need, wrapSpan)), p.opts.Ligatures) {
			return nil
		}
		copy(w.l.flags[ls-w.a:], carry)
	}
	if p.width > 0 {
		p.findBreaksIn(w)
	}
	return w
}

// findBreaksIn finds the break opportunities from brk.idx as far as the window's exact range
// allows, with the loop of findBreaksTo (lazybreaks.go) in window indices.
func (p *TextParagraph) findBreaksIn(w *window) {
	c, sc := &p.brk, p.sc
	last := sc.n // the furthest a segment found in the window may end
	if w.hi < sc.n {
		last = w.hi - breakMargin
	}
	if c.idx >= last {
		return
	}
	l := &w.l
	l.utf8 = append(l.utf8[:0], sc.s[sc.byteAt(c.idx):sc.byteAt(w.b)]...)
	b, src := l.utf8, l.src
	nw, lastW := w.b-w.a, last-w.a
	plain := plainStates()
	idx, off, state := c.idx-w.a, 0, c.state
	for idx < nw {
		next, st, ok := 0, 0, false
		size := 0
		if containsInt(plain, state) {
			next, size, st, ok = l.plainSegment(src, idx)
		}
		if !ok {
			var runes int
			size, runes, st = l.lineSegment(b[off:], state)
			next = idx + runes
		}
		if next > lastW {
			break
		}
		idx, off, state = next, off+size, st
		if idx < nw && l.graphemeBoundary(idx) {
			l.flags[idx] |= brkLine
		}
	}
	c.idx, c.state = idx+w.a, state
}

// NumLines is the number of lines; it finds them all (no cells are built).
func (p *TextParagraph) NumLines() int {
	for p.more() {
	}
	if p.whole != nil {
		return p.whole.NumLines()
	}
	return len(p.ends)
}

// LineIndex is the number of the line that holds document index i: the first line for an
// index before the paragraph, the last one for an index at or after its end. It finds the
// lines only up to that one.
func (p *TextParagraph) LineIndex(i int) int {
	for len(p.ends) == 0 || int(p.ends[len(p.ends)-1]) <= i-p.start {
		if !p.more() {
			break
		}
	}
	if p.whole != nil {
		return p.whole.LineIndex(i)
	}
	i -= p.start
	e := p.ends
	k := sort.Search(len(e), func(k int) bool { return int(e[k]) > i })
	return min(k, len(e)-1)
}

// Line lays out line k (from 0); ok is false when there is no line k. The Line owns its
// memory.
func (p *TextParagraph) Line(k int) (line Line, ok bool) {
	if k < 0 {
		return Line{}, false
	}
	for len(p.ends) <= k && p.more() {
	}
	if p.whole != nil {
		return p.whole.Line(k)
	}
	if len(p.ends) <= k {
		return Line{}, false
	}
	ls, le := 0, int(p.ends[k])
	if k > 0 {
		ls = int(p.ends[k-1])
	}
	w := &p.wrapWin
	if !w.resolved || !w.covers(ls, le) {
		w = &p.lineWin
		if !w.covers(ls, le) && !p.build(w, ls, max(le, min(p.sc.n, ls+lineReach)), true) {
			return p.whole.Line(k)
		}
	}
	l := &w.l
	l.cells, l.marks = l.cells[:0], l.marks[:0]
	docStart := p.start + w.a
	l.buildLine(ls-w.a, le-w.a, docStart, p.base, w.bp, p.width, p.opts)
	return ownLine(l, ls-w.a, le-w.a, docStart, p.base&1 == 1), true
}

// lineReach is how far past a line's start the window it is built in reaches, so the lines
// after it are built in the same window (a screen of them, at least).
const lineReach = 1 << 12

// LineAt lays out the line that holds document index i (see LineIndex).
func (p *TextParagraph) LineAt(i int) Line {
	line, _ := p.Line(p.LineIndex(i))
	return line
}

// ownLine copies the line [ls, le) that l has just built (cells, marks, columns) into memory
// of its own; docStart is the document offset of l's index 0.
func ownLine(l *Layouter, ls, le, docStart int, rtl bool) Line {
	cells := make([]Cell, len(l.cells))
	copy(cells, l.cells)
	if len(l.marks) > 0 { // the marks of unit u are l.marks[mspan[2u]:mspan[2u+1]]
		marks := make([]rune, len(l.marks))
		copy(marks, l.marks)
		for i := range cells {
			if len(cells[i].Marks) > 0 {
				u := cells[i].Logical - docStart
				a, b := l.mspan[2*u], l.mspan[2*u+1]
				cells[i].Marks = marks[a:b:b]
			}
		}
	}
	col := make([]int32, le-ls)
	copy(col, l.cols[ls:le])
	return Line{Start: docStart + ls, End: docStart + le, RTL: rtl, Cells: cells, col: col}
}
