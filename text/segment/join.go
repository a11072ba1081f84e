package segment

import "unicode"

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
func joinNumbers(text []rune, segs []Segment) []Segment {
	out := segs[:0]
	for i := 0; i < len(segs); i++ {
		s := segs[i]
		if s.Kind == Number {
			for i+2 < len(segs) && segs[i+1].End-segs[i+1].Start == 1 && isNumberJoiner(text[segs[i+1].Start]) &&
				segs[i+2].Kind == Number {
				s.End = segs[i+2].End
				i += 2
			}
		}
		out = append(out, s)
	}
	return out
}

// urlPrefixes start a URL (ASCII, compared without case).
var urlPrefixes = []string{"https://", "http://", "www."}

func hasURLPrefix(text []rune, i int) bool {
	for _, p := range urlPrefixes {
		if i+len(p) > len(text) {
			continue
		}
		ok := true
		for j := 0; j < len(p); j++ {
			if unicode.ToLower(text[i+j]) != rune(p[j]) {
				ok = false
				break
			}
		}
		if ok {
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
func joinURLs(text []rune, segs []Segment) []Segment {
	out := segs[:0]
	for i := 0; i < len(segs); i++ {
		s := segs[i]
		if s.Kind == Word && hasURLPrefix(text, s.Start) {
			last := i
			for j := i + 1; j < len(segs) && segs[j].Kind != Space; j++ {
				last = j
			}
			for last > i && urlTail(text, s.Start, segs[last]) {
				last--
			}
			s = Segment{s.Start, segs[last].End, URL}
			i = last
		}
		out = append(out, s)
	}
	return out
}

// urlTail tells whether seg, the last segment of a URL starting at start, is trailing
// punctuation: a single tail mark, except a closing bracket the URL opened.
func urlTail(text []rune, start int, seg Segment) bool {
	if seg.End-seg.Start != 1 || !isURLTail(text[seg.Start]) {
		return false
	}
	open := map[rune]rune{')': '(', ']': '['}[text[seg.Start]]
	if open == 0 {
		return true
	}
	depth := 0
	for _, r := range text[start:seg.Start] {
		switch r {
		case open:
			depth++
		case text[seg.Start]:
			depth--
		}
	}
	return depth <= 0
}
