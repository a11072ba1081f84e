package layout

import (
	"unicode/utf8"

	"github.com/hashiya/hashiya/text/shape"
)

// Break flags, per index: a line may break before it (UAX #14), or it starts a grapheme
// cluster.
const (
	brkLine uint8 = 1 << iota
	brkGrapheme
)

// breakLines splits the paragraph [0,n) into lines in logical order and appends them to
// l.spans. Lines break after U+2028 always, and, when width > 0, greedily at the last UAX #14
// opportunity that keeps the line within width (spaces and tabs may hang past it); a word
// longer than the line breaks at its last grapheme boundary that fits.
func (l *Layouter) breakLines(n, width int, opts Options) {
	width = l.prepareBreaks(n, width, opts)
	if width == 0 && !l.hasBreak {
		l.spans = append(l.spans, lineSpan{start: 0, end: n})
		return
	}
	for ls := 0; ; {
		end := l.lineEnd(ls, n, width, opts)
		l.spans = append(l.spans, lineSpan{start: ls, end: end})
		if end < n {
			ls = end
			continue
		}
		if end > ls && l.props[end-1].kind() == kBreak { // a forced break ends the paragraph
			l.spans = append(l.spans, lineSpan{start: n, end: n})
		}
		return
	}
}

// prepareBreaks finds the break opportunities of the paragraph [0,n) when it must be wrapped
// at width, and returns the width to wrap at: 0 when it fits on one line.
func (l *Layouter) prepareBreaks(n, width int, opts Options) int {
	if width > 0 && (l.ink > width || !l.fits(n, width, opts)) { // wider ink cannot fit
		l.findBreaks(n)
		return width
	}
	return 0
}

// lineEnd is the end of the line starting at ls: after a U+2028, or, when width > 0, at the
// last break opportunity that keeps the line within width.
func (l *Layouter) lineEnd(ls, n, width int, opts Options) int {
	st := newLineState(opts)
	if width == 0 { // forced breaks only
		for i := ls; i < n; i++ {
			if l.props[i].kind() == kBreak {
				return i + 1
			}
		}
		return n
	}
	lastOpp := -1
	isBase, dw, flags, src := l.base[:n], l.dw[:n], l.flags[:n], l.src[:n]
	for i := ls; i < n; i++ {
		if isBase[i] { // step's common case, inline; a line may start at any base
			if flags[i]&brkLine != 0 && i > ls {
				lastOpp = i
			}
			w := int(dw[i])
			st.base = i
			st.col += w
			if st.col <= width || w == 0 || (src[i] == ' ' && l.hangs(i)) {
				continue
			}
		} else {
			if i > ls && flags[i]&brkLine != 0 && l.breakOK(i) {
				lastOpp = i
			}
			if l.props[i].kind() == kBreak {
				return i + 1
			}
			w, _ := l.step(&st, i, width)
			if w == 0 || st.col <= width || l.hangs(i) {
				continue
			}
		}
		if lastOpp > ls {
			return lastOpp
		}
		return l.emergencyBreak(ls, i)
	}
	return n
}

// fits reports whether the paragraph fits on one line of width cells with no forced break.
func (l *Layouter) fits(n, width int, opts Options) bool {
	st := newLineState(opts)
	for i := 0; i < n; i++ {
		if l.props[i].kind() == kBreak {
			return false
		}
		w, _ := l.step(&st, i, 0)
		if w > 0 && st.col > width && !l.hangs(i) {
			return false
		}
	}
	return true
}

// breakOK reports whether a line may start at i: never on a combining mark or the alef of a
// lam-alef ligature, which belong to the character before them.
func (l *Layouter) breakOK(i int) bool {
	return l.props[i].kind() != kMark && l.disp[i] != shape.Merged
}

// emergencyBreak is where a line [ls, …) with no break opportunity ends when index i does not
// fit: the last grapheme boundary after ls, or i itself (which starts a new cell, so no mark
// is cut from its base).
func (l *Layouter) emergencyBreak(ls, i int) int {
	l.findGraphemes(ls, i)
	for j := i; j > ls; j-- {
		if l.flags[j]&brkGrapheme != 0 && l.breakOK(j) {
			return j
		}
	}
	return i
}

// findBreaks fills l.flags with brkLine: the UAX #14 line break opportunities of the
// paragraph that are also grapheme cluster boundaries (by uniseg, on its UTF-8 form).
func (l *Layouter) findBreaks(n int) {
	l.flags = grow(l.flags, n+1)
	clear(l.flags)
	b := l.utf8src
	if b == nil {
		b = l.utf8[:0]
		for _, r := range l.src[:n] {
			if r < utf8.RuneSelf {
				b = append(b, byte(r))
			} else {
				b = utf8.AppendRune(b, r)
			}
		}
		l.utf8 = b
	}
	src := l.src[:n]
	plain := plainStates()
	idx, off, state := 0, 0, -1
	if n > 0 && isPlainWord(src[0]) && plainLead(src[0]) {
		r := src[0]
		// UAX #14 treats a letter or digit at the start of the text as after a space
		// (LB2, LB18): the machine is in the state leadState gives for it.
		if st := l.leadState(r); containsInt(plain, st) {
			state = st
		}
	}
	for off < len(b) {
		if containsInt(plain, state) {
			if next, size, st, ok := l.plainSegment(src, idx); ok {
				off += size
				idx, state = next, st
				if next < n && l.graphemeBoundary(idx) {
					l.flags[idx] |= brkLine
				}
				continue
			}
		}
		var size, runes int
		size, runes, state = l.lineSegment(b[off:], state)
		off += size
		idx += runes
		if off < len(b) && l.graphemeBoundary(idx) {
			l.flags[idx] |= brkLine
		}
	}
}
