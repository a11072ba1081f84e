package layout

import "unicode/utf8"

// A LazyParagraph finds its line break opportunities as its lines are asked for, a chunk of
// text at a time, with the loop of findBreaks: uniseg decides a break from the text before it
// and at most two runes after it, so a segment found in a chunk is the one findBreaks finds in
// the whole paragraph when it ends breakMargin runes or more before the chunk's end (or at the
// paragraph's end); the last segments of a chunk are found again from the next one.
const breakMargin = 8

// breakChunk is the runes encoded at a time (a variable for tests).
var breakChunk = 1 << 16

// breakCursor is how far the break opportunities are known: flags[i] holds brkLine for every
// i <= idx, and uniseg's state after the rune idx is state.
type breakCursor struct {
	idx, state int
}

// findBreaksTo finds the break opportunities at least up to index target (or the end).
func (p *LazyParagraph) findBreaksTo(target int) {
	l, c, n := &p.l, &p.brk, p.n
	src := l.src[:n]
	plain := plainStates()
	chunk := max(target-c.idx, 0) + breakChunk
	for c.idx < n && c.idx < target {
		end := min(n, c.idx+chunk)
		last := n // the furthest a segment found in this chunk may end
		if end < n {
			last = end - breakMargin
		}
		b := l.utf8[:0]
		for _, r := range src[c.idx:end] {
			if r < utf8.RuneSelf {
				b = append(b, byte(r))
			} else {
				b = utf8.AppendRune(b, r)
			}
		}
		l.utf8 = b
		idx, off, state := c.idx, 0, c.state
		for idx < n {
			next, st, ok := 0, 0, false
			size := 0
			if containsInt(plain, state) {
				next, size, st, ok = l.plainSegment(src, idx)
			}
			if ok {
				if next > last {
					break
				}
			} else {
				var runes int
				size, runes, st = l.lineSegment(b[off:], state)
				next = idx + runes
				if next > last {
					break
				}
			}
			idx, off, state = next, off+size, st
			if idx < n && l.graphemeBoundary(idx) {
				l.flags[idx] |= brkLine
			}
		}
		if idx == c.idx { // a segment longer than the chunk
			chunk *= 2
		}
		c.idx, c.state = idx, state
	}
}

// lineEnd is the end of the line starting at ls (see Layouter.lineEnd), finding the break
// opportunities only as far as the line needs: a line found within the known ones is final,
// one that reaches their end is looked for again with more.
func (p *LazyParagraph) lineEnd(ls int) int {
	need := 4*p.wrapAt + 256
	for {
		if lim := p.brk.idx; lim < p.n && lim-ls < need {
			p.findBreaksTo(ls + need)
		}
		lim := p.brk.idx
		end := p.l.lineEnd(ls, lim, p.wrapAt, p.opts)
		if end < lim || lim == p.n {
			return end
		}
		need *= 2
	}
}
