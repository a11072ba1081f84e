package segment

import (
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// maxWindow bounds how far the local functions look for a safe boundary on either side
// of an offset. Past it (a run of that many code points without white space) segments
// near the cut are approximate; a reader pressing w in a 50 MB one-line file stays fast.
const maxWindow = 4096

// safe tells whether offset i is a boundary of every segmentation of text, so text can
// be segmented from or up to i alone: white space followed by a character that starts a
// grapheme cluster and a word. No UAX #29 word or grapheme rule looks back past white
// space, so segments on either side do not depend on each other.
func safe(text []rune, i int) bool {
	if i <= 0 || i >= len(text) {
		return true
	}
	return safePair(text[i-1], text[i])
}

// safePair tells whether a boundary between prev and r is safe (see safe).
func safePair(prev, r rune) bool {
	if !unicode.IsSpace(prev) || unicode.IsSpace(r) {
		return false
	}
	if r < utf8.RuneSelf && prev < utf8.RuneSelf {
		return true
	}
	// A mark, joiner or spacing vowel (Thai ำ) after a space belongs to it, and a
	// narrow no-break space joins digits (1 000).
	pair := string([]rune{prev, r})
	g, _, _, _ := uniseg.FirstGraphemeClusterInString(pair, -1)
	w, _, _ := uniseg.FirstWordInString(pair, -1)
	return utf8.RuneCountInString(g) == 1 && utf8.RuneCountInString(w) == 1
}

// Window is the range around offset i that the local functions segment: from the last
// safe boundary at or before i to the first one after it.
func Window(text []rune, i int) (start, end int) {
	i = max(0, min(i, len(text)))
	start = i
	for start > 0 && i-start < maxWindow && !safe(text, start) {
		start--
	}
	end = min(i+1, len(text))
	for end < len(text) && end-i < maxWindow && !safe(text, end) {
		end++
	}
	return start, end
}

// Around returns the segments of the window holding offset i.
func Around(text []rune, i int) []Segment {
	s, e := Window(text, i)
	if s >= e {
		return nil
	}
	ps := segmentString(string(text[s:e]), s, nil)
	out := make([]Segment, len(ps))
	for j, p := range ps {
		out[j] = p.Segment
	}
	return out
}

// At is the segment holding offset i (0 <= i < len(text)).
func At(text []rune, i int) Segment {
	for _, sg := range Around(text, i) {
		if sg.Start <= i && i < sg.End {
			return sg
		}
	}
	return Segment{Start: i, End: min(i+1, len(text)), Kind: Symbol} // only past the window cap
}

// WordEndingAfter is the first word (IsWord) that ends after offset i.
func WordEndingAfter(text []rune, i int) (Segment, bool) { return FirstWordIn(text, i, len(text)) }

// WordStartingBefore is the last word (IsWord) that starts before offset i.
func WordStartingBefore(text []rune, i int) (Segment, bool) { return LastWordIn(text, 0, i) }

// FirstWordIn is the first word (IsWord) that ends after s and starts before e (for
// s < e: the first word overlapping [s,e)). It looks no further than e, so snapping a
// selection costs the selection, not the text.
func FirstWordIn(text []rune, s, e int) (Segment, bool) {
	for pos := max(s, 0); pos < len(text); {
		segs := Around(text, pos)
		for _, sg := range segs {
			if sg.Start >= e {
				return Segment{}, false
			}
			if sg.Kind.IsWord() && sg.End > s {
				return sg, true
			}
		}
		pos = segs[len(segs)-1].End
	}
	return Segment{}, false
}

// LastWordIn is the last word (IsWord) that starts before e and ends after s.
func LastWordIn(text []rune, s, e int) (Segment, bool) {
	for pos := min(e, len(text)) - 1; pos >= 0; {
		segs := Around(text, pos)
		for j := len(segs) - 1; j >= 0; j-- {
			sg := segs[j]
			if sg.End <= s {
				return Segment{}, false
			}
			if sg.Kind.IsWord() && sg.Start < e {
				return sg, true
			}
		}
		pos = segs[0].Start - 1
	}
	return Segment{}, false
}

// Character is the grapheme cluster holding offset i (0 <= i < len(text)): a base with
// its combining marks, an emoji sequence, CRLF.
func Character(text []rune, i int) (start, end int) {
	ws, we := Window(text, i)
	b := []byte(string(text[ws:we]))
	state, pos := -1, ws
	for len(b) > 0 {
		var cluster []byte
		cluster, b, _, state = uniseg.FirstGraphemeCluster(b, state)
		n := utf8.RuneCount(cluster)
		if i < pos+n {
			return pos, pos + n
		}
		pos += n
	}
	return i, min(i+1, len(text))
}
