package layout

import (
	"sync"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Most line segments of news text are a plain word and the spaces after it: letters, digits
// and harakat (line break classes AL, HL, NU, CM), perhaps ending in a comma, a full stop or
// another mark that rules LB13 and LB29 keep with it (IS, EX), then spaces, then a letter or a
// digit. From a state after such a letter or digit, UAX #14 breaks nowhere in the word (LB9,
// LB13, LB23, LB25, LB28), keeps the spaces with it (LB7) and breaks before the letter after
// them (LB18), so the segment and the state after it (leadState) are known without running
// uniseg's state machine or hashing the word. Only the rune classes listed in plainRunes take
// this path; TestPlainSegmentsMatchUniseg checks every one of them against uniseg.

// plainRunes classes, by rune below plainLimit.
const (
	pWord  uint8 = 1 << iota // a letter or digit (AL, HL, NU) or a haraka or Hebrew point (CM)
	pEnd                     // punctuation that may end a word before its spaces (IS, EX)
	pInner                   // a separator inside a word (IS, SY, HY): see innerOK
	pDigit                   // a decimal digit (NU)
)

const plainLimit = 0x700

var plainTable = func() *[plainLimit]uint8 {
	t := new([plainLimit]uint8)
	set := func(lo, hi rune, c uint8) {
		for r := lo; r <= hi; r++ {
			t[r] |= c
		}
	}
	set('a', 'z', pWord)
	set('A', 'Z', pWord)
	set('0', '9', pWord)
	set(0xC0, 0xD6, pWord) // Latin-1 letters
	set(0xD8, 0xF6, pWord)
	set(0xF8, 0x17F, pWord)    // and Latin Extended-A
	set(0x05D0, 0x05EA, pWord) // Hebrew letters
	set(0x0620, 0x064A, pWord) // Arabic letters (and tatweel)
	set(0x064B, 0x065F, pWord) // harakat
	set(0x0660, 0x0669, pWord) // Arabic-Indic digits
	set(0x066E, 0x066F, pWord)
	set(0x0670, 0x0670, pWord)
	set(0x0671, 0x06D3, pWord) // Persian and other Arabic letters
	set(0x06D5, 0x06D5, pWord)
	set(0x06F0, 0x06F9, pWord) // Extended Arabic-Indic digits
	set(0x06FA, 0x06FC, pWord)
	for r := rune(0x05B0); r <= 0x05C7; r++ {
		if isPoint(r) {
			t[r] |= pWord
		}
	}
	for _, r := range ".,:;!?\u060C\u061B\u061F" {
		t[r] |= pEnd
	}
	for _, r := range ".,:;/-" {
		t[r] |= pInner
	}
	set('0', '9', pDigit)
	set(0x0660, 0x0669, pDigit)
	set(0x06F0, 0x06F9, pDigit)
	return t
}()

func plainRunes() *[plainLimit]uint8 { return plainTable }

// innerOK reports whether the separator r between prev and next keeps a word whole: a full
// stop, comma, colon or semicolon (IS) before a letter (LB29), or any of them, a slash (SY)
// or a hyphen (HY) between two digits (LB25).
func innerOK(r, prev, next rune) bool {
	if next >= plainLimit {
		return false
	}
	tab := plainRunes()
	if tab[next]&pDigit != 0 {
		return prev < plainLimit && tab[prev]&pDigit != 0
	}
	return r != '/' && r != '-' && tab[next]&pWord != 0 && plainLead(next)
}

func isPlainWord(r rune) bool {
	if r < plainLimit {
		return plainRunes()[r]&pWord != 0
	}
	return r == 0x200C // ZWNJ, class CM: inside Persian words
}

// plainStates are uniseg's states after a letter or a digit that follows spaces: the states
// a plain segment may start in.
var plainStates = sync.OnceValue(func() []int {
	var states []int
	for _, r := range "aא1بپ١۱" {
		var buf [8]byte
		p := utf8.AppendRune(append(buf[:0], ' '), r)
		p = append(p, 'a')
		_, _, _, st := uniseg.FirstLineSegment(p, spState())
		if !containsInt(states, st) {
			states = append(states, st)
		}
	}
	return states
})

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// plainSegment reports, for the rune i of src already consumed in a plain state, the start
// of the next segment, the segment's length in UTF-8 bytes and the state after its first rune
// when src[i:] starts with a plain segment (ok): a plain word and its spaces, or a plain word
// that ends the text. At the end of the text the segment ends there (state -1).
func (l *Layouter) plainSegment(src []rune, i int) (next, size, state int, ok bool) {
	n := len(src)
	tab := plainRunes()
	size = utf8.RuneLen(src[i])
	j := i + 1
	for j < n {
		r := src[j]
		if r < plainLimit && tab[r]&pWord != 0 {
			if r < utf8.RuneSelf {
				size++
			} else {
				size += 2 // below U+0800
			}
			j++
			continue
		}
		if r == 0x200C {
			size += 3
			j++
			continue
		}
		if j+1 < n && r < plainLimit && tab[r]&pInner != 0 && innerOK(r, src[j-1], src[j+1]) {
			size += 1 + utf8.RuneLen(src[j+1]) // an ASCII separator and a plain rune
			j += 2
			continue
		}
		break
	}
	if j < n && src[j] < plainLimit && tab[src[j]]&pEnd != 0 {
		size += utf8.RuneLen(src[j])
		j++
	}
	if j == n { // the last word: the end of the text ends it (LB3)
		return n, size, -1, true
	}
	if src[j] != ' ' {
		return 0, 0, 0, false
	}
	for j < n && src[j] == ' ' {
		size++
		j++
	}
	if j == n {
		return n, size, -1, true
	}
	r := src[j]
	if !plainLead(r) {
		return 0, 0, 0, false
	}
	if state = l.leadState(r); state < 0 {
		return 0, 0, 0, false
	}
	return j, size, state, true
}
