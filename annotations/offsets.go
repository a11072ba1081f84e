package annotations

import (
	"fmt"
	"unicode/utf8"
)

// CodePointLen is the length of text in code points (Python len()).
func CodePointLen(text string) int { return utf8.RuneCountInString(text) }

// CodePointSlice returns text[start:end] in code points, end exclusive, like
// Python. It errors rather than clamping: a bad offset is a bug to surface.
func CodePointSlice(text string, start, end int) (string, error) {
	if start < 0 || end < start {
		return "", fmt.Errorf("bad range [%d,%d)", start, end)
	}
	i, bStart := 0, -1
	for b := range text {
		if i == start {
			bStart = b
		}
		if i == end {
			return text[bStart:b], nil
		}
		i++
	}
	if start == i {
		bStart = len(text)
	}
	if end == i && bStart >= 0 {
		return text[bStart:], nil
	}
	return "", fmt.Errorf("range [%d,%d) outside text of %d code points", start, end, i)
}

// OffsetMap converts code-point offsets of one text to UTF-16 and byte
// offsets and back. Build it once per document for exports.
type OffsetMap struct {
	u16  []int // u16[cp] = UTF-16 offset of code point cp; len = n+1
	byts []int // byts[cp] = byte offset
}

// NewOffsetMap indexes text.
func NewOffsetMap(text string) *OffsetMap {
	n := utf8.RuneCountInString(text)
	m := &OffsetMap{u16: make([]int, 0, n+1), byts: make([]int, 0, n+1)}
	u := 0
	for b, r := range text {
		m.u16 = append(m.u16, u)
		m.byts = append(m.byts, b)
		if r >= 0x10000 {
			u += 2
		} else {
			u++
		}
	}
	m.u16 = append(m.u16, u)
	m.byts = append(m.byts, len(text))
	return m
}

// Len is the text length in code points.
func (m *OffsetMap) Len() int { return len(m.u16) - 1 }

// UTF16 converts a code-point offset (0..Len) to a UTF-16 offset.
func (m *OffsetMap) UTF16(cp int) (int, error) {
	if cp < 0 || cp >= len(m.u16) {
		return 0, fmt.Errorf("offset %d outside text of %d code points", cp, m.Len())
	}
	return m.u16[cp], nil
}

// Byte converts a code-point offset (0..Len) to a byte offset.
func (m *OffsetMap) Byte(cp int) (int, error) {
	if cp < 0 || cp >= len(m.byts) {
		return 0, fmt.Errorf("offset %d outside text of %d code points", cp, m.Len())
	}
	return m.byts[cp], nil
}

// FromUTF16 converts a UTF-16 offset back to code points; an offset inside a
// surrogate pair is an error.
func (m *OffsetMap) FromUTF16(u int) (int, error) {
	lo, hi := 0, len(m.u16)-1
	for lo <= hi {
		mid := (lo + hi) / 2
		switch {
		case m.u16[mid] == u:
			return mid, nil
		case m.u16[mid] < u:
			lo = mid + 1
		default:
			hi = mid - 1
		}
	}
	return 0, fmt.Errorf("UTF-16 offset %d is not a code-point boundary", u)
}

// UTF16Offset converts one code-point offset of text to UTF-16.
func UTF16Offset(text string, cp int) (int, error) { return NewOffsetMap(text).UTF16(cp) }
