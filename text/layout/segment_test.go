package layout

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/hashiya/hashiya/bench/render/mixgen"
	"github.com/rivo/uniseg"
)

// segmentTokens are pieces of text around which UAX #14 has rules that look across spaces or
// further ahead: quotes, brackets, dashes, ZWSP, marks after spaces, numbers with prefixes and
// postfixes, emoji, regional indicators, no-break spaces, hyphens before digits, and words.
var segmentTokens = []string{
	" ", " ", " ", "  ", "(", ")", "[", "]", "«", "»", "\"", "'", "‘", "’", "“", "”", "—", "–", "-", "\u200B",
	"\u0301", "\u064E", "\u05B8", "\u05BE", "\u200D", "\u200C", "\u2060", "\u00A0", "a", "ab", "Word", "سلام",
	"الرئيس", "پیمان", "שלום", "١٢", "۱۴۰۳", "12", "3.5", "%", "$", "€", "+", ".", ",", ":", ";", "!", "?", "؟",
	"،", "/", "🔹", "✅", "🇺🇳", "🇺", "👩‍👩‍👧", "漢字", "https://x.y/z?a=1", "\t", "\u2028", "ﻻ", "¿", "‼",
	"\u275D", "\u2E18", "…", "·", "\u0600", "#", "@", "*", "_", "|", "\\", "~", "=", "<", ">", "{", "}",
}

// breaksByUniseg is the plain way: FirstLineSegment over the whole text, segment by segment.
func breaksByUniseg(b []byte) (ends, states []int) {
	state := -1
	for len(b) > 0 {
		var seg []byte
		seg, b, _, state = uniseg.FirstLineSegment(b, state)
		ends = append(ends, len(seg))
		states = append(states, state)
	}
	return ends, states
}

// The segment caches give what uniseg.FirstLineSegment gives, on random mixtures of the
// tokens above and on generated news text, with the caches warm from earlier texts.
func TestLineSegmentMatchesUniseg(t *testing.T) {
	var l Layouter
	rng := rand.New(rand.NewPCG(8, 9))
	var texts [][]byte
	for range 4000 {
		var b bytes.Buffer
		for n := 1 + rng.IntN(40); n > 0; n-- {
			b.WriteString(segmentTokens[rng.IntN(len(segmentTokens))])
		}
		texts = append(texts, b.Bytes())
	}
	var news bytes.Buffer
	mixgen.New(3).Write(&news, 300_000, 60)
	texts = append(texts, bytes.Split(news.Bytes(), []byte{'\n'})...)
	for pass := range 2 { // the second pass meets every segment in the caches
		for _, text := range texts {
			wantEnds, wantStates := breaksByUniseg(text)
			b, state := text, -1
			for k := 0; len(b) > 0; k++ {
				size, runes, st := l.lineSegment(b, state)
				if k >= len(wantEnds) || size != wantEnds[k] || st != wantStates[k] || runes != len([]rune(string(b[:size]))) {
					t.Fatalf("pass %d, %q: segment %d is %q (state %d), uniseg: ends %v states %v", pass, text, k, b[:size], st, wantEnds, wantStates)
				}
				b, state = b[size:], st
			}
		}
	}
	if len(l.words.ents) == 0 || len(l.segs.ents) == 0 {
		t.Fatalf("caches not used: %d words, %d segments", len(l.words.ents), len(l.segs.ents))
	}
}
