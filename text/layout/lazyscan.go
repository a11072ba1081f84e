package layout

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
	"unsafe"

	"github.com/hashiya/hashiya/text/bidi"
)

// The byte scan of a TextParagraph reads eight bytes at a time: a word with no byte that may
// start a bracket or an explicit control (the ASCII brackets, the lead bytes E0–E3 and EF),
// and no code point whose index is a multiple of indexStride, only adds its code points.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// hasZero reports whether a byte of x is zero.
func hasZero(x uint64) bool { return (x-ones) & ^x & highs != 0 }

// maybeInteresting reports whether a byte of x may be an ASCII bracket or the lead byte of a
// three-byte bracket or control (false positives are checked byte by byte).
func maybeInteresting(x uint64) bool {
	return hasZero((x^0x2828282828282828)&0xFEFEFEFEFEFEFEFE) || // ( )
		hasZero(x^0x5B5B5B5B5B5B5B5B) || hasZero(x^0x5D5D5D5D5D5D5D5D) || // [ ]
		hasZero(x^0x7B7B7B7B7B7B7B7B) || hasZero(x^0x7D7D7D7D7D7D7D7D) || // { }
		hasZero((x^0xE0E0E0E0E0E0E0E0)&0xFCFCFCFCFCFCFCFC) || hasZero(x^0xEFEFEFEFEFEFEFEF) // E0–E3, EF
}

// scanState is BD16's bracket stack over the whole paragraph.
type scanState struct {
	stack [maxBracketDepth]struct {
		key rune
		pos int32
	}
	sp int
}

// newTextScan reads s once: code points and the sparse index, explicit controls, U+2028,
// the first strong character, and the bracket pairs of BD16 over the whole paragraph.
func newTextScan(s string) *textScan {
	sc := &textScan{s: s, firstDir: firstStrong(s)}
	var st scanState
	marks := make([]int, 0, len(s)/indexStride+1)
	b := unsafe.Slice(unsafe.StringData(s), len(s))
	n, i := 0, 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		k := 8 - bits.OnesCount64(x & ^(x<<1) & highs) // code points starting in the word
		if r := n % indexStride; (k == 0 || (r != 0 && r+k <= indexStride)) && !maybeInteresting(x) {
			n += k
			continue
		}
		for j := i; j < i+8; j++ {
			n, marks = sc.scanByte(&st, j, n, marks)
		}
	}
	for ; i < len(b); i++ {
		n, marks = sc.scanByte(&st, i, n, marks)
	}
	sc.n, sc.marks = n, marks
	return sc
}

// scanByte handles byte j, n being the code points before it.
func (sc *textScan) scanByte(st *scanState, j, n int, marks []int) (int, []int) {
	s := sc.s
	c := s[j]
	if c&0xC0 == 0x80 {
		return n, marks
	}
	if n%indexStride == 0 {
		marks = append(marks, j)
	}
	var r rune
	switch {
	case c < utf8.RuneSelf:
		if c != '(' && c != ')' && c != '[' && c != ']' && c != '{' && c != '}' {
			return n + 1, marks
		}
		r = rune(c)
	case c >= 0xE0 && c <= 0xE3 || c == 0xEF:
		if c == 0xE2 && j+2 < len(s) {
			switch c1, c2 := s[j+1], s[j+2]; {
			case c1 == 0x80 && c2 >= 0xAA && c2 <= 0xAE, c1 == 0x81 && c2 >= 0xA6 && c2 <= 0xA9:
				sc.controls = true
			case c1 == 0x80 && c2 == 0xA8:
				sc.lineSep = true
			}
		}
		r, _ = utf8.DecodeRuneInString(s[j:])
	default:
		return n + 1, marks
	}
	sc.bracket(st, r, n)
	return n + 1, marks
}

// bracket runs BD16 on r, code point n.
func (sc *textScan) bracket(st *scanState, r rune, n int) {
	pair, t := bidi.Bracket(r)
	if t == bidi.NoBracket || sc.overflow {
		return
	}
	if t == bidi.Open {
		if st.sp == maxBracketDepth {
			sc.overflow = true // BD16: no pairs past here
			return
		}
		st.stack[st.sp].key, st.stack[st.sp].pos = canonicalBracket(r), int32(n)
		st.sp++
		return
	}
	key := canonicalBracket(pair)
	for k := st.sp - 1; k >= 0; k-- {
		if st.stack[k].key == key {
			sc.addPair(st.stack[k].pos, int32(n))
			st.sp = k
			return
		}
	}
}

// firstStrong is the paragraph's first strong character (P2; no isolates, or the paragraph
// is laid out whole): 0 none, 1 L, 2 R or AL.
func firstStrong(s string) int8 {
	for _, r := range s {
		switch bidi.ClassOf(r) {
		case bidi.L:
			return 1
		case bidi.R, bidi.AL:
			return 2
		}
	}
	return 0
}
