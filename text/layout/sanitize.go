package layout

import "strings"

// Control pictures and markers: what the layout shows for characters that must not reach
// the terminal as they are.

// controlPicture is the visible stand-in for a C0 control, DEL or a C1 control.
func controlPicture(r rune) rune {
	switch {
	case r < 0x20:
		return 0x2400 + r // ␀ … ␟ (ESC is ␛ U+241B)
	case r == 0x7F:
		return 0x2421 // ␡
	default:
		return c1Picture
	}
}

// c1Picture stands for every C1 control (U+0080–009F): U+2426 SYMBOL FOR SUBSTITUTE FORM TWO
// (␦). The Control Pictures block has no symbols for C1, and U+FFFD is kept for invalid
// UTF-8.
const c1Picture rune = 0x2426

// ellipsis replaces a wide character on a line only one cell wide.
const ellipsis rune = 0x2026

// dottedCircle is the base a combining mark gets when it has none on its line.
const dottedCircle rune = 0x25CC

// bidiMarker is the single-cell marker shown for a bidi formatting character with
// Options.ShowControls (see the package doc for the table), or 0.
func bidiMarker(r rune) rune {
	switch r {
	case 0x200E: // LRM
		return '→' // U+2192
	case 0x200F: // RLM
		return '←' // U+2190
	case 0x061C: // ALM
		return '↞' // U+219E
	case 0x202A: // LRE
		return '⇢' // U+21E2
	case 0x202B: // RLE
		return '⇠' // U+21E0
	case 0x202C: // PDF
		return '⇣' // U+21E3
	case 0x202D: // LRO
		return '⇒' // U+21D2
	case 0x202E: // RLO
		return '⇐' // U+21D0
	case 0x2066: // LRI
		return '⇥' // U+21E5
	case 0x2067: // RLI
		return '⇤' // U+21E4
	case 0x2068: // FSI
		return '⇹' // U+21F9
	case 0x2069: // PDI
		return '⇳' // U+21F3
	}
	return 0
}

// validRune maps a value that is not a Unicode scalar value to U+FFFD.
func validRune(r rune) rune {
	if r < 0 || r > 0x10FFFF || (r >= 0xD800 && r < 0xE000) {
		return 0xFFFD
	}
	return r
}

// SanitizeString makes s safe to print as it is, for text that reaches the terminal
// without being laid out (error messages, standard error, a window title): each C0
// control but the newline, DEL and each C1 control become the pictures the layout shows
// for them (ESC is ␛, so an escape sequence is shown, not obeyed), each bidi formatting
// character its marker (it would reorder the rest of the terminal line), invalid UTF-8
// U+FFFD, and a tab a space, as the layout draws it. Newlines are kept.
func SanitizeString(s string) string { return sanitize(s, true) }

// SanitizeLine is SanitizeString for a place that holds one line (a window title): a
// newline becomes ␊ too.
func SanitizeLine(s string) string { return sanitize(s, false) }

func sanitize(s string, keepNewlines bool) string {
	if plainASCII(s, keepNewlines) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s { // an invalid byte comes as U+FFFD
		switch {
		case r == '\n' && keepNewlines:
			b.WriteByte('\n')
		case r == '\t':
			b.WriteByte(' ')
		case propOf(r).kind() == kControl:
			b.WriteRune(controlPicture(r))
		case propOf(r).kind() == kBidiCtl:
			b.WriteRune(bidiMarker(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// plainASCII reports whether s is printable ASCII (and newlines, if kept): nothing to do.
func plainASCII(s string, keepNewlines bool) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 || c >= 0x7F) && !(c == '\n' && keepNewlines) {
			return false
		}
	}
	return true
}
