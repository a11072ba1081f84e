package layout

import (
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/hashiya/hashiya/text/bidi"
	"github.com/hashiya/hashiya/text/shape"
	"github.com/mattn/go-runewidth"
)

// cond is a fixed go-runewidth condition: East Asian ambiguous characters are narrow whatever
// the locale (RUNEWIDTH_EASTASIAN, LC_ALL), so the width of a line never depends on the
// environment the program runs in.
var cond = &runewidth.Condition{StrictEmojiNeutral: true}

// kind is what the layout does with a code point.
type kind uint8

const (
	kNormal  kind = iota // a base character with its own cells
	kMark                // zero width: drawn with the character before it (Cell.Marks)
	kHidden              // a format character (Cf): no cell
	kBidiCtl             // a bidi formatting character: no cell, or a marker with ShowControls
	kControl             // C0, DEL or C1: shown as a control picture
	kTab                 // horizontal tab: spaces to the next tab stop
	kBreak               // U+2028 (and a stray U+2029): mandatory line break, no cell
)

// prop packs, for one code point, its width (bits 0–1), its kind (bits 2–4), whether the
// paragraph needs the bidi algorithm because of it (bit 5: classes R, AL, AN and the explicit
// formatting characters), whether it has a mirrored glyph (bit 6), whether the shaper may
// give it a presentation form (bit 7), its Joining_Type (bits 8–11) and whether it is an
// opening paired bracket (bit 12).
type prop uint16

const (
	propRTL    prop = 1 << 5
	propMirror prop = 1 << 6
	propForms  prop = 1 << 7
	joinShift       = 8       // bits 8–11
	propOpen   prop = 1 << 12 // an opening paired bracket (bidi rule N0)
)

func (p prop) width() int             { return int(p & 3) }
func (p prop) kind() kind             { return kind(p>>2) & 7 }
func (p prop) rtl() bool              { return p&propRTL != 0 }
func (p prop) joining() shape.Joining { return shape.Joining(p >> joinShift) }

// props are computed lazily, a page of 256 code points at a time, so that neither start-up nor
// memory pays for scripts a document never uses.
type page [256]prop

var pages [(unicode.MaxRune + 1) >> 8]atomic.Pointer[page]

// asciiProps covers U+0000–007F without a page load, and lowProps U+0000–06FF (Latin,
// Hebrew, Arabic), the scripts of the news this reader is for.
var (
	asciiProps [128]prop
	lowProps   [0x700]prop
	lowClasses [0x700]bidi.Class
	formProps  [0xFF00 - formsStart]prop // Arabic presentation forms: what the shaper returns
)

const formsStart = 0xFB50

func init() {
	for r := rune(0); r < 0x700; r++ {
		lowProps[r] = computeProp(r)
		lowClasses[r] = bidi.ClassOf(r)
	}
	copy(asciiProps[:], lowProps[:128])
	for i := range formProps {
		formProps[i] = computeProp(formsStart + rune(i))
	}
}

func propOf(r rune) prop {
	if uint32(r) < 0x700 {
		return lowProps[r]
	}
	if uint32(r-formsStart) < uint32(len(formProps)) {
		return formProps[r-formsStart]
	}
	if uint32(r) > unicode.MaxRune {
		return computeProp(r)
	}
	pg := pages[r>>8].Load()
	if pg == nil {
		pg = new(page)
		base := r &^ 0xff
		for i := range pg {
			pg[i] = computeProp(base + rune(i))
		}
		pages[r>>8].Store(pg) // a racing builder stores an identical page
	}
	return pg[r&0xff]
}

func isBidiControl(r rune) bool {
	switch r {
	case 0x200E, 0x200F, 0x061C, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069:
		return true
	}
	return false
}

func computeProp(r rune) prop {
	var k kind
	w := 0
	switch {
	case r < 0 || r > unicode.MaxRune || (r >= 0xD800 && r < 0xE000):
		k, w = kNormal, 1 // the layout shows U+FFFD instead
	case r == '\t':
		k = kTab
	case r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0):
		k = kControl
	case r == 0x2028 || r == 0x2029:
		k = kBreak
	case isBidiControl(r):
		k = kBidiCtl
	case unicode.Is(unicode.Cf, r):
		k = kHidden
	default:
		w = rawWidth(r)
		if w == 0 {
			k = kMark
		}
	}
	p := prop(w) | prop(k)<<2
	if r >= 0 && r <= unicode.MaxRune {
		switch bidi.ClassOf(r) {
		case bidi.R, bidi.AL, bidi.AN, bidi.LRE, bidi.RLE, bidi.LRO, bidi.RLO, bidi.PDF,
			bidi.LRI, bidi.RLI, bidi.FSI, bidi.PDI:
			p |= propRTL
		}
		if r == 0x200F || r == 0x061C {
			p |= propRTL
		}
		if bidi.Mirror(r) != r {
			p |= propMirror
		}
		if shape.HasForms(r) {
			p |= propForms
		}
		p |= prop(shape.JoiningType(r)) << joinShift
		if _, t := bidi.Bracket(r); t == bidi.Open {
			p |= propOpen
		}
	}
	return p
}

// rawWidth is the width of a printable, non-format code point.
func rawWidth(r rune) int {
	if unicode.In(r, unicode.Mn, unicode.Me) || isVariationSelector(r) {
		return 0
	}
	if r >= 0x80 && bidi.ClassOf(r) == bidi.NSM {
		return 0 // a mark newer than Go's unicode tables (e.g. U+0897 ARABIC PEPET)
	}
	return cond.RuneWidth(r)
}

func isVariationSelector(r rune) bool {
	return (r >= 0xFE00 && r <= 0xFE0F) || (r >= 0xE0100 && r <= 0xE01EF) || (r >= 0x180B && r <= 0x180D) || r == 0x180F
}

// RuneWidth is the one width function: the number of terminal cells r occupies when printed
// as it is. Combining marks (Mn, Me), format characters (Cf, including ZWJ, ZWNJ, the bidi
// controls and the soft hyphen), variation selectors, U+2028/2029 and controls (C0, DEL, C1)
// are 0; East Asian wide and fullwidth characters and emoji presentation characters are 2;
// East Asian ambiguous characters are 1 whatever the locale. A value that is not a Unicode
// scalar counts as the U+FFFD the layout shows for it (1). The layout replaces controls by
// visible pictures before it measures, so a control takes one cell on screen.
func RuneWidth(r rune) int {
	if r >= 0x20 && r < 0x7F {
		return 1
	}
	p := propOf(r)
	switch p.kind() {
	case kNormal, kMark:
		return p.width()
	}
	return 0
}

// StringWidth is the width of s in cells, by RuneWidth. Invalid UTF-8 bytes count as U+FFFD.
func StringWidth(s string) int {
	w := 0
	for _, r := range s {
		w += RuneWidth(r)
	}
	return w
}

// Truncate cuts s to at most width cells, ending it with tail when it was cut. The cut never
// separates a character from the zero-width characters (marks) that follow it; if tail alone
// is wider than width, the tail itself is truncated.
func Truncate(s string, width int, tail string) string {
	if width <= 0 {
		return ""
	}
	if StringWidth(s) <= width {
		return s
	}
	tw := StringWidth(tail)
	if tw > width {
		return Truncate(tail, width, "")
	}
	limit := width - tw
	w, cut := 0, 0
	for i, r := range s {
		rw := RuneWidth(r)
		if rw > 0 && w+rw > limit {
			break
		}
		w += rw
		cut = i + utf8.RuneLen(r)
		if r == utf8.RuneError {
			_, size := utf8.DecodeRuneInString(s[i:])
			cut = i + size
		}
	}
	return s[:cut] + tail
}
