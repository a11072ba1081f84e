package tui

import (
	"strings"
	"unicode/utf8"

	"github.com/hashiya/hashiya/model"
)

// titleIndex holds every document's search key (model.SearchKey of its id, and once
// read its title and meta) made once, so a keystroke in the picker costs one pass over
// plain strings; it grows as the corpus is indexed and as titles are read.
type titleIndex struct {
	key    []string
	ascii  []bool   // the key is ASCII: byte offsets are code points
	titles []string // first lines, for the rows; "" until read

	summarized int  // documents whose title and meta are in their key
	reading    bool // a read of titles is under way
}

// extend adds the ids of documents [len(ix.key), n).
func (ix *titleIndex) extend(n int, id func(int) string) {
	for i := len(ix.key); i < n; i++ {
		ix.set(i, model.SearchKey(id(i)))
		ix.titles = append(ix.titles, "")
	}
}

func (ix *titleIndex) set(i int, k string) {
	if i == len(ix.key) {
		ix.key, ix.ascii = append(ix.key, k), append(ix.ascii, isASCII(k))
		return
	}
	ix.key[i], ix.ascii[i] = k, isASCII(k)
}

// summarize puts the titles and meta of documents from, from+1, … into their keys.
func (ix *titleIndex) summarize(from int, sums []model.Summary) {
	for k, s := range sums {
		i := from + k
		if i >= len(ix.key) {
			break
		}
		if i >= ix.summarized { // a key is the id's alone until now
			ix.set(i, ix.key[i]+" "+model.SearchKey(s.Title)+" "+model.SearchKey(s.Meta))
			ix.titles[i] = s.Title
			ix.summarized = i + 1
		}
	}
}

func (ix *titleIndex) title(i int) string {
	if i < 0 || i >= len(ix.titles) {
		return ""
	}
	return ix.titles[i]
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// match matches q (a search key) within key i: as a substring, or else its runes in
// order, greedily from the left. Lower scores are tighter matches, (last - first) +
// first/4 in code points, the better of the two ways.
func (ix *titleIndex) match(i int, q string) (int, bool) {
	s := ix.key[i]
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
	score := (last - first) + first/4
	if j := strings.Index(s, q); j >= 0 {
		if !ix.ascii[i] {
			j = utf8.RuneCountInString(s[:j])
		}
		score = min(score, utf8.RuneCountInString(q)-1+j/4)
	}
	return score, true
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
