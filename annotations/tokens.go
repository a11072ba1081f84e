package annotations

import (
	"sort"

	"github.com/hashiya/hashiya/text/segment"
)

// Tokenization describes the tokens of records; it is written into exports.
const Tokenization = "hashiya-segment: Unicode UAX #29 word boundaries (github.com/rivo/uniseg) that never split " +
	"a grapheme cluster, digits joined across date separators (2024-06-19) and URLs whole (text/segment); " +
	"white space dropped, each punctuation mark its own token; a token a span starts or ends inside is split " +
	"there (as Prodigy's character-level mode); code-point offsets"

// Token is one word or punctuation mark; Start/End are code points, End
// exclusive; ID is its index in the document.
type Token struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	ID    int    `json:"id"`
}

// Tokenize splits text into the words of text/segment (the reader's words: what a
// label key tags), dropping white space. Persian ZWNJ stays inside words; 10,000, 3.5,
// ٣٫٥, 2024-06-19 and don't are one token each.
func Tokenize(text string) []Token {
	var toks []Token
	segment.EachString(text, func(sg segment.Segment, word string) {
		if sg.Kind != segment.Space {
			toks = append(toks, Token{Text: word, Start: sg.Start, End: sg.End, ID: len(toks)})
		}
	})
	return toks
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

// alignTokens splits toks wherever a span or claim starts or ends inside a token (an
// entity without its proclitic: واشنطن in «وواشنطن» gives tokens و and واشنطن), so every
// span covers whole tokens, and sets the token_start/token_end of spans and claims to
// the result. toks is not changed.
func alignTokens(toks []Token, spans []Span, claims []Claim) []Token {
	var cuts []int
	for _, sp := range spans {
		cuts = append(cuts, sp.Start, sp.End)
	}
	for _, c := range claims {
		cuts = append(cuts, c.Span.Start, c.Span.End)
	}
	sort.Ints(cuts)
	out := toks
	if inside(toks, cuts) {
		out = make([]Token, 0, len(toks)+len(cuts))
		ci := 0
		for _, t := range toks {
			rs := []rune(t.Text)
			from := t.Start
			for ci < len(cuts) && cuts[ci] <= t.Start {
				ci++
			}
			for ; ci < len(cuts) && cuts[ci] < t.End; ci++ {
				if cuts[ci] > from {
					out = append(out, Token{Text: string(rs[from-t.Start : cuts[ci]-t.Start]), Start: from, End: cuts[ci]})
					from = cuts[ci]
				}
			}
			out = append(out, Token{Text: string(rs[from-t.Start:]), Start: from, End: t.End})
		}
		for i := range out {
			out[i].ID = i
		}
	}
	for i := range spans {
		spans[i].TokenStart, spans[i].TokenEnd, _ = tokenRange(out, spans[i].Start, spans[i].End)
	}
	for i := range claims {
		claims[i].Span.TokenStart, claims[i].Span.TokenEnd, _ = tokenRange(out, claims[i].Span.Start, claims[i].Span.End)
	}
	return out
}

// inside tells whether any of the sorted cuts falls strictly inside a token.
func inside(toks []Token, cuts []int) bool {
	for _, c := range cuts {
		i := sort.Search(len(toks), func(i int) bool { return toks[i].End > c })
		if i < len(toks) && toks[i].Start < c {
			return true
		}
	}
	return false
}
