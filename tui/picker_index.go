package tui

import (
	"strings"
	"unicode/utf8"
)

// titleIndex holds every title lower-cased once, so a keystroke in the picker costs one
// pass over plain strings; it grows as the corpus is indexed and never re-reads a title.
type titleIndex struct {
	lower []string
	ascii []bool // the lower-cased title is ASCII: byte offsets are code points
}

// extend adds the titles of documents [len(ix.lower), n).
func (ix *titleIndex) extend(n int, title func(int) string) {
	for i := len(ix.lower); i < n; i++ {
		s := strings.ToLower(title(i))
		ix.lower = append(ix.lower, s)
		ix.ascii = append(ix.ascii, isASCII(s))
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// match matches q (lower-cased) within title i greedily from the left, rune by rune;
// lower scores are tighter matches: (last - first) + first/4, in code points.
func (ix *titleIndex) match(i int, q string) (int, bool) {
	s := ix.lower[i]
	if q == "" {
		return 0, true
	}
	first, last, at := -1, -1, 0
	for _, r := range q {
		var j int
		if r < utf8.RuneSelf {
			j = strings.IndexByte(s[at:], byte(r))
		} else {
			j = strings.IndexRune(s[at:], r)
		}
		if j < 0 {
			return 0, false
		}
		if first < 0 {
			first = at + j
		}
		last = at + j
		at += j + max(utf8.RuneLen(r), 1)
	}
	if !ix.ascii[i] { // scores count code points, as the screen does
		first, last = utf8.RuneCountInString(s[:first]), utf8.RuneCountInString(s[:last])
	}
	return (last - first) + first/4, true
}

// sortByScore orders hits by score, ties in document order, in linear time (scores are
// bounded by title length): a sort of 200,000 hits would cost more than the match.
func sortByScore(docs, scores []int, out []int) []int {
	top := 0
	for _, s := range scores {
		top = max(top, s)
	}
	count := make([]int, top+2)
	for _, s := range scores {
		count[s+1]++
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	out = append(out[:0], make([]int, len(docs))...)
	for k, d := range docs {
		s := scores[k]
		out[count[s]] = d
		count[s]++
	}
	return out
}
