package model

// AppendSearchKeys appends the search keys of s (see Search) to dst: what a pattern
// matcher compares when it matches "normalized", so that it and search agree on what
// the same word is. White space keeps its key; ignored characters have none.
func AppendSearchKeys(dst []rune, s string) []rune {
	for _, r := range s {
		dst = appendKeys(dst, r)
	}
	return dst
}

// SearchKeyOf is r's search key: 0 when search ignores r, -1 for a presentation form
// standing for several letters (AppendSearchKeys spells those out).
func SearchKeyOf(r rune) rune {
	if r >= 0x0600 && r <= 0x06FF {
		return arabicKeys[r-0x0600]
	}
	return key(r)
}

// IsSearchMark reports whether r is a combining mark that search ignores and keeps with
// the letter before it.
func IsSearchMark(r rune) bool { return isMark(r) }
