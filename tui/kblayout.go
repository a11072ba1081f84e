package tui

import (
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"
)

// Keyboard layouts: an annotator who just typed a search in Arabic must be able to press
// "n" without switching layouts. When the terminal reports the base-layout key (kitty
// keyboard protocol) we use it; otherwise we map a letter of these standard layouts to
// the Latin key in the same position on a US keyboard.
//
// Each table pairs the US keys (unshifted, then shifted) with what the layout types there.

// Arabic (101), as shipped by Windows and XKB "ara".
var arabicLayout = layoutTable{
	us:      "`qwertyuiop[]asdfghjkl;'zxcvbnm,./",
	plain:   []string{"ذ", "ض", "ص", "ث", "ق", "ف", "غ", "ع", "ه", "خ", "ح", "ج", "د", "ش", "س", "ي", "ب", "ل", "ا", "ت", "ن", "م", "ك", "ط", "ئ", "ء", "ؤ", "ر", "لا", "ى", "ة", "و", "ز", "ظ"},
	usShift: "~QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>?",
	shift:   []string{"ّ", "َ", "ً", "ُ", "ٌ", "لإ", "إ", "‘", "÷", "×", "؛", "<", ">", "ِ", "ٍ", "]", "[", "لأ", "أ", "ـ", "،", "/", ":", "\"", "~", "ْ", "}", "{", "لآ", "آ", "’", ",", ".", "؟"},
}

// Persian standard (ISIRI 9147), XKB "ir".
var persianLayout = layoutTable{
	us:      "qwertyuiop[]asdfghjkl;'\\zxcvbnm,",
	plain:   []string{"ض", "ص", "ث", "ق", "ف", "غ", "ع", "ه", "خ", "ح", "ج", "چ", "ش", "س", "ی", "ب", "ل", "ا", "ت", "ن", "م", "ک", "گ", "پ", "ظ", "ط", "ز", "ر", "ذ", "د", "ئ", "و"},
	usShift: "QWERTYUIOPASDFGHJKLZXCVBNM?",
	shift:   []string{"ْ", "ٌ", "ٍ", "ً", "ُ", "ِ", "َ", "ّ", "]", "[", "ؤ", "ئ", "ي", "إ", "أ", "آ", "ة", "»", "«", "ك", "ٓ", "ژ", "ٰ", "\u200c", "ٔ", "ء", "؟"},
}

// Hebrew (SI-1452); shifted keys type Latin capitals, so only the plain row is mapped.
var hebrewLayout = layoutTable{
	us:    "qwertyuiopasdfghjkl;'zxcvbnm,./",
	plain: []string{"/", "'", "ק", "ר", "א", "ט", "ו", "ן", "ם", "פ", "ש", "ד", "ג", "כ", "ע", "י", "ח", "ל", "ך", "ף", ",", "ז", "ס", "ב", "ה", "נ", "מ", "צ", "ת", "ץ", "."},
}

type layoutTable struct {
	us, usShift  string
	plain, shift []string
}

// keyboard names a layout guess: which table wins where two layouts type the same letter
// on different keys (د is "]" in Arabic and "n" in Persian).
type keyboard string

const (
	kbAuto    keyboard = "auto"
	kbArabic  keyboard = "ar"
	kbPersian keyboard = "fa"
	kbHebrew  keyboard = "he"
	kbNone    keyboard = "none"
)

// layoutMapper translates layout letters to US keys.
type layoutMapper struct {
	byLayout map[keyboard]map[string]rune
	order    []keyboard
}

func newLayoutMapper() *layoutMapper {
	m := &layoutMapper{byLayout: map[keyboard]map[string]rune{}, order: []keyboard{kbArabic, kbPersian, kbHebrew}}
	for kb, t := range map[keyboard]layoutTable{kbArabic: arabicLayout, kbPersian: persianLayout, kbHebrew: hebrewLayout} {
		table := map[string]rune{}
		add := func(us string, typed []string) {
			for i, r := range []rune(us) {
				s := typed[i]
				if s == string(r) || isASCIIOnly(s) {
					continue // the same key either way, or a Latin symbol that means itself
				}
				if _, dup := table[s]; !dup {
					table[s] = r
				}
			}
		}
		add(t.us, t.plain)
		if t.usShift != "" {
			add(t.usShift, t.shift)
		}
		m.byLayout[kb] = table
	}
	return m
}

func isASCIIOnly(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII {
			return false
		}
	}
	return true
}

// Translate returns the US key for a key press typed on a non-Latin layout, preferring the
// terminal's own report of the base key, and the layout guess where layouts disagree.
func (m *layoutMapper) Translate(k tea.KeyPressMsg, guess keyboard) (tea.KeyPressMsg, bool) {
	if guess == kbNone {
		return k, false
	}
	if k.BaseCode != 0 && k.BaseCode != k.Code && k.BaseCode <= unicode.MaxASCII {
		return latinKey(k, k.BaseCode, k.Mod.Contains(tea.ModShift)), true
	}
	if k.Text == "" || isASCIIOnly(k.Text) {
		return k, false
	}
	order := m.order
	if guess != kbAuto {
		order = append([]keyboard{guess}, m.order...)
	}
	for _, kb := range order {
		if r, ok := m.byLayout[kb][k.Text]; ok {
			return latinKey(k, r, false), true
		}
	}
	return k, false
}

func latinKey(k tea.KeyPressMsg, r rune, shift bool) tea.KeyPressMsg {
	if shift {
		r = unicode.ToUpper(r)
	}
	out := tea.KeyPressMsg{Code: r, Text: string(r), Mod: k.Mod &^ tea.ModShift}
	if unicode.IsUpper(r) {
		out.Code = unicode.ToLower(r)
		out.ShiftedCode = r
		out.Mod |= tea.ModShift
	}
	return out
}

// guessKeyboard infers the layout from text the user typed (a search query): Persian
// letters mean the Persian layout, Hebrew letters Hebrew, other Arabic script Arabic.
func guessKeyboard(typed string) keyboard {
	switch {
	case strings.ContainsAny(typed, "پچژگکی"):
		return kbPersian
	case strings.IndexFunc(typed, func(r rune) bool { return r >= 0x0590 && r <= 0x05FF }) >= 0:
		return kbHebrew
	case strings.IndexFunc(typed, func(r rune) bool { return r >= 0x0600 && r <= 0x06FF }) >= 0:
		return kbArabic
	}
	return kbAuto
}
