// Package doctext holds a document's text once, as UTF-8, and indexes it by code point
// (the offsets users and files see: Python str indices) through a sparse index, so a 50 MB
// document costs 50 MB and a little, not a []rune four times its code points as well.
package doctext

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
	"unsafe"
)

// stride is the code points between two entries of the index: finding a byte offset decodes
// at most stride-1 code points.
const stride = 128

// Text is valid UTF-8 indexed by code point. The zero value is the empty text. A Text is
// immutable and may be shared and used by several goroutines at once.
type Text struct {
	s     string
	n     int
	marks []int // marks[k] is the byte offset of code point k*stride
}

// New indexes s, which must be valid UTF-8.
func New(s string) Text {
	b := unsafe.Slice(unsafe.StringData(s), len(s))
	marks := make([]int, 0, len(s)/stride/2+1)
	n, i := 0, 0
	for ; i+8 <= len(b); i += 8 { // eight bytes at a time where no index entry falls
		x := binary.LittleEndian.Uint64(b[i:])
		k := 8 - bits.OnesCount64(x & ^(x<<1) & 0x8080808080808080) // code points starting in the word
		if r := n % stride; k == 0 || (r != 0 && r+k <= stride) {
			n += k
			continue
		}
		for j := i; j < i+8; j++ {
			n, marks = step(b[j], j, n, marks)
		}
	}
	for ; i < len(b); i++ {
		n, marks = step(b[i], i, n, marks)
	}
	return Text{s: s, n: n, marks: marks}
}

// Valid indexes s if it is valid UTF-8, validating and indexing in one pass; ok is false
// when it is not (the caller repairs it and calls New).
func Valid(s string) (t Text, ok bool) {
	marks := make([]int, 0, len(s)/stride/2+1)
	n, i := 0, 0
	for i < len(s) {
		if n%stride == 0 {
			marks = append(marks, i)
		}
		// Up to the next index entry: ASCII eight bytes at a time, two-byte sequences inline.
		for end := n + stride - n%stride; n < end && i < len(s); n++ {
			c := s[i]
			switch {
			case c < utf8.RuneSelf:
				if i+8 <= len(s) && n+8 <= end {
					if x := binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[i:]), 8)); x&0x8080808080808080 == 0 {
						i += 8
						n += 7
						continue
					}
				}
				i++
			case c >= 0xC2 && c <= 0xDF:
				if i+1 >= len(s) || s[i+1]&0xC0 != 0x80 {
					return Text{}, false
				}
				i += 2
			default:
				r, size := utf8.DecodeRuneInString(s[i:])
				if r == utf8.RuneError && size == 1 {
					return Text{}, false
				}
				i += size
			}
		}
	}
	return Text{s: s, n: n, marks: marks}, true
}

// step counts byte c at offset j, n being the code points before it.
func step(c byte, j, n int, marks []int) (int, []int) {
	if c&0xC0 == 0x80 {
		return n, marks
	}
	if n%stride == 0 {
		marks = append(marks, j)
	}
	return n + 1, marks
}

// FromRunes is the Text of rs; values that are not Unicode scalars become U+FFFD.
func FromRunes(rs []rune) Text { return New(string(rs)) }

// Len is the number of code points.
func (t Text) Len() int { return t.n }

// String is the whole text.
func (t Text) String() string { return t.s }

// Offset is the byte offset of code point i, clamped to [0, Len()].
func (t Text) Offset(i int) int {
	switch {
	case i <= 0:
		return 0
	case i >= t.n:
		return len(t.s)
	}
	b := t.marks[i/stride]
	for k := i % stride; k > 0; k-- {
		switch c := t.s[b]; {
		case c < 0xE0:
			b += 1 + int(c>>7) // 1 for ASCII, 2 for a lead byte C2–DF
		case c < 0xF0:
			b += 3
		default:
			b += 4
		}
	}
	return b
}

// Slice is the text of code points [i, j), clamped to the text.
func (t Text) Slice(i, j int) string {
	a := t.Offset(i)
	return t.s[a:max(a, t.Offset(j))]
}

// Runes decodes code points [i, j), clamped to the text, into a new slice.
func (t Text) Runes(i, j int) []rune { return []rune(t.Slice(i, j)) }

// At is code point i (0 <= i < Len()).
func (t Text) At(i int) rune {
	r, _ := utf8.DecodeRuneInString(t.s[t.Offset(i):])
	return r
}

// IndexOf is the code point index of byte offset b, which must start a code point or be
// len(String()).
func (t Text) IndexOf(b int) int {
	if b <= 0 {
		return 0
	}
	lo, hi := 0, len(t.marks)
	for lo < hi { // the last mark at or before b
		m := int(uint(lo+hi) >> 1)
		if t.marks[m] <= b {
			lo = m + 1
		} else {
			hi = m
		}
	}
	k := lo - 1
	return k*stride + utf8.RuneCountInString(t.s[t.marks[k]:b])
}
