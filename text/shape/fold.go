package shape

import "strings"

// Fold maps a presentation form back to its base letters (one for a contextual form,
// two for a ligature, in logical order); other runes map to themselves.
//
// Every presentation form with a positional decomposition (<isolated>, <final>,
// <initial>, <medial>) folds to that decomposition, as NFKD would: text that already
// contains ligatures such as U+FDF2 folds to its letters, and the spacing harakat
// U+FE70–FE7F to space or tatweel plus the mark. The decomposition is not applied
// again (U+FE81 folds to U+0622, not to alef + madda). The result for a presentation
// form shares memory with the tables and must not be modified.
func Fold(r rune) []rune {
	if f := folded(r); f != nil {
		return f
	}
	return []rune{r}
}

// folded returns the letters of presentation form r, or nil.
func folded(r rune) []rune {
	if r < foldLo || r > foldHi {
		return nil
	}
	a, b := foldStart[r-foldLo], foldStart[r-foldLo+1]
	if a == b {
		return nil
	}
	return foldRunes[a:b:b]
}

// AppendFold appends src to dst with every presentation form folded, leaving out the
// Merged placeholders of Shape's output, so AppendFold(nil, shaped) gives back the
// text that was shaped. It does not allocate beyond growing dst.
func AppendFold(dst, src []rune) []rune {
	for _, r := range src {
		if r == Merged {
			continue
		}
		if f := folded(r); f != nil {
			dst = append(dst, f...)
		} else {
			dst = append(dst, r)
		}
	}
	return dst
}

// FoldString returns s with every presentation form folded to its letters, for search
// and comparison of text that may contain presentation forms.
func FoldString(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return folded(r) != nil })
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if f := folded(r); f != nil {
			for _, l := range f {
				b.WriteRune(l)
			}
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
