package layout

import (
	"encoding/binary"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Line breaking runs uniseg's UAX #14 state machine one segment (the text up to the next
// break opportunity) at a time. Its results depend only on the state it starts in and on the
// bytes it reads: the segment, the rune after it and, unless that is a letter or an ASCII
// digit, the one after that (rule LB25 looks ahead after a hyphen or an opening punctuation). News text repeats its words, so each Layouter remembers the segments it has seen,
// keyed by exactly those, and skips the state machine for a known one.

// segment is the result of one uniseg.FirstLineSegment call.
type segment struct {
	size, runes int32
	state       int32
}

const maxSegments = 1 << 16 // the cache is emptied when it holds more

// lineSegment returns the length in bytes and runes of the line segment at the start of b and
// the line breaking state after it, as uniseg.FirstLineSegment(b, state) does.
func (l *Layouter) lineSegment(b []byte, state int) (size, runes, newState int) {
	// A word and the spaces after it is the usual segment; only such a guess is remembered.
	k := 1
	if b[0] >= utf8.RuneSelf {
		_, k = utf8.DecodeRune(b)
	}
	for k < len(b) && b[k] != ' ' {
		k++
	}
	for k < len(b) && b[k] == ' ' {
		k++
	}
	end := -1
	if k < len(b) { // the rune after the segment, and the one after it if LB25 may look there
		r, n := utf8.DecodeRune(b[k:])
		end = k + n
		if !plainLead(r) {
			if end < len(b) {
				_, n = utf8.DecodeRune(b[end:])
				end += n
			} else {
				end = -1
			}
		}
	}
	if end > 0 {
		l.segKey = binary.LittleEndian.AppendUint32(l.segKey[:0], uint32(state))
		l.segKey = append(l.segKey, b[:end]...)
		if s, ok := l.segs[string(l.segKey)]; ok {
			return int(s.size), int(s.runes), int(s.state)
		}
	}
	seg, _, _, st := uniseg.FirstLineSegment(b, state)
	size, runes = len(seg), utf8.RuneCount(seg)
	if end > 0 && size == k {
		if l.segs == nil || len(l.segs) >= maxSegments {
			l.segs = make(map[string]segment, 1024)
		}
		l.segs[string(l.segKey)] = segment{int32(size), int32(runes), int32(st)}
	}
	return size, runes, st
}

// graphemeBoundary reports whether a grapheme cluster starts at index i > 0. It is called only
// where UAX #14 allows a break. The rules that look further back than one character (GB11,
// GB12, GB13) concern a ZWJ, after which UAX #14 never breaks, and regional indicators, whose
// pairs UAX #14 keeps together the same way; so the two characters around i decide.
func (l *Layouter) graphemeBoundary(i int) bool {
	a, b := l.src[i-1], l.src[i]
	if a < utf8.RuneSelf && b < utf8.RuneSelf {
		return a != '\r' || b != '\n'
	}
	if isRegional(a) && isRegional(b) {
		return true
	}
	if a == ' ' && b < afterSpaceLimit {
		return afterSpaceTable()[b]
	}
	return pairBoundary(a, b)
}

func isRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// pairBoundary reports whether uniseg puts a grapheme boundary between a and b.
func pairBoundary(a, b rune) bool {
	var buf [8]byte
	p := utf8.AppendRune(utf8.AppendRune(buf[:0], a), b)
	c, _, _, _ := uniseg.FirstGraphemeCluster(p, -1)
	return len(c) == utf8.RuneLen(a)
}

// afterSpaceLimit bounds the table of pairBoundary(' ', b): the scripts of most documents.
const afterSpaceLimit = 0x3000

var afterSpaceTable = sync.OnceValue(func() *[afterSpaceLimit]bool {
	t := new([afterSpaceLimit]bool)
	for r := range rune(afterSpaceLimit) {
		t[r] = pairBoundary(' ', r)
	}
	return t
})

// findGraphemes sets brkGrapheme on the grapheme cluster boundaries in (ls, i]. It segments
// from the nearest position at or before ls known to start a cluster: the paragraph start,
// a line break opportunity, a boundary found before, or the index after a forced break.
func (l *Layouter) findGraphemes(ls, i int) {
	s := ls
	for s > 0 && l.flags[s]&(brkLine|brkGrapheme) == 0 && l.props[s-1].kind() != kBreak {
		s--
	}
	b := l.gbuf[:0]
	for _, r := range l.src[s : i+1] {
		b = utf8.AppendRune(b, r)
	}
	l.gbuf = b
	idx, state := s, -1
	for len(b) > 0 {
		var c []byte
		c, b, _, state = uniseg.FirstGraphemeCluster(b, state)
		idx += utf8.RuneCount(c)
		if idx <= i {
			l.flags[idx] |= brkGrapheme
		}
	}
}

// plainLead reports whether r is a letter below U+3000 or an ASCII digit: line break class
// neither OP nor HY, so that uniseg does not look past it.
func plainLead(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9'
	}
	return r < afterSpaceLimit && letterTable()[r]
}

var letterTable = sync.OnceValue(func() *[afterSpaceLimit]bool {
	t := new([afterSpaceLimit]bool)
	for r := range rune(afterSpaceLimit) {
		t[r] = unicode.IsLetter(r)
	}
	return t
})
