// Package palette is the reader's colours: label looks and chrome colours designed for
// each colour profile (true colour, 256, 16, none) and for light and dark backgrounds.
//
// Colours are chosen per profile, not converted down from true colour: the conversion
// of a pleasant true-colour set to 256 or 16 colours sends several labels to one grey
// or one red (PERSON #e06c75 → 246, LAW #abb2bf → 249; in 16 colours both 7). Where a
// profile has too few readable colours (16: seven on black, six on white), underline
// styles tell the labels apart; without colour (NO_COLOR) attributes alone do.
package palette

import (
	"image/color"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// Look is how text of one kind is drawn: colours (nil: the terminal's default) and
// attributes.
type Look struct {
	FG, BG    color.Color
	Underline ansi.Underline // ansi.UnderlineStyleNone … ansi.UnderlineStyleDashed
	Bold      bool
	Italic    bool
	Faint     bool
	Reverse   bool
	Overline  bool
}

// Chrome is the colours of the reader's frame: header, pane titles, footer, messages.
type Chrome struct {
	Accent, Dim            color.Color // nil: the terminal's default text colour
	Warning, Error, Status color.Color
	FooterKey, FooterDesc  color.Color // the help line at the bottom
}

// Palette is every colour and attribute of one profile and background.
type Palette struct {
	Profile colorprofile.Profile
	Dark    bool
	// Labels are the looks of the entity labels in schema order; a schema with more
	// labels than these reuses them from the start.
	Labels      []Look
	Claim       Look
	Boilerplate Look
	Linked      Look // laid over a claim linked to the claim under the cursor
	Selection   Look
	Match       Look
	Current     Look // the match n/N landed on
	Suggestion  Look // a suggestion to accept or reject, not yet anyone's work (suggestion.go)
	Chrome      Chrome
}

// Colourless reports whether p shows no colour at all (NO_COLOR, not a terminal).
func Colourless(p colorprofile.Profile) bool { return p <= colorprofile.ASCII }

// For returns the palette of profile p on a dark or light background.
func For(p colorprofile.Profile, dark bool) Palette {
	var pal Palette
	switch {
	case Colourless(p):
		pal = attributesOnly()
	case p == colorprofile.ANSI:
		pal = ansi16(dark)
	case p == colorprofile.ANSI256:
		pal = ansi256(dark)
	default:
		pal = trueColour(dark)
	}
	pal.Profile, pal.Dark = p, dark
	pal.Suggestion = suggestion(pal)
	return pal
}

// LabelLook is the look of the entity label at position i of the schema.
func (p Palette) LabelLook(i int) Look { return p.Labels[i%len(p.Labels)] }

func hex(v uint32) color.Color {
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

func fg(c color.Color) Look { return Look{FG: c} }

func fgu(c color.Color, u ansi.Underline) Look { return Look{FG: c, Underline: u} }
