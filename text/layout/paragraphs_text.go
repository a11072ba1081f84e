package layout

import (
	"slices"
	"strings"

	"github.com/hashiya/hashiya/text/doctext"
)

// TextParagraphs is Paragraphs for a text held as UTF-8: the separators are found by
// byte search, so a 50 MB line costs a few passes at memory speed, and no []rune.
func TextParagraphs(t doctext.Text) []Range {
	s := t.String()
	var seps []int // byte offsets of separators, CR and LF apart
	for _, sep := range []string{"\n", "\r", "\u0085", "\u2029"} {
		for i := 0; ; {
			k := strings.Index(s[i:], sep)
			if k < 0 {
				break
			}
			seps = append(seps, i+k)
			i += k + len(sep)
		}
	}
	slices.Sort(seps)
	var out []Range
	start := 0
	for k := 0; k < len(seps); k++ {
		b := seps[k]
		i := t.IndexOf(b)
		out = append(out, Range{start, i})
		start = i + 1
		if s[b] == '\r' && k+1 < len(seps) && seps[k+1] == b+1 && s[b+1] == '\n' { // CRLF: one separator
			k++
			start++
		}
	}
	return append(out, Range{start, t.Len()})
}
