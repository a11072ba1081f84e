// Package shape turns Arabic-script letters into their contextual presentation forms,
// for terminals that do not join letters themselves.
//
// PLACEHOLDER: the exported API below is the contract; bodies are trivial stand-ins.
package shape

import "github.com/hashiya/hashiya/text/bidi"

// Options controls shaping.
type Options struct {
	// Ligatures joins lam+alef into one presentation-form ligature.
	Ligatures bool
}

// Merged marks, in Shape's output, a character folded into the ligature before it.
const Merged rune = -1

// Shape writes to dst (len(dst) >= len(src)) the form to display for each rune of src, in
// logical order: presentation forms for joining letters, src[i] itself otherwise. levels
// may be nil; when given, letters only join neighbours at the same level. With
// Options.Ligatures, lam followed by alef gives the ligature at the lam's index and
// Merged at the alef's.
func Shape(dst, src []rune, levels []bidi.Level, opts Options) {
	copy(dst, src)
}

// Fold maps a presentation form back to its base letters (one for a contextual form,
// two for a ligature, in logical order); other runes map to themselves.
func Fold(r rune) []rune { return []rune{r} }
