package model

// Search finds query in text, ignoring Arabic harakat and tatweel and folding letter
// variants (see fold). It returns the matches' ranges in the original text, in order
// and non-overlapping; a range includes the marks inside the match and those trailing
// its last letter.
func Search(text []rune, query string) []Range { return nil }
