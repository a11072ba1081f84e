package layout

import (
	"encoding/binary"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Line breaking runs uniseg's UAX #14 state machine one segment (the text up to the next
// break opportunity) at a time; uniseg.FirstLineSegment returns the segment and the state
// after the first rune of the next one. News text repeats its words, so each Layouter
// remembers the segments it has seen and skips the state machine for a known one, in two ways:
//
//   - A word ending with a letter, a digit or a punctuation mark that is not a bracket, a
//     quotation mark or a dash (harakat and Hebrew points after it allowed) and spaces leaves
//     the machine in the state of rule LB18 (SP ÷), whatever the word: its lines break after
//     the spaces before a letter or a digit, and the state after that first rune depends on
//     the rune only. Such words are remembered by the state they
//     start in and their bytes (words); the state after the next rune, by that rune (leads).
//   - Any other segment followed by a word is remembered with everything FirstLineSegment
//     reads: the segment, the rune after it and, unless that is a letter or an ASCII digit,
//     the one after that (rule LB25 looks ahead after a hyphen or an opening punctuation).
//
// A remembered word is checked once, when it is stored, against the state uniseg returned.

// segment is the result of one uniseg.FirstLineSegment call.
type segment struct {
	size, runes int32
	state       int32
}

const maxSegments = 1 << 16 // a cache is emptied when it holds more

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
	end, lead := -1, -1
	var next rune
	if k < len(b) { // the rune after the segment, and the one after it if LB25 may look there
		var n int
		next, n = utf8.DecodeRune(b[k:])
		end = k + n
		if plainLead(next) {
			lead = l.leadState(next)
		} else if end < len(b) {
			_, n = utf8.DecodeRune(b[end:])
			end += n
		} else {
			end = -1
		}
	}
	l.segKey = binary.LittleEndian.AppendUint32(l.segKey[:0], uint32(state))
	wordKey := lead >= 0 && b[k-1] == ' '
	if wordKey {
		l.segKey = append(l.segKey, b[:k]...)
		if s, ok := l.words.get(l.segKey); ok {
			return k, int(s.runes), lead
		}
		l.segKey = append(l.segKey, b[k:end]...)
		if s, ok := l.segs.get(l.segKey); ok {
			return int(s.size), int(s.runes), int(s.state)
		}
		l.segKey = l.segKey[:len(l.segKey)-(end-k)]
	} else if end > 0 {
		l.segKey = append(l.segKey, b[:end]...)
		if s, ok := l.segs.get(l.segKey); ok {
			return int(s.size), int(s.runes), int(s.state)
		}
	}
	seg, _, _, st := uniseg.FirstLineSegment(b, state)
	size, runes = len(seg), utf8.RuneCount(seg)
	switch {
	case size == k && wordKey && st == lead && endsPlain(b[:k]):
		l.words.put(l.segKey, segment{int32(size), int32(runes), 0})
	case end > 0 && size <= k: // FirstLineSegment read nothing after b[:end]
		if wordKey { // not a word of the words cache: remember it with the rune after it
			l.segKey = append(l.segKey, b[k:end]...)
		}
		l.segs.put(l.segKey, segment{int32(size), int32(runes), int32(st)})
	}
	return size, runes, st
}

// endsPlain reports whether word (ending with spaces) ends with a letter, a digit, one of the
// punctuation marks of plainEnd or a symbol (So: emoji, regional indicators) that is not a
// quotation ornament, perhaps followed by harakat or Hebrew points: with none
// of the line break classes that rules LB8, LB14–LB17 carry across spaces (ZW, OP, QU, CL,
// CP, B2).
func endsPlain(word []byte) bool {
	i := len(word)
	for i > 0 && word[i-1] == ' ' {
		i--
	}
	for i > 0 {
		r, n := utf8.DecodeLastRune(word[:i])
		if !isPoint(r) {
			return plainLead(r) || strings.ContainsRune(plainEnd, r) ||
				unicode.Is(unicode.So, r) && !(r >= 0x275B && r <= 0x2760) && !(r >= 0x1F676 && r <= 0x1F678)
		}
		i -= n
	}
	return false
}

// plainEnd are the punctuation marks of news text that may end a word of the words cache.
const plainEnd = ".,:;!?%+$/-*&#@=_|\u060C\u061B\u061F\u066A\u066B\u066C\u06D4"

// isPoint reports whether r is a haraka or a Hebrew point: a combining mark of line break
// class CM.
func isPoint(r rune) bool {
	switch {
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r >= 0x05B0 && r <= 0x05BD:
		return true
	}
	switch r {
	case 0x05BF, 0x05C1, 0x05C2, 0x05C4, 0x05C5, 0x05C7:
		return true
	}
	return false
}

// spState is uniseg's line breaking state after a space that follows a letter: the state
// FirstLineSegment reports after the space that starts the line after a line feed.
var spState = sync.OnceValue(func() int {
	_, _, _, st := uniseg.FirstLineSegment([]byte("\n a"), -1)
	return st
})

// leadState is the state after r, a plainLead rune, when it follows spaces that end a word
// of the words cache, or -1 when a line does not break before it there.
func (l *Layouter) leadState(r rune) int {
	if r >= afterSpaceLimit {
		return -1
	}
	if l.leads == nil {
		l.leads = new([afterSpaceLimit]int32)
	}
	if v := l.leads[r]; v != 0 {
		return int(v) - 1
	}
	var buf [8]byte
	p := utf8.AppendRune(append(buf[:0], ' '), r)
	p = append(p, 'a')
	seg, _, _, st := uniseg.FirstLineSegment(p, spState())
	if len(seg) != 1 {
		st = -1
	}
	l.leads[r] = int32(st) + 1
	return st
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
		return l.afterSpace(b)
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

// afterSpace is pairBoundary(' ', b) for b below afterSpaceLimit, remembered per Layouter
// as it is met (a table of them all would cost more at start-up than a run uses).
func (l *Layouter) afterSpace(b rune) bool {
	if l.spaceBounds == nil {
		l.spaceBounds = new([afterSpaceLimit]int8)
	}
	v := l.spaceBounds[b]
	if v == 0 {
		v = 1
		if pairBoundary(' ', b) {
			v = 2
		}
		l.spaceBounds[b] = v
	}
	return v == 2
}

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

// plainLead reports whether r is a letter or a decimal digit below U+3000: line break class
// neither OP nor HY, so that uniseg does not look past it.
func plainLead(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9'
	}
	return r < afterSpaceLimit && letters[r]
}

// letters is built at start-up (a few microseconds): plainLead is in the line breaking loop.
var letters = func() *[afterSpaceLimit]bool {
	t := new([afterSpaceLimit]bool)
	for r := range rune(afterSpaceLimit) {
		t[r] = unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return t
}()
