package layout

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
	"unsafe"

	"github.com/hashiya/hashiya/text/bidi"
	"github.com/hashiya/hashiya/text/doctext"
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

// textScan is what the byte scan of a paragraph has found so far, whatever the options.
type textScan struct {
	t        doctext.Text
	s        string // the paragraph
	start    int    // its first code point in t
	b0       int    // and byte
	n        int    // its code points
	firstDir int8   // the first strong character: 0 none, 1 L, 2 R or AL (P2)

	// The scan so far: code points [0, done), bytes [0, doneB).
	done, doneB int
	st          scanState
	pairs       []span // the outermost bracket pairs found, as [open, close], in order
	controls    bool   // an explicit embedding, override or isolate (X1–X8 matter)
	overflow    bool   // BD16's stack overflowed: pairs past it are not pairs
	lineSep     bool   // a U+2028
}

// scanChunk is the code points scanned at least at a time (a variable for tests).
var scanChunk = 1 << 16

func newTextScan(t doctext.Text, r Range) *textScan {
	sc := &textScan{t: t, s: t.Slice(r.Start, r.End), start: r.Start, b0: t.Offset(r.Start), n: r.End - r.Start}
	sc.firstDir = sc.firstStrong()
	return sc
}

// fallback reports whether what the scan found so far makes the paragraph one to lay out
// whole.
func (sc *textScan) fallback() bool { return sc.controls || sc.overflow }

// scanTo scans at least the code points before i (all of them for i >= n).
func (sc *textScan) scanTo(i int) {
	if i <= sc.done {
		return
	}
	end := len(sc.s)
	if i < sc.n && i+scanChunk < sc.n {
		end = sc.byteAt(max(i, sc.done+scanChunk))
	}
	b := unsafe.Slice(unsafe.StringData(sc.s), len(sc.s))
	n, j := sc.done, sc.doneB
	for ; j+8 <= end; j += 8 {
		x := binary.LittleEndian.Uint64(b[j:])
		if !maybeInteresting(x) {
			n += 8 - bits.OnesCount64(x & ^(x<<1) & highs) // the code points starting in the word
			continue
		}
		for k := j; k < j+8; k++ {
			n = sc.scanByte(k, n)
		}
	}
	for ; j < end; j++ {
		n = sc.scanByte(j, n)
	}
	sc.done, sc.doneB = n, j
}

// complete reports whether the whole paragraph has been scanned.
func (sc *textScan) complete() bool { return sc.done >= sc.n }

// safe reports whether a window may be cut at j, which must be scanned: BD16's stack over
// the whole paragraph is empty there (no pair found so far encloses j, and no opening bracket
// before j still waits for its pair).
func (sc *textScan) safe(j int) bool {
	if !sc.complete() && sc.st.sp > 0 && int(sc.st.stack[0].pos) < j {
		return false
	}
	return !sc.inside(j)
}

// scanByte handles byte j, n being the code points before it.
func (sc *textScan) scanByte(j, n int) int {
	s := sc.s
	c := s[j]
	if c&0xC0 == 0x80 {
		return n
	}
	var r rune
	switch {
	case c < utf8.RuneSelf:
		if c != '(' && c != ')' && c != '[' && c != ']' && c != '{' && c != '}' {
			return n + 1
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
		return n + 1
	}
	sc.bracket(r, n)
	return n + 1
}

// bracket runs BD16 on r, code point n.
func (sc *textScan) bracket(r rune, n int) {
	st := &sc.st
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

// firstStrong is the paragraph's first strong character (P2, before any isolate: after one,
// the paragraph is laid out whole): 0 none, 1 L, 2 R or AL.
func (sc *textScan) firstStrong() int8 {
	for _, r := range sc.s {
		switch bidi.ClassOf(r) {
		case bidi.LRE, bidi.RLE, bidi.LRO, bidi.RLO, bidi.PDF, bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI:
			sc.controls = true
			return 0
		case bidi.L:
			return 1
		case bidi.R, bidi.AL:
			return 2
		}
	}
	return 0
}
