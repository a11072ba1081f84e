package tui

import (
	"image/color"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/hashiya/hashiya/tui/palette"
)

// Styles is every style of the reader, for one colour profile and a light or a dark
// background (tui/palette holds the colours and why they are what they are).
type Styles struct {
	Header      lipgloss.Style
	HeaderDim   lipgloss.Style
	Footer      lipgloss.Style
	Title       lipgloss.Style // pane title, focused pane
	TitleDim    lipgloss.Style // pane title, other panes
	Separator   lipgloss.Style
	Tab         lipgloss.Style
	TabActive   lipgloss.Style
	Warning     lipgloss.Style
	Error       lipgloss.Style
	Status      lipgloss.Style
	Prompt      lipgloss.Style
	Dialog      lipgloss.Style
	ListCursor  lipgloss.Style
	FilterMatch lipgloss.Style
	Help        help.Styles // the help line and the full help

	// Looks of text cells, combined per cell by mergeLook.
	Match        cellLook // a search match
	CurrentMatch cellLook // the match n/N landed on
	Selection    cellLook
	Claim        cellLook
	Boilerplate  cellLook
	Linked       cellLook // laid over a claim linked to the one under the cursor
	Suggestion   cellLook // a suggestion to accept or reject (suggest.go)

	pal  palette.Palette
	dark bool
}

// NewStyles builds the styles for a colour profile on a dark or light background.
func NewStyles(dark bool, profile colorprofile.Profile) Styles {
	pal := palette.For(profile, dark)
	ch := pal.Chrome
	accent := func() lipgloss.Style { return fgStyle(ch.Accent) }
	key := fgStyle(ch.FooterKey).Bold(true)
	desc := fgStyle(ch.FooterDesc)
	border := ch.Accent
	if border == nil {
		border = lipgloss.NoColor{}
	}
	return Styles{
		Header:      accent().Bold(true),
		HeaderDim:   fgStyle(ch.Dim),
		Footer:      fgStyle(ch.Dim),
		Title:       accent().Bold(true),
		TitleDim:    fgStyle(ch.Dim),
		Separator:   fgStyle(ch.Dim),
		Tab:         fgStyle(ch.Dim),
		TabActive:   accent().Bold(true).Underline(true),
		Warning:     fgStyle(ch.Warning),
		Error:       fgStyle(ch.Error).Bold(true),
		Status:      fgStyle(ch.Status),
		Prompt:      accent().Bold(true),
		Dialog:      lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(border).Padding(0, 1),
		ListCursor:  accent().Bold(true),
		FilterMatch: lipgloss.NewStyle().Underline(true),
		Help: help.Styles{Ellipsis: desc, ShortKey: key, ShortDesc: desc, ShortSeparator: desc,
			FullKey: key, FullDesc: desc, FullSeparator: desc},
		Match:        lookOf(pal.Match),
		CurrentMatch: lookOf(pal.Current),
		Selection:    lookOf(pal.Selection),
		Claim:        lookOf(pal.Claim),
		Boilerplate:  lookOf(pal.Boilerplate),
		Linked:       lookOf(pal.Linked),
		Suggestion:   lookOf(pal.Suggestion),
		pal:          pal,
		dark:         dark,
	}
}

// fgStyle is a style in colour c; nil leaves the terminal's default text colour.
func fgStyle(c color.Color) lipgloss.Style {
	if c == nil {
		return lipgloss.NewStyle()
	}
	return lipgloss.NewStyle().Foreground(c)
}

// LabelLook is the look of the entity label at position i of the schema.
func (st *Styles) LabelLook(i int) cellLook { return lookOf(st.pal.LabelLook(i)) }

// cellLook is what one text cell looks like; the pane combines the layers covering a
// character (annotation, selection, match, cursor) into one look.
type cellLook struct {
	fg, bg    color.Color
	underline ansi.Underline // ansi.UnderlineStyleNone … Dashed
	reverse   bool
	bold      bool
	italic    bool
	faint     bool
	overline  bool
}

func lookOf(l palette.Look) cellLook {
	return cellLook{fg: l.FG, bg: l.BG, underline: l.Underline, reverse: l.Reverse, bold: l.Bold,
		italic: l.Italic, faint: l.Faint, overline: l.Overline}
}

// sgrCache turns looks into SGR sequences once, so drawing a frame only concatenates.
type sgrCache map[cellLook]string

func (c sgrCache) open(l cellLook) string {
	if l == (cellLook{}) {
		return ""
	}
	if s, ok := c[l]; ok {
		return s
	}
	var st ansi.Style
	if l.fg != nil {
		st = st.ForegroundColor(l.fg)
	}
	if l.bg != nil {
		st = st.BackgroundColor(l.bg)
	}
	if l.underline != ansi.UnderlineStyleNone {
		st = st.UnderlineStyle(l.underline)
	}
	if l.reverse {
		st = st.Reverse(true)
	}
	if l.bold {
		st = st.Bold()
	}
	if l.italic {
		st = st.Italic(true)
	}
	if l.faint {
		st = st.Faint()
	}
	if l.overline {
		st = append(st, "53") // ECMA-48 overline; ansi.Style has no method for it
	}
	s := st.String()
	c[l] = s
	return s
}

const sgrReset = "\x1b[m"

// padRight pads s with spaces to width cells, measured by the one width function.
func padRight(s string, width int) string {
	w := textWidth(s)
	if w >= width {
		return s
	}
	return s + strings.Repeat(" ", width-w)
}
