package model

import "unicode"

// langSample bounds how much of a long document DetectLang reads: the first million
// code points decide as well as fifty million would.
const langSample = 1 << 20

// arabicLetters is unicode.IsLetter over U+0600–06FF, where most of an Arabic text is.
var arabicLetters = func() (t [256]bool) {
	for i := range t {
		t[i] = unicode.IsLetter(rune(0x0600 + i))
	}
	return t
}()

// DetectLang guesses a text's language from letter statistics. The script with most
// letters decides: Hebrew → "he"; Arabic script → "ur" when Urdu-only letters
// (ٹ ڈ ڑ ں ے ہ ھ) make up at least 1% of its letters, else "fa" when Persian-only
// letters (پ چ ژ گ ک ی) and Persian digits (۰-۹) do and outnumber the Arabic-only
// letters (ي ك ة ى), else "ar"; Latin → "en" if more than half of all letters are
// Latin. Anything else, or no letters, is "und".
func DetectLang(text string) string {
	var arabic, hebrew, latin, other, urdu, persian, arabicOnly int
	seen := 0
	for _, r := range text {
		if seen++; seen > langSample {
			break
		}
		switch {
		case r < 0x80:
			if r|0x20 >= 'a' && r|0x20 <= 'z' {
				latin++
			}
		case r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F || r >= 0x08A0 && r <= 0x08FF ||
			r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF:
			switch r {
			case 'ٹ', 'ڈ', 'ڑ', 'ں', 'ے', 'ہ', 'ھ':
				urdu++
			case 'پ', 'چ', 'ژ', 'گ', 'ک', 'ی':
				persian++
			case 'ي', 'ك', 'ة', 'ى':
				arabicOnly++
			}
			if r >= '۰' && r <= '۹' {
				persian++
			} else if r <= 0x06FF && arabicLetters[r-0x0600] || r > 0x06FF && unicode.IsLetter(r) {
				arabic++
			}
		case r >= 0x0590 && r <= 0x05FF || r >= 0xFB1D && r <= 0xFB4F:
			if unicode.IsLetter(r) {
				hebrew++
			}
		case unicode.IsLetter(r):
			if unicode.Is(unicode.Latin, r) {
				latin++
			} else {
				other++
			}
		}
	}
	total := arabic + hebrew + latin + other
	switch {
	case total == 0:
		return "und"
	case hebrew > arabic && hebrew >= latin && hebrew >= other:
		return "he"
	case arabic > 0 && arabic >= latin && arabic >= other:
		switch {
		case urdu*100 >= arabic:
			return "ur"
		case persian*100 >= arabic && persian > arabicOnly:
			return "fa"
		}
		return "ar"
	case latin*2 > total:
		return "en"
	}
	return "und"
}

// Direction reports whether text in lang is written right to left: a title's or a
// paragraph's default direction.
func Direction(lang string) (rtl bool) {
	switch lang {
	case "ar", "fa", "ur", "he":
		return true
	}
	return false
}
