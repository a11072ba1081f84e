package suggest

import (
	"github.com/hashiya/hashiya/model"
	"github.com/hashiya/hashiya/text/segment"
)

// The windows the automaton's hits are segmented in start and end where segment.Window
// says: at safe boundaries (white space, then a character that starts a grapheme
// cluster and a word). segment decides a pair with uniseg; here the pairs news text is
// made of (a space or line break, then a letter or digit of Arabic script or ASCII) are
// decided at once, and any other pair is left to segment.Window.

// pairKind says what is known of a boundary between prev and r without uniseg: a
// boundary is safe only after Unicode white space and before what is not.
func pairKind(prev, r rune) (known, safe bool) {
	if !isUnicodeSpace(prev) || isUnicodeSpace(r) {
		return true, false
	}
	if !isPlainSpace(prev) {
		return false, false
	}
	return plainStarter(r), plainStarter(r)
}

// isUnicodeSpace is unicode.IsSpace, what segment.Window's safe boundaries ask of the
// character before them.
func isUnicodeSpace(r rune) bool { return isSpace(r) && r != '\u200b' && r != '\ufeff' }

func isPlainSpace(r rune) bool { return r == ' ' || r == '\n' || r == '\t' || r == '\r' }

// plainStarter: a letter or digit that starts a grapheme cluster and a word.
func plainStarter(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	case r >= 0x0621 && r <= 0x063A, r >= 0x0641 && r <= 0x064A, r >= 0x0671 && r <= 0x06D3,
		r >= 0x0660 && r <= 0x0669, r >= 0x06F0 && r <= 0x06F9:
		return true
	}
	return false
}

// maxWindow is segment's bound on the look for a safe boundary.
const maxWindow = 4096

// windowStart is segment.Window(text, i)'s start.
func windowStart(text []rune, i int) int {
	for j := i; j > 0 && i-j < maxWindow; j-- {
		known, safe := pairKind(text[j-1], text[j])
		if !known {
			s, _ := segment.Window(text, i)
			return s
		}
		if safe {
			return j
		}
	}
	s, _ := segment.Window(text, i)
	return s
}

// windowEnd is segment.Window(text, i)'s end.
func windowEnd(text []rune, i int) int {
	for j := i + 1; j < len(text) && j-i < maxWindow; j++ {
		known, safe := pairKind(text[j-1], text[j])
		if !known {
			_, e := segment.Window(text, i)
			return e
		}
		if safe {
			return j
		}
	}
	_, e := segment.Window(text, i)
	return e
}

// A hit of the automaton is a run of keys; a phrase can match there only if the run
// begins and ends a word (or, with proclitics, begins after proclitic letters). Where
// the run begins or ends with a letter or digit of Arabic script or ASCII, the
// neighbouring letters tell: UAX #29 never breaks between two of them, whatever
// joiners or marks lie between. Any other character leaves the hit to the tokens.

// wordStartOK: nothing glued before the hit at start but, with proclitics, up to four
// letters a proclitic is made of.
func wordStartOK(text []rune, start int, procl bool) bool {
	if !plainStarter(text[start]) {
		return true
	}
	j := skipKeylessBack(text, start-1)
	for n := 0; j >= 0 && plainStarter(text[j]); n++ {
		if !procl || n == maxProclitic {
			return false
		}
		switch model.SearchKeyOf(text[j]) {
		case 'و', 'ف', 'ب', 'ل', 'ك', 'ا':
		default:
			return false
		}
		j = skipKeylessBack(text, j-1)
	}
	return true
}

// wordEndOK: no letter or digit glued after the hit ending at end.
func wordEndOK(text []rune, end int) bool {
	if !plainStarter(text[end-1]) {
		return true
	}
	j := end
	for j < len(text) && model.SearchKeyOf(text[j]) == 0 && !isSpace(text[j]) {
		j++
	}
	return j == len(text) || !plainStarter(text[j])
}

func skipKeylessBack(text []rune, j int) int {
	for j >= 0 && model.SearchKeyOf(text[j]) == 0 && !isSpace(text[j]) {
		j--
	}
	return j
}
