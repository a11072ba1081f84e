package segment

import (
	"strings"
	"unicode/utf8"
)

// isNumberJoiner is a separator that UAX #29 breaks at but that sits inside dates and
// ranges: 2024-06-19, ٢٠٢٤/٠٦/١٩, 1⁄2. (Commas, full stops, ٫ ٬ and ؍ are kept by
// UAX #29 itself.)
func isNumberJoiner(r rune) bool {
	switch r {
	case '-', '/', '\u2010', '\u2011', '\u2044':
		return true
	}
	return false
}

// joinNumbers merges number, joiner, number into one number, in place.
func joinNumbers(str string, segs []piece) []piece {
	out := segs[:0]
	for i := 0; i < len(segs); i++ {
		s := segs[i]
		if s.Kind == Number {
			for i+2 < len(segs) && isNumberJoinerPiece(str, segs[i+1]) && segs[i+2].Kind == Number {
				s.End, s.b1 = segs[i+2].End, segs[i+2].b1
				i += 2
			}
		}
		out = append(out, s)
	}
	return out
}

func isNumberJoinerPiece(str string, p piece) bool {
	if p.End-p.Start != 1 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(str[p.b0:])
	return isNumberJoiner(r)
}

// urlPrefixes start a URL (ASCII, compared without case).
var urlPrefixes = []string{"https://", "http://", "www."}

func hasURLPrefix(s string) bool {
	for _, p := range urlPrefixes {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			return true
		}
	}
	return false
}

// isURLTail is punctuation that ends the sentence around a URL rather than the URL.
func isURLTail(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', '\'', '"', ')', ']', '}', '>', '»', '«', '“', '”', '’', '،', '؛', '؟', '۔':
		return true
	}
	return false
}

// joinURLs merges the segments of a URL (up to white space, less trailing punctuation
// and an unbalanced closing bracket) into one, in place.
func joinURLs(str string, segs []piece) []piece {
	out := segs[:0]
	for i := 0; i < len(segs); i++ {
		s := segs[i]
		if s.Kind == Word && hasURLPrefix(str[s.b0:]) {
			last := i
			for j := i + 1; j < len(segs) && segs[j].Kind != Space; j++ {
				last = j
			}
			for last > i && urlTail(str, s.b0, segs[last]) {
				last--
			}
			s = piece{Segment{s.Start, segs[last].End, URL}, s.b0, segs[last].b1}
			i = last
		}
		out = append(out, s)
	}
	return out
}

// urlTail tells whether p, the last segment of a URL starting at byte b0, is trailing
// punctuation: a single tail mark, except a closing bracket the URL opened.
func urlTail(str string, b0 int, p piece) bool {
	if p.End-p.Start != 1 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(str[p.b0:])
	if !isURLTail(r) {
		return false
	}
	open := map[rune]rune{')': '(', ']': '['}[r]
	if open == 0 {
		return true
	}
	inside := str[b0:p.b0]
	return strings.Count(inside, string(open)) <= strings.Count(inside, string(r))
}
