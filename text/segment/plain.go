package segment

// Plain text is cut here without uniseg and without leaving []rune: the Arabic,
// Persian and ASCII characters news text is made of, with the UAX #29 word rules they
// take part in (no Hebrew, Katakana, ExtendNumLet, regional indicators, emoji or
// ZWJ). A stretch holding any other character goes to uniseg (see Segmenter).
// TestPlainAsUniseg holds every character of the set to uniseg's answer.

// wbClass is a character's UAX #29 Word_Break property, as far as plain text needs it.
type wbClass uint8

const (
	wbNone      wbClass = iota // not plain: the stretch goes to uniseg
	wbOther                    // no rule keeps it with a neighbour
	wbLetter                   // ALetter
	wbNumeric                  // Numeric
	wbIgnored                  // Extend or Format: takes the side of what comes before (WB4)
	wbSpace                    // WSegSpace
	wbCR                       // CR
	wbLF                       // LF
	wbMidLetter                // MidLetter
	wbMidNum                   // MidNum
	wbMidNumLet                // MidNumLet or Single_Quote (the same without Hebrew)
)

// plainClass has the class of every rune below 0x0700.
var plainClass [0x0700]wbClass

func init() {
	set := func(lo, hi rune, c wbClass) {
		for r := lo; r <= hi; r++ {
			plainClass[r] = c
		}
	}
	// ASCII: '-' and '/' join numbers and '_' is ExtendNumLet; control characters but
	// tab, LF and CR are left to uniseg (VT and FF are Newline).
	set(0x21, 0x7E, wbOther)
	set('\t', '\t', wbOther)
	set('\n', '\n', wbLF)
	set('\r', '\r', wbCR)
	set(' ', ' ', wbSpace)
	set('0', '9', wbNumeric)
	set('A', 'Z', wbLetter)
	set('a', 'z', wbLetter)
	set(',', ',', wbMidNum)
	set(';', ';', wbMidNum)
	set('.', '.', wbMidNumLet)
	set('\'', '\'', wbMidNumLet)
	set(':', ':', wbMidLetter)
	set('-', '-', wbNone)
	set('/', '/', wbNone)
	set('_', '_', wbNone)
	// Latin-1: no-break space and guillemets only.
	set(0xA0, 0xA0, wbOther)
	set(0xAB, 0xAB, wbOther)
	set(0xBB, 0xBB, wbOther)
	// Arabic, but the Prepend signs (U+0600–U+0605, U+06DD), which a grapheme cluster
	// keeps with the next character.
	set(0x0606, 0x06FF, wbOther)
	set(0x060C, 0x060D, wbMidNum)
	set(0x0610, 0x061A, wbIgnored)
	set(0x061C, 0x061C, wbIgnored)
	set(0x0620, 0x064A, wbLetter) // with tatweel
	set(0x064B, 0x065F, wbIgnored)
	set(0x0660, 0x0669, wbNumeric)
	set(0x066B, 0x066B, wbNumeric)
	set(0x066C, 0x066C, wbMidNum)
	set(0x066E, 0x066F, wbLetter)
	set(0x0670, 0x0670, wbIgnored)
	set(0x0671, 0x06D3, wbLetter)
	set(0x06D5, 0x06D5, wbLetter)
	set(0x06D6, 0x06DC, wbIgnored)
	set(0x06DD, 0x06DD, wbNone)
	set(0x06DF, 0x06E4, wbIgnored)
	set(0x06E5, 0x06E6, wbLetter)
	set(0x06E7, 0x06E8, wbIgnored)
	set(0x06EA, 0x06ED, wbIgnored)
	set(0x06EE, 0x06EF, wbLetter)
	set(0x06F0, 0x06F9, wbNumeric)
	set(0x06FA, 0x06FC, wbLetter)
	set(0x06FF, 0x06FF, wbLetter)
}

// classOf is r's class; wbNone for a character plain text does not cover.
func classOf(r rune) wbClass {
	if r >= 0 && r < rune(len(plainClass)) {
		return plainClass[r]
	}
	switch r {
	case 0x200C, 0x200E, 0x200F, 0xFEFF: // ZWNJ (Extend), LRM, RLM, BOM (Format)
		return wbIgnored
	case 0x2018, 0x2019:
		return wbMidNumLet
	case 0x200B, 0x2013, 0x2014, 0x201C, 0x201D, 0x2026:
		return wbOther
	}
	return wbNone
}

func isAHLetter(c wbClass) bool { return c == wbLetter }
func isMidLetterQ(c wbClass) bool {
	return c == wbMidLetter || c == wbMidNumLet
}
func isMidNumQ(c wbClass) bool { return c == wbMidNum || c == wbMidNumLet }

// plainBreaks appends to out the offsets in (from,to) where text[from:to] has a word
// boundary, and reports false (out unspecified) if the stretch holds a character
// plain text does not cover. cls is scratch.
func plainBreaks(text []rune, from, to int, cls []wbClass, out []int) ([]wbClass, []int, bool) {
	cls = cls[:0]
	for _, r := range text[from:to] {
		c := classOf(r)
		if c == wbNone {
			return cls, out, false
		}
		cls = append(cls, c)
	}
	// last and before are the classes of the last two characters WB4 does not skip.
	last, before := wbOther, wbOther
	for i, c := range cls {
		if i > 0 && plainBreak(cls, i, c, last, before) {
			out = append(out, from+i)
		}
		if c != wbIgnored {
			last, before = c, last
		}
	}
	return cls, out, true
}

// plainBreak tells whether UAX #29 breaks before cls[i] (class c), last and before
// being the classes of the two characters before it that WB4 does not skip.
func plainBreak(cls []wbClass, i int, c, last, before wbClass) bool {
	p := cls[i-1]
	switch {
	case p == wbCR && c == wbLF: // WB3
		return false
	case p == wbCR || p == wbLF, c == wbCR || c == wbLF: // WB3a, WB3b
		return true
	case p == wbSpace && c == wbSpace: // WB3d
		return false
	case c == wbIgnored: // WB4
		return false
	case isAHLetter(last) && isAHLetter(c): // WB5
		return false
	case isAHLetter(last) && isMidLetterQ(c) && isAHLetter(nextClass(cls, i)): // WB6
		return false
	case isAHLetter(before) && isMidLetterQ(last) && isAHLetter(c): // WB7
		return false
	case last == wbNumeric && c == wbNumeric, // WB8
		isAHLetter(last) && c == wbNumeric, // WB9
		last == wbNumeric && isAHLetter(c): // WB10
		return false
	case before == wbNumeric && isMidNumQ(last) && c == wbNumeric: // WB11
		return false
	case last == wbNumeric && isMidNumQ(c) && nextClass(cls, i) == wbNumeric: // WB12
		return false
	}
	return true // WB999
}

// nextClass is the class of the first character after cls[i] that WB4 does not skip,
// wbOther at the end.
func nextClass(cls []wbClass, i int) wbClass {
	for _, c := range cls[i+1:] {
		if c != wbIgnored {
			return c
		}
	}
	return wbOther
}
