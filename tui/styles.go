package tui

import (
	"image/color"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Styles is every style of the reader, for a light or a dark background.
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

	// Colors of text cells; combined per cell by cellLook.
	Match        color.Color // a search match
	CurrentMatch color.Color // the match n/N landed on
	Selection    color.Color
	Boilerplate  color.Color

	dark bool
}

// NewStyles builds the styles for a dark or light terminal background.
func NewStyles(dark bool) Styles {
	ld := lipgloss.LightDark(dark)
	accent := ld(lipgloss.Color("#5A3FC0"), lipgloss.Color("#B9A6FF"))
	dim := ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#8A8A8A"))
	return Styles{
		Header:       lipgloss.NewStyle().Bold(true).Foreground(accent),
		HeaderDim:    lipgloss.NewStyle().Foreground(dim),
		Footer:       lipgloss.NewStyle().Foreground(dim),
		Title:        lipgloss.NewStyle().Bold(true).Foreground(accent),
		TitleDim:     lipgloss.NewStyle().Foreground(dim),
		Separator:    lipgloss.NewStyle().Foreground(dim),
		Tab:          lipgloss.NewStyle().Foreground(dim),
		TabActive:    lipgloss.NewStyle().Bold(true).Foreground(accent).Underline(true),
		Warning:      lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#9A5B00"), lipgloss.Color("#F2C14E"))),
		Error:        lipgloss.NewStyle().Bold(true).Foreground(ld(lipgloss.Color("#B00020"), lipgloss.Color("#FF6B6B"))),
		Status:       lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#1D6B3A"), lipgloss.Color("#7BD88F"))),
		Prompt:       lipgloss.NewStyle().Bold(true).Foreground(accent),
		Dialog:       lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1),
		ListCursor:   lipgloss.NewStyle().Bold(true).Foreground(accent),
		FilterMatch:  lipgloss.NewStyle().Underline(true),
		Match:        ld(lipgloss.Color("#FFE08A"), lipgloss.Color("#6B5600")),
		CurrentMatch: ld(lipgloss.Color("#FFB347"), lipgloss.Color("#A65E00")),
		Selection:    ld(lipgloss.Color("#C9D7FF"), lipgloss.Color("#2F4A8A")),
		Boilerplate:  dim,
		dark:         dark,
	}
}

// cellLook is what one text cell looks like; the pane combines the layers covering a
// character (annotation, selection, match, cursor) into one look.
type cellLook struct {
	fg, bg    color.Color
	underline bool
	dotted    bool // a dotted underline: a suggestion, not yet anyone's work
	reverse   bool
	bold      bool
	faint     bool
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
	if l.underline {
		st = st.Underline(true)
	}
	if l.dotted && !l.underline {
		st = st.UnderlineStyle(ansi.UnderlineDotted)
	}
	if l.reverse {
		st = st.Reverse(true)
	}
	if l.bold {
		st = st.Bold()
	}
	if l.faint {
		st = st.Faint()
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
