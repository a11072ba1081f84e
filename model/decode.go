package model

import (
	"bytes"
	"unicode/utf8"
	"unsafe"
)

const (
	sniffSize   = 8 << 10 // bytes looked at to tell text from binary
	longLine    = 1e6     // paragraphs longer than this (bytes) get a warning
	replacement = utf8.RuneError
)

var bom = []byte{0xEF, 0xBB, 0xBF}

// decodeUTF8 decodes b, replacing each maximal subpart of an ill-formed sequence with
// one U+FFFD (Unicode §3.9, the W3C/WHATWG practice), which Go's own conversions don't
// do: they replace every bad byte. It returns how many replacements were made and the
// byte offset of the first (-1 if none).
func decodeUTF8(b []byte) (rs []rune, bad int, first int) {
	if utf8.Valid(b) {
		// The runtime's conversion is several times faster than a loop; viewing b as a
		// string (not retained) saves copying a file that may be 50 MB.
		return []rune(unsafe.String(unsafe.SliceData(b), len(b))), 0, -1
	}
	rs = make([]rune, 0, utf8.RuneCount(b)) // an upper bound: bad bytes count one each
	first = -1
	for i := 0; i < len(b); {
		if c := b[i]; c < utf8.RuneSelf {
			rs = append(rs, rune(c))
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			n = invalidLen(b[i:])
			if first < 0 {
				first = i
			}
			bad++
		}
		rs = append(rs, r)
		i += n
	}
	return rs, bad, first
}

// invalidLen is the length of the maximal subpart at the start of b, which does not
// begin a well-formed UTF-8 sequence: the longest prefix of one, at least one byte.
func invalidLen(b []byte) int {
	need, lo, hi := 0, byte(0x80), byte(0xBF)
	switch c := b[0]; {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c == 0xE0:
		need, lo = 2, 0xA0
	case c == 0xED:
		need, hi = 2, 0x9F
	case c >= 0xE1 && c <= 0xEF:
		need = 2
	case c == 0xF0:
		need, lo = 3, 0x90
	case c == 0xF4:
		need, hi = 3, 0x8F
	case c >= 0xF1 && c <= 0xF3:
		need = 3
	default:
		return 1
	}
	n := 1
	for ; n <= need && n < len(b); n++ {
		if b[n] < lo || b[n] > hi {
			break
		}
		lo, hi = 0x80, 0xBF
	}
	return n
}

// sanitizeUTF8 returns b with each maximal subpart of an ill-formed sequence replaced
// by U+FFFD (b itself when it is valid), the count and the first bad byte's offset.
func sanitizeUTF8(b []byte) (out []byte, bad int, first int) {
	if utf8.Valid(b) {
		return b, 0, -1
	}
	first = -1
	out = make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			n = invalidLen(b[i:])
			if first < 0 {
				first = i
			}
			bad++
			out = utf8.AppendRune(out, replacement)
		} else {
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out, bad, first
}

// sniff tells whether head, the first bytes of a file, looks like something other than
// UTF-8 text, and if so why. truncated says head is not the whole file, so a sequence
// cut at its end is not held against it.
func sniff(head []byte, truncated bool) (why string) {
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return "looks like UTF-16 text; only UTF-8 is supported (try iconv -f UTF-16 -t UTF-8)"
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return "looks like a binary file, not text"
	}
	odd := 0
	for i := 0; i < len(head); {
		c := head[i]
		if c < utf8.RuneSelf {
			// Tabs, newlines, form feeds, backspace and ESC occur in real text.
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != '\b' && c != 0x1B || c == 0x7F {
				odd++
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && n == 1 {
			if truncated && !utf8.FullRune(head[i:]) {
				break
			}
			odd++
		}
		i += n
	}
	if odd >= 8 && odd*10 > len(head)*3 { // a few stray bytes make an invalid-UTF-8 warning, not a refusal
		return "looks like a binary file, not text"
	}
	return ""
}

// longLines warns about every line of a text file longer than longLine bytes; b is the
// file's content after the first skip bytes (a BOM).
func longLines(b []byte, file string, skip int) []Warning {
	var ws []Warning
	for n, start := 1, 0; start <= len(b); n++ {
		end := bytes.IndexByte(b[start:], '\n')
		if end < 0 {
			end = len(b) - start
		}
		if end > longLine {
			ws = append(ws, warnf(file, n, int64(skip+start), "line %d is %s long", n, mb(int64(end))))
		}
		start += end + 1
	}
	return ws
}

// longParagraphs does the same for the text of JSONL document at file:line, whose
// paragraphs are separated by newlines inside the JSON string.
func longParagraphs(text []rune, file string, line int) []Warning {
	var ws []Warning
	size, n := 0, 1
	for i, r := range text {
		if r != '\n' {
			size += utf8.RuneLen(r)
		}
		if r == '\n' || i == len(text)-1 {
			if size > longLine {
				ws = append(ws, warnf(file, line, -1, "paragraph %d of the text is %s long", n, mb(int64(size))))
			}
			size = 0
			n++
		}
	}
	return ws
}
