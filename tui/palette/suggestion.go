package palette

import "github.com/charmbracelet/x/ansi"

// suggestionStyles are the underline styles a suggestion may take, the first that no
// label, claim or boilerplate of the palette uses: dotted reads as "not drawn in yet".
var suggestionStyles = []ansi.Underline{dotted, dashed, curly}

// suggestion is the look of a suggestion (a pattern's match or a propagation's
// occurrence, nobody's work yet): no colour of a label's, but the chrome's dim colour
// (readable: it is the footer's), or the terminal's faint where the palette has no dim
// colour; and an underline style no label of this palette has. Without colour every
// style is a label's: there it is faint and dotted, which no label is (labels are never
// faint; boilerplate is faint but not underlined).
func suggestion(pal Palette) Look {
	used := map[ansi.Underline]bool{pal.Claim.Underline: true, pal.Boilerplate.Underline: true}
	for _, l := range pal.Labels {
		used[l.Underline] = true
	}
	look := Look{FG: pal.Chrome.Dim, Underline: dotted}
	for _, u := range suggestionStyles {
		if !used[u] {
			look.Underline = u
			break
		}
	}
	if look.FG == nil || used[look.Underline] {
		look.Faint = true
	}
	return look
}
