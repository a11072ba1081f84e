package model

import (
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
		c := b[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRune(b[i:])
			rs = append(rs, r)
			i += n
			continue
		}
		if c != '\\' {
			rs = append(rs, rune(c))
			i++
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
			r := hex4(b[i+2:])
			i += 6
			if utf16.IsSurrogate(r) {
				lo := rune(-1)
				if i+1 < len(b) && b[i] == '\\' && b[i+1] == 'u' {
					lo = hex4(b[i+2:])
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

// hex4 reads the four hex digits a validated \u escape has.
func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		default:
			c = c - 'A' + 10
		}
		r = r<<4 | rune(c)
	}
	return r
}
