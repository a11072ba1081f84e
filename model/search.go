package model

import (
	"unicode"
	"unicode/utf8"

	"github.com/hashiya/hashiya/text/doctext"
)

//go:generate go run gen_presentation.go

// Search finds query in text the way a reader of Arabic or Persian expects, and returns
// the matches as ranges of code-point offsets into the original text, in order and
// non-overlapping. Both sides are compared by their search keys (see key):
//
//   - harakat (U+064B–U+065F, U+0670), Quranic marks, Hebrew points, tatweel (U+0640)
//     and invisible format characters (ZWNJ, ZWJ, LRM, RLM, ALM, soft hyphen) are ignored;
//   - أ إ آ ٱ ٲ ٳ → ا; ی ى → ي; ک ڪ → ك; ة ۀ ہ ە → ه;
//   - Arabic-Indic and Persian digits → ASCII digits; Latin letters are lower-cased;
//   - presentation forms (U+FB50–U+FEFF) are folded to their base letters (ﻻ is ل ا).
//
// A match's range covers every original character it spans, marks included, plus the
// marks that trail its last letter, so highlighting it never splits a letter from its
// harakat. The scan is a single KMP pass without allocation per character: a 5 MB
// document takes a few milliseconds.
func Search(text doctext.Text, query string) []Range {
	var q []rune
	for _, r := range query {
		q = appendKeys(q, r)
	}
	if len(q) == 0 {
		return nil
	}
	s := text.String()
	m := &matcher{q: q, fail: failure(q), at: make([]int, len(q)), text: s, lastEnd: -1}
	q0 := q[0]
	i := -1
	for b, r := range s {
		i++
		m.next = b + utf8.RuneLen(r)
		var k rune
		if r >= 0x0600 && r <= 0x06FF { // the common case, by table
			k = arabicKeys[r-0x0600]
		} else {
			k = key(r)
		}
		switch {
		case k > 0:
			if m.j == 0 && k != q0 {
				continue // cannot be part of a match: not worth recording (see step)
			}
			m.step(k, i)
		case k < 0: // a presentation form standing for several letters
			for _, x := range presentation[r-0xFB50] {
				if kx := key(x); kx > 0 {
					m.step(kx, i)
				}
			}
		}
	}
	return m.found
}

// matcher is a KMP automaton over the keys of the text. Keys seen in state 0 that don't
// start the query can't belong to a match, so Search skips them: the last len(q) keys
// recorded are still exactly those of a match when one completes.
type matcher struct {
	q, fail []rune // the query's keys; KMP failure function (as lengths)
	at      []int  // ring: original index of each of the last len(q) keys recorded
	p       int    // next slot in at
	j       int    // length of the query prefix matched
	text    string
	next    int // the byte offset after the code point stepped over
	found   []Range
	lastEnd int
}

func (m *matcher) step(k rune, i int) {
	m.at[m.p] = i
	if m.p++; m.p == len(m.at) {
		m.p = 0
	}
	for m.j > 0 && m.q[m.j] != k {
		m.j = int(m.fail[m.j-1])
	}
	if m.q[m.j] == k {
		m.j++
	}
	if m.j < len(m.q) {
		return
	}
	m.j = 0            // restart: matches must not overlap
	start := m.at[m.p] // the oldest slot
	if start < m.lastEnd {
		return // both matches inside one ligature such as ﷲ: keep the first
	}
	end := i + 1
	for b := m.next; b < len(m.text); end++ {
		r, size := utf8.DecodeRuneInString(m.text[b:])
		if !isMark(r) {
			break
		}
		b += size
	}
	m.found = append(m.found, Range{start, end})
	m.lastEnd = end
}

func failure(q []rune) []rune {
	f := make([]rune, len(q))
	for i, k := 1, 0; i < len(q); i++ {
		for k > 0 && q[i] != q[k] {
			k = int(f[k-1])
		}
		if q[i] == q[k] {
			k++
		}
		f[i] = rune(k)
	}
	return f
}

// appendKeys appends the search keys of r (none, one, or several for a ligature).
func appendKeys(dst []rune, r rune) []rune {
	switch k := key(r); {
	case k > 0:
		return append(dst, k)
	case k < 0:
		for _, x := range presentation[r-0xFB50] {
			if kx := key(x); kx > 0 {
				dst = append(dst, kx)
			}
		}
	}
	return dst
}

// arabicKeys caches key for the Arabic block, where most of the text is.
var arabicKeys = func() (t [256]rune) {
	for i := range t {
		t[i] = key(rune(0x0600 + i))
	}
	return t
}()

// key is r's search key: 0 when r is ignored, -1 when r is a presentation form whose
// decomposition (in presentation) must be keyed letter by letter.
func key(r rune) rune {
	if r < 0x80 {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	if r >= 0x0600 && r <= 0x06FF {
		switch r {
		case 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ':
			return 'ا'
		case 'ی', 'ى':
			return 'ي'
		case 'ک', 'ڪ':
			return 'ك'
		case 'ة', 'ۀ', 'ہ', 'ە':
			return 'ه'
		case 0x0640, 0x061C: // tatweel, ALM
			return 0
		}
		switch {
		case r >= 0x0660 && r <= 0x0669:
			return '0' + r - 0x0660
		case r >= 0x06F0 && r <= 0x06F9:
			return '0' + r - 0x06F0
		case isMark(r):
			return 0
		}
		return r
	}
	switch {
	case r >= 0xFB50 && r <= 0xFEFF:
		if presentation[r-0xFB50] != "" {
			return -1
		}
		if r == 0xFEFF || r >= 0xFE00 && r <= 0xFE0F { // ZWNBSP, variation selectors
			return 0
		}
		return r
	case r >= 0x200B && r <= 0x200F, r == 0x00AD, r == 0x2060: // ZWSP, ZWNJ, ZWJ, LRM, RLM, SHY, WJ
		return 0
	case isMark(r):
		return 0
	}
	return unicode.ToLower(r)
}

// isMark reports whether r is an Arabic-script or Hebrew combining mark: ignored by
// search, and kept with the letter it follows in a match's range.
func isMark(r rune) bool {
	switch {
	case r < 0x0591:
		return false
	case r <= 0x05C7: // Hebrew points and cantillation
		return r <= 0x05BD || r == 0x05BF || r == 0x05C1 || r == 0x05C2 || r == 0x05C4 || r == 0x05C5 || r == 0x05C7
	case r >= 0x0610 && r <= 0x061A, r >= 0x064B && r <= 0x065F, r == 0x0670,
		r >= 0x06D6 && r <= 0x06DC, r >= 0x06DF && r <= 0x06E4, r == 0x06E7, r == 0x06E8,
		r >= 0x06EA && r <= 0x06ED, r >= 0x08CA && r <= 0x08E1, r >= 0x08E3 && r <= 0x08FF:
		return true
	}
	return false
}
