package layout

//go:generate go run ./internal/gen

import (
	"unicode"
	"unicode/utf8"

	"github.com/hashiya/hashiya/text/bidi"
	"github.com/hashiya/hashiya/text/shape"
)

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
// give it a presentation form (bit 7), its Joining_Type (bits 8–11), whether it is an
// opening paired bracket (bit 12) and whether it may join a neighbour but is neither R nor AL
// (bit 13: its level may differ from a joining neighbour's when nothing is embedded).
type prop uint16

const (
	propRTL    prop = 1 << 5
	propMirror prop = 1 << 6
	propForms  prop = 1 << 7
	joinShift       = 8       // bits 8–11
	propOpen   prop = 1 << 12 // an opening paired bracket (bidi rule N0)
	// propOddJoiner: Joining_Type D, R, L or C, bidi class neither R, AL nor BN (Mongolian,
	// Phags-pa, U+180A…)
	propOddJoiner prop = 1 << 13
)

// kindMask selects a prop's kind bits: zero for kNormal.
const kindMask prop = 7 << 2

func (p prop) width() int             { return int(p & 3) }
func (p prop) kind() kind             { return kind(p>>2) & 7 }
func (p prop) rtl() bool              { return p&propRTL != 0 }
func (p prop) joining() shape.Joining { return shape.Joining(p >> joinShift) }

// entry is a code point's line in the generated tables (tables.go, go generate): its prop
// (bits 0–15) and its bidi class (bits 16–20), so that classifying a rune is one lookup.
type entry uint32

const classShift = 16

func (e entry) prop() prop        { return prop(e) }
func (e entry) class() bidi.Class { return bidi.Class(e >> classShift) }

// Direct entries for U+0000–07FF (Latin, Hebrew, Arabic: the 1- and 2-byte UTF-8 of the news
// this reader is for) and the presentation forms the shaper returns; the rest in three
// stages (entryIndex, entryBlocks, entryValues).
const (
	lowLimit   = 0x800
	formsStart = 0xFB50
)

// badEntry is what a value that is not a Unicode scalar gets: the U+FFFD the layout shows.
const badEntry = entry(1) | entry(kNormal)<<2

func entryOf(r rune) entry {
	if uint32(r) < lowLimit {
		return lowEntries[r]
	}
	if uint32(r-formsStart) < uint32(len(formEntries)) {
		return formEntries[r-formsStart]
	}
	if uint32(r) > unicode.MaxRune {
		return badEntry
	}
	return entryValues[entryBlocks[entryIndex[r>>entryBlockBits]][r&(1<<entryBlockBits-1)]]
}

func propOf(r rune) prop { return entryOf(r).prop() }

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
