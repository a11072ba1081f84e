package bidi

import "strconv"

// applyL1 records the line-independent part of L1: segment and paragraph
// separators, and the whitespace and isolate formatting characters before them,
// are reset to the paragraph level. They are rare, so p.resets keeps them as
// sorted [start,end) ranges. Trailing whitespace depends on where the line ends
// and is handled by lineTrail.
func (p *Paragraph) applyL1() {
	p.resets = p.resets[:0]
	if p.seen&(1<<S|1<<B) == 0 {
		return
	}
	for i, c := range p.orig {
		if c != S && c != B {
			continue
		}
		start := i
		for start > 0 && p.resettable(start-1) {
			start--
		}
		if k := len(p.resets); k > 0 && p.resets[k-1][1] == int32(start) {
			p.resets[k-1][1] = int32(i + 1)
		} else {
			p.resets = append(p.resets, [2]int32{int32(start), int32(i + 1)})
		}
	}
}

// resettable reports whether L1 resets character i when it precedes a separator
// or ends a line: whitespace, isolate formatting characters and, since they are
// not there any more, characters removed by X9.
func (p *Paragraph) resettable(i int) bool {
	c := p.orig[i]
	return c == WS || c >= LRI || p.levels[i] == Removed
}

// lineTrail returns the start of the trailing whitespace of the line [start,end).
func (p *Paragraph) lineTrail(start, end int) int {
	for end > start && p.resettable(end-1) {
		end--
	}
	return end
}

// l1Cursor yields the levels of a line after L1 (Removed stays Removed) for
// increasing positions.
type l1Cursor struct {
	p      *Paragraph
	trail  int
	resets [][2]int32
}

func (p *Paragraph) cursor(start, end int) l1Cursor {
	resets := p.resets
	for len(resets) > 0 && int(resets[0][1]) <= start {
		resets = resets[1:]
	}
	return l1Cursor{p, p.lineTrail(start, end), resets}
}

func (c *l1Cursor) level(i int) Level {
	l := c.p.levels[i]
	reset := i >= c.trail
	if len(c.resets) > 0 && i >= int(c.resets[0][0]) {
		if i+1 == int(c.resets[0][1]) {
			c.resets = c.resets[1:]
		}
		reset = true
	}
	if reset && l != Removed {
		l = c.p.base
	}
	return l
}

// LineLevels returns the levels of the line [start,end) of the paragraph with rule L1 applied.
func (p *Paragraph) LineLevels(start, end int) []Level {
	return p.AppendLineLevels(make([]Level, 0, end-start), start, end)
}

// AppendLineLevels is LineLevels appending to dst, so that laying out line after line
// allocates nothing.
func (p *Paragraph) AppendLineLevels(dst []Level, start, end int) []Level {
	first := len(dst)
	dst = append(dst, p.levels[start:end]...)
	out := dst[first:]
	trail := p.lineTrail(start, end)
	for i := trail - start; i < len(out); i++ { // trailing whitespace and isolates
		if out[i] != Removed {
			out[i] = p.base
		}
	}
	resets := p.resets
	lo, hi := 0, len(resets) // skip the ranges ending before the line
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(resets[m][1]) <= start {
			lo = m + 1
		} else {
			hi = m
		}
	}
	for _, r := range resets[lo:] { // separators and the whitespace before them
		if int(r[0]) >= trail {
			break
		}
		a, b := max(int(r[0]), start), min(int(r[1]), trail)
		for i := a; i < b; i++ {
			if out[i-start] != Removed {
				out[i-start] = p.base
			}
		}
	}
	return dst
}

// VisualOrder returns, for the line [start,end), the paragraph indices of its characters in
// visual order, left to right (L2), leaving out characters removed by X9. With
// reorderMarks, combining marks (NSM) follow their base in the output (L3).
func (p *Paragraph) VisualOrder(start, end int, reorderMarks bool) []int {
	return p.AppendVisualOrder(make([]int, 0, end-start), start, end, reorderMarks)
}

// AppendVisualOrder is VisualOrder appending to dst, so callers can reuse a buffer.
func (p *Paragraph) AppendVisualOrder(dst []int, start, end int, reorderMarks bool) []int {
	// While reordering, each entry is its offset in the line with the level in the
	// low 8 bits.
	if strconv.IntSize == 32 && end-start >= 1<<23 {
		panic("bidi: line too long for VisualOrder on a 32-bit platform")
	}
	first := len(dst)
	hi, lowOdd := Level(0), Level(Removed)
	c := p.cursor(start, end)
	for i := start; i < end; i++ {
		l := c.level(i)
		if l == Removed {
			continue
		}
		dst = append(dst, (i-start)<<8|int(l))
		hi = max(hi, l)
		if l&1 == 1 {
			lowOdd = min(lowOdd, l)
		}
	}
	v := dst[first:]
	// L2: from the highest level down to the lowest odd level, reverse every
	// maximal run at that level or higher.
	for lvl := hi; lvl >= lowOdd && lvl > 0; lvl-- {
		for k := 0; k < len(v); {
			if Level(v[k]) < lvl {
				k++
				continue
			}
			j := k + 1
			for j < len(v) && Level(v[j]) >= lvl {
				j++
			}
			reverse(v[k:j])
			k = j
		}
	}
	if reorderMarks {
		p.reorderMarks(v, start)
	}
	for k := range v {
		v[k] = v[k]>>8 + start
	}
	return dst
}

func reverse(s []int) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

// reorderMarks applies L3 to packed entries: in right-to-left runs L2 left each
// sequence of combining marks visually before its base; move the base in front
// of the marks so that they follow it, in logical order.
func (p *Paragraph) reorderMarks(v []int, start int) {
	orig := p.orig[start:]
	for k := 0; k < len(v); k++ {
		l := Level(v[k])
		if l&1 == 0 || orig[v[k]>>8] != NSM {
			continue
		}
		j := k + 1
		for j < len(v) && orig[v[j]>>8] == NSM && Level(v[j]) == l {
			j++
		}
		if j < len(v) && Level(v[j]) == l && v[j] < v[k] {
			b := v[j]
			copy(v[k+1:j+1], v[k:j])
			v[k] = b
			reverse(v[k+1 : j+1])
		}
		k = j
	}
}
