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
func Runes(text []rune) []Segment {
	var out []Segment
	Each(text, func(sg Segment) { out = append(out, sg) })
	return out
}

// chunk is how many code points Each segments at a time: long texts are cut at safe
// boundaries so memory stays bounded by the chunk, not the text.
const chunk = 1 << 16

// Each calls fn with every segment of text, in order.
func Each(text []rune, fn func(Segment)) {
	var buf []Segment
	for pos := 0; pos < len(text); {
		end := min(pos+chunk, len(text))
		for end < len(text) && end-pos < chunk+maxWindow && !safe(text, end) {
			end++
		}
		buf = segmentRange(text, pos, end, buf[:0])
		for _, sg := range buf {
			fn(sg)
		}
		pos = end
	}
}

// String segments s; offsets are code points of s.
func String(s string) []Segment { return Runes([]rune(s)) }

// segmentRange appends the segments of text[start:end] (offsets into text) to out.
// start and end must be boundaries the whole text would have (see safe).
func segmentRange(text []rune, start, end int, out []Segment) []Segment {
	if start >= end {
		return out
	}
	first := len(out)
	str := string(text[start:end])
	// UAX #29 words, cut only where a grapheme cluster also ends: word rules alone would
	// cut after a Prepend (U+0600) or before a Thai spacing vowel. (Two plain passes cost
	// half of uniseg.Step, which also finds line and sentence breaks.)
	wState, wRest, wEnd := -1, str, 0
	gState, gRest, gEnd := -1, str, 0
	pos, segStart := start, start
	var c classifier
	for len(wRest) > 0 {
		var w string
		w, wRest, wState = uniseg.FirstWordInString(wRest, wState)
		wEnd += len(w)
		for gEnd < wEnd {
			var g string
			g, gRest, _, gState = uniseg.FirstGraphemeClusterInString(gRest, gState)
			gEnd += len(g)
		}
		n := utf8.RuneCountInString(w)
		c.add(text[pos : pos+n])
		pos += n
		if gEnd == wEnd {
			out = append(out, Segment{segStart, pos, c.kind()})
			segStart, c = pos, classifier{}
		}
	}
	segs := joinNumbers(text, out[first:])
	segs = joinURLs(text, segs)
	return out[:first+len(segs)]
}

// classifier accumulates what the runes of one segment are.
type classifier struct {
	letter, number, punct, other bool
	nonSpace                     bool
}

func (c *classifier) add(rs []rune) {
	for _, r := range rs {
		switch {
		case isSpace(r):
			continue
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
func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' }
