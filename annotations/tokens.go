package annotations

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Tokenization describes Tokenize; it is written into exports.
const Tokenization = "uniseg-uax29-words: Unicode UAX #29 word boundaries (github.com/rivo/uniseg), " +
	"whitespace segments dropped, each punctuation mark its own token, code-point offsets"

// Token is one word or punctuation mark; Start/End are code points, End
// exclusive; ID is its index in the document.
type Token struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	ID    int    `json:"id"`
}

// Tokenize splits text on UAX #29 word boundaries. Segments made only of
// white space (including CRLF) are dropped. Persian ZWNJ stays inside words.
func Tokenize(text string) []Token {
	var toks []Token
	state, cp := -1, 0
	rest := text
	for len(rest) > 0 {
		var word string
		word, rest, state = uniseg.FirstWordInString(rest, state)
		n := utf8.RuneCountInString(word)
		if !allSpace(word) {
			toks = append(toks, Token{Text: word, Start: cp, End: cp + n, ID: len(toks)})
		}
		cp += n
	}
	return toks
}

func allSpace(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && r != '\u200b' && r != '\ufeff' {
			return false
		}
	}
	return true
}

// tokenRange returns the first and last (inclusive) token overlapping
// [start,end), or ok=false when none does (e.g. a whitespace-only range).
func tokenRange(toks []Token, start, end int) (first, last int, ok bool) {
	// Tokens are sorted and disjoint: binary-search the first one ending
	// after start, then walk while tokens start before end.
	i := sort.Search(len(toks), func(i int) bool { return toks[i].End > start })
	first, last = -1, -1
	for ; i < len(toks) && toks[i].Start < end; i++ {
		if first < 0 {
			first = toks[i].ID
		}
		last = toks[i].ID
	}
	return first, last, first >= 0
}
