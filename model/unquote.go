package model

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// unquoteRunes decodes a JSON string literal (with its quotes) that skimRecord has
// validated and that is valid UTF-8, straight to code points, as encoding/json would
// decode it: a surrogate pair escaped as two \u makes one code point, a lone surrogate
// U+FFFD.
func unquoteRunes(q []byte) []rune {
	b := q[1 : len(q)-1]
	esc := false
	for _, c := range b {
		if c == '\\' {
			esc = true
			break
		}
	}
	if !esc { // the runtime's conversion is the fast path; the string is not retained
		return []rune(unsafe.String(unsafe.SliceData(b), len(b)))
	}
	rs := make([]rune, 0, len(b))
	for i := 0; i < len(b); {
		if b[i] != '\\' {
			n := bytes.IndexByte(b[i:], '\\')
			if n < 0 {
				n = len(b) - i
			}
			rs = appendValidUTF8(rs, b[i:i+n])
			i += n
			continue
		}
		switch e := b[i+1]; e {
		case 'b':
			rs = append(rs, '\b')
		case 'f':
			rs = append(rs, '\f')
		case 'n':
			rs = append(rs, '\n')
		case 'r':
			rs = append(rs, '\r')
		case 't':
			rs = append(rs, '\t')
		case 'u':
			r := hex4(b[i+2 : i+6])
			i += 6
			if utf16.IsSurrogate(r) {
				lo := rune(-1)
				if i+1 < len(b) && b[i] == '\\' && b[i+1] == 'u' {
					lo = hex4(b[i+2 : i+6])
				}
				if d := utf16.DecodeRune(r, lo); d != utf8.RuneError {
					rs = append(rs, d)
					i += 6
					continue
				}
				r = utf8.RuneError
			}
			rs = append(rs, r)
			continue
		default: // '"', '\\', '/'
			rs = append(rs, rune(e))
		}
		i += 2
	}
	return rs
}

// appendValidUTF8 appends the code points of b, which is valid UTF-8: news text is
// mostly two-byte letters, decoded here without utf8.DecodeRune's checks.
func appendValidUTF8(rs []rune, b []byte) []rune {
	for i := 0; i < len(b); {
		switch c := b[i]; {
		case c < 0x80:
			rs = append(rs, rune(c))
			i++
		case c < 0xE0:
			rs = append(rs, rune(c&0x1F)<<6|rune(b[i+1]&0x3F))
			i += 2
		case c < 0xF0:
			rs = append(rs, rune(c&0x0F)<<12|rune(b[i+1]&0x3F)<<6|rune(b[i+2]&0x3F))
			i += 3
		default:
			rs = append(rs, rune(c&0x07)<<18|rune(b[i+1]&0x3F)<<12|rune(b[i+2]&0x3F)<<6|rune(b[i+3]&0x3F))
			i += 4
		}
	}
	return rs
}
