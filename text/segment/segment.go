// Package segment is hashiya's one definition of a word. It splits text into words,
// numbers, URLs, punctuation, symbols and white space on Unicode UAX #29 word boundaries
// (github.com/rivo/uniseg), with three changes annotators expect: digits joined by a date
// or range separator stay one number (2024-06-19, ١٩/٦), a URL is one segment, and a
// boundary never falls inside a grapheme cluster. UAX #29 already keeps 10,000, 3.5,
// ٣٫٥, ۱۰٬۰۰۰, don't, it's and Persian words with a ZWNJ (می‌خواهم) whole.
//
// Offsets are code points, End exclusive. Segments tile the text: each starts where the
// one before ends, the first at 0, the last at the end of the text.
package segment

import (
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Kind says what a segment is made of.
type Kind uint8

const (
	Space  Kind = iota // white space, line breaks, zero-width space, BOM
	Punct              // punctuation only
	Symbol             // symbols, emoji, or marks with no base
	Word               // holds a letter (with any digits: 10km, و10)
	Number             // digits and their separators, no letter
	URL                // http://…, https://…, www.…
)

var kindNames = [...]string{"space", "punct", "symbol", "word", "number", "url"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind?"
}

// IsWord tells words, numbers and URLs (what a label or a word motion lands on) from
// white space, punctuation and symbols.
func (k Kind) IsWord() bool { return k >= Word }

// Segment is one word, number, URL, run of white space, punctuation or symbol.
type Segment struct {
	Start, End int
	Kind       Kind
}

// Runes segments text.
func Runes(text []rune) []Segment { return String(string(text)) }

// String segments s; offsets are code points of s.
func String(s string) []Segment {
	out := make([]Segment, 0, len(s)/4) // about two segments per Arabic word
	EachString(s, func(sg Segment, _ string) { out = append(out, sg) })
	return out
}

// chunk is how many bytes EachString segments at a time: long texts are cut at safe
// boundaries so memory stays bounded by the chunk, not the text.
const chunk = 1 << 17

// EachString calls fn with every segment of s, in order, and the segment's text (a
// substring of s).
func EachString(s string, fn func(sg Segment, text string)) {
	buf := make([]piece, 0, min(len(s), chunk)/4)
	cp := 0
	for pos := 0; pos < len(s); {
		end := chunkEnd(s, pos)
		buf = segmentString(s[pos:end], cp, buf[:0])
		for _, p := range buf {
			fn(p.Segment, s[pos+p.b0:pos+p.b1])
		}
		cp = buf[len(buf)-1].End
		pos = end
	}
}

// chunkEnd is the first safe boundary (a byte offset) a chunk after pos, or the end.
func chunkEnd(s string, pos int) int {
	if len(s)-pos <= chunk {
		return len(s)
	}
	end := pos + chunk
	for end < len(s) && !utf8.RuneStart(s[end]) {
		end++
	}
	for n := 0; end < len(s) && n < maxWindow; n++ {
		prev, _ := utf8.DecodeLastRuneInString(s[:end])
		r, size := utf8.DecodeRuneInString(s[end:])
		if safePair(prev, r) {
			break
		}
		end += size
	}
	return end
}

// piece is a segment with its byte range in the string it was found in.
type piece struct {
	Segment
	b0, b1 int
}

// segmentString appends the segments of str, whose first code point is offset cp0 of
// the text, to out. str must start and end at boundaries of the whole text (see safe).
func segmentString(str string, cp0 int, out []piece) []piece {
	first := len(out)
	// UAX #29 words, cut only where a grapheme cluster also ends: word rules alone would
	// cut after a Prepend (U+0600) or before a Thai spacing vowel. (Two plain passes cost
	// half of uniseg.Step, which also finds line and sentence breaks; text with neither
	// needs only the word pass.)
	wState, wRest, wEnd := -1, str, 0
	gState, gRest, gEnd := -1, str, 0
	careful := mayCutCluster(str)
	pos, segStart, bStart := cp0, cp0, 0
	var c classifier
	for len(wRest) > 0 {
		var w string
		w, wRest, wState = uniseg.FirstWordInString(wRest, wState)
		wEnd += len(w)
		if !careful {
			gEnd = wEnd
		}
		for gEnd < wEnd {
			var g string
			g, gRest, _, gState = uniseg.FirstGraphemeClusterInString(gRest, gState)
			gEnd += len(g)
		}
		pos += c.add(w)
		if gEnd == wEnd {
			out = append(out, piece{Segment{segStart, pos, c.kind()}, bStart, wEnd})
			segStart, bStart, c = pos, wEnd, classifier{}
		}
	}
	segs := joinNumbers(str, out[first:])
	segs = joinURLs(str, segs)
	return out[:first+len(segs)]
}

// classifier accumulates what the runes of one segment are.
type classifier struct {
	letter, number, punct, other bool
	nonSpace                     bool
}

// add takes the runes of s and returns how many there were.
func (c *classifier) add(s string) (n int) {
	for _, r := range s {
		n++
		c.addRune(r)
	}
	return n
}

func (c *classifier) addRune(r rune) {
	switch {
	case r >= 0x0621 && r <= 0x064A, r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z': // Arabic, Latin
		c.letter = true
	case r >= '0' && r <= '9', r >= 0x0660 && r <= 0x0669, r >= 0x06F0 && r <= 0x06F9:
		c.number = true
	case isSpace(r):
		return
	case unicode.IsLetter(r):
		c.letter = true
	case unicode.IsNumber(r):
		c.number = true
	case unicode.IsPunct(r):
		c.punct = true
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc, unicode.Cf):
		// marks and joiners take the kind of their base
	default:
		c.other = true
	}
	c.nonSpace = true
}

func (c *classifier) kind() Kind {
	switch {
	case c.letter:
		return Word
	case c.number:
		return Number
	case !c.nonSpace:
		return Space
	case c.punct && !c.other:
		return Punct
	}
	return Symbol
}

// isSpace is white space plus the invisible separators scraped text is full of.
func isSpace(r rune) bool { return IsSpace(r) }

// IsSpace tells white space (what a Space segment is made of): Unicode White_Space
// plus the zero-width space and BOM that scraped text is full of. Letters and marks
// of the scripts below U+1680 are answered without a table search.
func IsSpace(r rune) bool {
	switch {
	case r < 0x80:
		return r == ' ' || r >= '\t' && r <= '\r'
	case r < 0x1680:
		return r == 0x85 || r == 0xA0
	}
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

// mayCutCluster tells whether a word boundary in text might fall inside a grapheme
// cluster. Word rules keep every grapheme Extend, ZWJ and Mc with its base (WB4), CRLF,
// Hangul, emoji ZWJ sequences and flags; what is left is a Prepend before the boundary
// (U+0600..U+0605, U+06DD, U+0D4E, …) and the Thai and Lao SARA AM (Lo, SpacingMark)
// after it. Latin, Hebrew, Arabic (but its Prepend signs), general punctuation and the
// Arabic presentation forms hold none; any other character takes the careful path.
func mayCutCluster(s string) bool {
	for _, r := range s {
		switch {
		case r < 0x0250, r >= 0x0590 && r < 0x0600, r >= 0x0606 && r < 0x0700 && r != 0x06DD,
			r >= 0x2000 && r < 0x2070, r >= 0xFB1D && r < 0xFE00, r >= 0xFE70 && r < 0xFF00:
		default:
			return true
		}
	}
	return false
}
