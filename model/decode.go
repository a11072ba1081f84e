package model

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

const (
	sniffSize   = 8 << 10 // bytes looked at to tell text from binary
	longLine    = 1e6     // paragraphs longer than this (bytes) get a warning
	replacement = utf8.RuneError
)

var bom = []byte{0xEF, 0xBB, 0xBF}

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

// sniff tells whether head, the first bytes of file, looks like something other than
// UTF-8 text, and if so why. truncated says head is not the whole file, so a sequence
// cut at its end is not held against it. A stray NUL or control byte (scraped pages have
// them) is not a reason: the text opens with it shown as a control picture.
func sniff(head []byte, truncated bool, file string) (why string) {
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return "looks like UTF-16 text; only UTF-8 is supported (try iconv -f UTF-16 -t UTF-8)"
	}
	odd, nuls, bad := 0, 0, 0
	for i := 0; i < len(head); {
		c := head[i]
		if c < utf8.RuneSelf {
			// Tabs, newlines, form feeds, backspace and ESC occur in real text.
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != '\b' && c != 0x1B || c == 0x7F {
				odd++
			}
			if c == 0 {
				nuls++
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
			bad++
		}
		i += n
	}
	if bad > 0 && (odd-bad)*100 <= len(head) { // text, with hardly a control byte
		if cp := legacyArabic(head); cp != "" {
			return fmt.Sprintf("looks like Arabic in %s, not UTF-8; convert it with: iconv -f %s -t UTF-8 %s > %s",
				cp, cp, shellQuote(file), shellQuote(file+".utf8"))
		}
	}
	// A few stray bytes make a warning, not a refusal; binary formats have NULs by the
	// dozen (ELF, PNG, UTF-16 without a BOM) or are mostly bytes that are not text.
	if nuls >= 2 && nuls*100 > len(head) || odd >= 8 && odd*10 > len(head)*3 || odd >= 3 && odd*2 > len(head) {
		return "looks like a binary file, not text"
	}
	return ""
}

// Arabic letters, punctuation and vowel marks of the two single-byte Arabic code pages
// still met in old archives; a byte of 0x80 or more outside a set is a Latin letter, a
// symbol or unassigned there.
var (
	arabic1256  = byteSet("\x81\x8a\x8d\x8e\x8f\x90\x98\x9a\x9f\xa1\xaa\xba\xbf\xc0-\xd6\xd8-\xdf\xe1\xe3-\xe6\xec-\xed\xf0-\xf3\xf5\xf6\xf8\xfa")
	arabic88596 = byteSet("\xac\xbb\xbf\xc1-\xda\xe0-\xf2")
)

// legacyArabic names the code page (as iconv spells it) in which head's bytes of 0x80 or
// more are nearly all Arabic, or "". It is asked only about text that is not UTF-8: in
// UTF-8 Arabic every other byte is a continuation byte, which neither code page counts.
func legacyArabic(head []byte) string {
	high, win, iso, core := 0, 0, 0, 0
	for _, c := range head {
		if c >= 0x80 {
			high++
			win += int(arabic1256[c])
			iso += int(arabic88596[c])
		}
		if c >= 0xC1 && c <= 0xDA {
			core++
		}
	}
	// ء…غ sit at 0xC1–0xDA in both and make half of any Arabic text; there Latin-1 has
	// capitals, rare in a French or Spanish text whose é è à ç would otherwise pass.
	if core*4 < high {
		return ""
	}
	best, name := win, "WINDOWS-1256" // the likelier one on a tie
	if iso > win {
		best, name = iso, "ISO-8859-6"
	}
	if high < 3 || best*10 < high*9 {
		return ""
	}
	return name
}

// byteSet reads a set written as bytes and ranges ("\xc1-\xd6").
func byteSet(spec string) (set [256]uint8) {
	for i := 0; i < len(spec); i++ {
		lo, hi := spec[i], spec[i]
		if i+2 < len(spec) && spec[i+1] == '-' {
			hi = spec[i+2]
			i += 2
		}
		for c := int(lo); c <= int(hi); c++ {
			set[c] = 1
		}
	}
	return set
}

// shellQuote quotes a path for a POSIX shell when it needs it.
func shellQuote(s string) string {
	safe := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+,:@%", r)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// nulWarning reports the NUL bytes of b (a text file's content after skip bytes of BOM),
// which the reader shows as ␀: where the first is, and how many there are.
func nulWarning(b []byte, file string, skip int) []Warning {
	first := bytes.IndexByte(b, 0)
	if first < 0 {
		return nil
	}
	n := bytes.Count(b, []byte{0})
	at := skip + first
	line := bytes.Count(b[:first], []byte{'\n'}) + 1
	return []Warning{warnf(file, line, int64(at), "NUL byte at byte %d shown as ␀ (%s)", at, plural(n, "NUL byte"))}
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

// longParagraphsIn does the same for the text of JSONL document at file:line, whose
// paragraphs are separated by newlines inside the JSON string.
func longParagraphsIn(text string, file string, line int) []Warning {
	var ws []Warning
	for n := 1; ; n++ {
		end := strings.IndexByte(text, '\n')
		if end < 0 {
			end = len(text)
		}
		if end > longLine {
			ws = append(ws, warnf(file, line, -1, "paragraph %d of the text is %s long", n, mb(int64(end))))
		}
		if end == len(text) {
			return ws
		}
		text = text[end+1:]
	}
}

// longParagraphs is longParagraphsIn for a decoded text (Stream's).
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
