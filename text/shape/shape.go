// Package shape turns Arabic-script letters into their contextual presentation forms,
// for terminals that do not join letters themselves.
//
// Joining follows the Arabic chapter of the Unicode Core Specification and the
// Joining_Type values of ArabicShaping.txt. It works in logical order: a letter's form
// (isolated, final, initial, medial) depends on its nearest non-transparent neighbours,
// so harakat and other marks (Joining_Type T) neither break nor take part in a join.
// ZWNJ (U+200C, type U) breaks a join; ZWJ (U+200D) and tatweel (U+0640), both type C,
// make their neighbours join and are themselves left as they are.
//
// Forms come from the single-letter compatibility decompositions of the Arabic
// Presentation Forms blocks (U+FB50–FDFF, U+FE70–FEFF); see tables.go. A letter with no
// presentation form at all (many Arabic Extended letters, Syriac, N'Ko…) is shown as
// itself. A letter lacking only the form its position needs uses a neighbouring one:
// final and initial fall back to isolated, medial to final, then initial, then isolated.
// In Unicode 16 the only such letters are U+0677 (no final: isolated is used) and
// U+06BA NOON GHUNNA (no initial or medial: isolated, resp. final, is used). The
// non-joining hamza U+0621 gets its isolated form U+FE80, like every letter that has one.
//
// Shaping never changes the number of runes: output index i shows input index i. The only
// multi-letter form ever produced is the lam-alef ligature (U+FEF5–FEFC), and only on
// request (Options.Ligatures); ligatures such as U+FDF2 (Allah) or U+FDFA are never
// produced because they would take one cell for several letters.
package shape

import (
	"unicode"

	"github.com/hashiya/hashiya/text/bidi"
)

//go:generate go run ./internal/gen

// Options controls shaping.
type Options struct {
	// Ligatures joins lam+alef into one presentation-form ligature.
	Ligatures bool
}

// Merged marks, in Shape's output, a character folded into the ligature before it.
const Merged rune = -1

// Joining is a Unicode Joining_Type. The values are bit sets so that shaping can test
// "may join the previous letter" and "may join the next one" with a mask.
type Joining uint8

// Joining types; "previous" and "next" are in logical order (right and left in RTL).
const (
	NonJoining   Joining = 0 // U: joins nothing
	RightJoining Joining = 1 // R: may join the previous letter only
	LeftJoining  Joining = 2 // L: may join the next letter only
	DualJoining  Joining = 3 // D: may join both
	JoinCausing  Joining = 7 // C: makes both neighbours join, keeps its own shape
	Transparent  Joining = 8 // T: skipped when looking for neighbours

	joinsPrev Joining = 1
	joinsNext Joining = 2
)

// JoiningType returns the Joining_Type of r: as listed in ArabicShaping.txt, otherwise
// Transparent for general categories Mn, Me and Cf, otherwise NonJoining.
func JoiningType(r rune) Joining {
	if uint32(r) > unicode.MaxRune {
		return NonJoining
	}
	return joinBlocks[joinIndex[r>>joinBlockBits]][r&(1<<joinBlockBits-1)]
}

// IsPresentationForm reports whether r is in one of the Arabic Presentation Forms blocks.
func IsPresentationForm(r rune) bool {
	return r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
}

const lam = 0x0644

// Shape writes to dst (len(dst) >= len(src)) the form to display for each rune of src, in
// logical order: presentation forms for joining letters, src[i] itself otherwise. levels
// may be nil; when given, letters only join neighbours at the same level. With
// Options.Ligatures, lam followed by alef gives the ligature at the lam's index and
// Merged at the alef's.
//
// levels, when not nil, must be at least as long as src; a level of bidi.Removed (ZWJ,
// ZWNJ and other characters removed by rule X9) matches any level. dst may be src.
func Shape(dst, src []rune, levels []bidi.Level, opts Options) {
	dst = dst[:len(src)]
	if levels != nil {
		levels = levels[:len(src)]
	}
	s := shaper{dst: dst, src: src, ligatures: opts.Ligatures, merged: -1}
	last := -1 // the last non-transparent rune; its form waits for the next one
	var lastType Joining
	lastJoins := false // whether src[last] joins the rune before it
	for i, r := range src {
		t := NonJoining // all of ASCII
		if r >= 0x80 {
			t = JoiningType(r)
		}
		if t == Transparent {
			dst[i] = r
			continue
		}
		if t == NonJoining && lastType == NonJoining && last >= 0 && (src[last] < formLo || src[last] > formHi) {
			dst[last] = src[last] // between two non-joining characters: no form (what put would do)
			last, lastJoins = i, false
			continue
		}
		joins := lastType&joinsNext != 0 && t&joinsPrev != 0 && last >= 0 &&
			(levels == nil || sameLevel(levels[last], levels[i]))
		if last >= 0 {
			s.put(last, lastJoins, joins)
		}
		last, lastType, lastJoins = i, t, joins
	}
	if last >= 0 {
		s.put(last, lastJoins, false)
	}
}

func sameLevel(a, b bidi.Level) bool {
	return a == b || a == bidi.Removed || b == bidi.Removed
}

type shaper struct {
	dst, src  []rune
	ligatures bool
	merged    int // index of the alef drawn by the lam-alef ligature before it, or -1
}

// put writes the form of src[i], which joins the letter before it if prev and the one
// after it if next.
func (s *shaper) put(i int, prev, next bool) {
	r := s.src[i]
	if i == s.merged {
		s.dst[i] = Merged
		return
	}
	// next with src[i+1] an alef means the alef follows directly (no mark in between)
	// and is at the same level.
	if r == lam && next && s.ligatures && i+1 < len(s.src) {
		if lig := LamAlef(s.src[i+1], prev); lig != 0 {
			s.dst[i] = lig
			s.merged = i + 1
			return
		}
	}
	s.dst[i] = Form(r, prev, next)
}

// Form is the presentation form Shape gives letter r when it joins the letter before it
// (prev) and the one after it (next), or r when it has none.
func Form(r rune, prev, next bool) rune {
	if r >= formLo && r <= formHi {
		if f := forms[r-formLo][b2i(prev)|b2i(next)<<1]; f != 0 { // isolated, final, initial, medial
			return rune(f)
		}
	}
	return r
}

// HasForms reports whether Form may return something other than r.
func HasForms(r rune) bool { return r >= formLo && r <= formHi }

// LamAlef is the lam-alef ligature of a lam followed by alef, final when the lam joins
// the letter before it, or 0 when alef is not an alef with a ligature.
func LamAlef(alef rune, final bool) rune {
	if a := uint32(alef - 0x0622); a < uint32(len(lamAlef)) && lamAlef[a][0] != 0 {
		return rune(lamAlef[a][b2i(final)])
	}
	return 0
}

// Lam is U+0644 ARABIC LETTER LAM, the first letter of the lam-alef ligatures.
const Lam = lam

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
