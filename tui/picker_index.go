package tui

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hashiya/hashiya/model"
)

// titleIndex holds every document's search key (model.SearchKey of its id, and once
// read its title and meta) made once, so a keystroke in the picker costs one pass over
// plain strings; it grows as the corpus is indexed and as titles are read. Keys are
// byte-coded (keyCoder) where they can be: one byte per code point.
type titleIndex struct {
	key    []string
	coded  []bool   // the key is byte-coded: byte offsets are code points
	titles []string // first lines, for the rows; "" until read
	coder  keyCoder

	summarized int  // documents whose title and meta are in their key
	reading    bool // a read of titles is under way
}

// extend adds the ids of documents [len(ix.key), n).
func (ix *titleIndex) extend(n int, id func(int) string) {
	for i := len(ix.key); i < n; i++ {
		k, coded := ix.coder.encode(model.SearchKey(id(i)), true)
		ix.key, ix.coded = append(ix.key, k), append(ix.coded, coded)
		ix.titles = append(ix.titles, "")
	}
}

// summarize adds to the keys of documents from, from+1, … their titles and the keys of
// their titles and meta, byte-coded where coded says.
func (ix *titleIndex) summarize(from int, titles, keys []string, coded []bool) {
	for k := range titles {
		i := from + k
		if i >= len(ix.key) {
			break
		}
		if i < ix.summarized {
			continue
		}
		switch { // a key is the id's alone until now
		case ix.coded[i] && coded[k]:
			ix.key[i] += " " + keys[k]
		case ix.coded[i]:
			ix.key[i], ix.coded[i] = ix.coder.decode(ix.key[i])+" "+keys[k], false
		case coded[k]:
			ix.key[i] += " " + ix.coder.decode(keys[k])
		default:
			ix.key[i] += " " + keys[k]
		}
		ix.titles[i] = titles[k]
		ix.summarized = i + 1
	}
}

func (ix *titleIndex) title(i int) string {
	if i < 0 || i >= len(ix.titles) {
		return ""
	}
	return ix.titles[i]
}

// match matches query q within key i: as a substring, or else its code points in
// order, greedily from the left. Lower scores are tighter matches, (last - first) +
// first/4 in code points, the better of the two ways. qc is q byte-coded (ok false when
// q has a code point no coded key holds).
func (ix *titleIndex) match(i int, q string, qc string, qcOK bool) (int, bool) {
	if q == "" {
		return 0, true
	}
	if ix.coded[i] {
		if !qcOK {
			return 0, false
		}
		return matchBytes(ix.key[i], qc)
	}
	return matchRunes(ix.key[i], q)
}

// matchBytes is match on byte-coded strings: a byte is a code point.
func matchBytes(s, q string) (int, bool) {
	first, last, at := -1, -1, 0
	for k := 0; k < len(q); k++ {
		j := strings.IndexByte(s[at:], q[k])
		if j < 0 {
			return 0, false
		}
		if first < 0 {
			first = at + j
		}
		last = at + j
		at += j + 1
	}
	score := (last - first) + first/4
	// A gapped match may hide an exact one further on; a gapless one is the first
	// exact one (it starts at the first code point of q in s).
	if last-first > len(q)-1 { // an exact one starts after first, the first q[0]
		if j := strings.Index(s[first+1:], q); j >= 0 {
			score = min(score, len(q)-1+(first+1+j)/4)
		}
	}
	return score, true
}

// matchRunes is match on UTF-8 strings, counting code points.
func matchRunes(s, q string) (int, bool) {
	first, last, at := -1, -1, 0
	for _, r := range q {
		j := strings.IndexRune(s[at:], r)
		if j < 0 {
			return 0, false
		}
		if first < 0 {
			first = at + j
		}
		last = at + j
		at += j + max(utf8.RuneLen(r), 1)
	}
	firstByte := first
	first, last = utf8.RuneCountInString(s[:first]), utf8.RuneCountInString(s[:last])
	score := (last - first) + first/4
	n := utf8.RuneCountInString(q)
	if last-first > n-1 {
		if j := strings.Index(s[firstByte+1:], q); j >= 0 {
			score = min(score, n-1+utf8.RuneCountInString(s[:firstByte+1+j])/4)
		}
	}
	return score, true
}

// keyCoder gives the code points of keys one byte each: ASCII as itself, up to 128
// others (an Arabic or Persian corpus has about 60 in its keys) a byte from 0x80 on in
// the order first met. Byte offsets are then code points and matching is byte search:
// a key with a code point beyond those stays UTF-8. It is shared by the picker and the
// reader of titles, hence the lock.
type keyCoder struct {
	mu    sync.Mutex
	code  map[rune]byte
	runes []rune // by code - 0x80
}

// encode codes s; add lets it give codes to code points not met before.
func (kc *keyCoder) encode(s string, add bool) (string, bool) {
	kc.mu.Lock()
	defer kc.mu.Unlock()
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			b = append(b, byte(r))
			continue
		}
		c, ok := kc.code[r]
		if !ok {
			if !add || len(kc.runes) == 128 {
				return s, false
			}
			if kc.code == nil {
				kc.code = map[rune]byte{}
			}
			c = byte(0x80 + len(kc.runes))
			kc.code[r], kc.runes = c, append(kc.runes, r)
		}
		b = append(b, c)
	}
	return string(b), true
}

// decode is the UTF-8 of a coded string.
func (kc *keyCoder) decode(s string) string {
	kc.mu.Lock()
	defer kc.mu.Unlock()
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf {
			b.WriteByte(s[i])
		} else {
			b.WriteRune(kc.runes[s[i]-0x80])
		}
	}
	return b.String()
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
