package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/text/layout"
)

// helpScreen is the ? screen: every binding of every mode and every label with its
// key, in groups, scrolled by its own bindings where it does not fit, with a line
// saying which rows show.
type helpScreen struct {
	top           int // first content row shown
	width, height int // the body: an indicator row, then the rows
	content       helpContent
	rows          [][]helpCell // content laid out for width
}

// SetContent gives the screen what to list; it lays it out again.
func (h *helpScreen) SetContent(c helpContent) {
	h.content = c
	h.relayout()
}

// SetSize fits the screen to the body's width and height.
func (h *helpScreen) SetSize(w, hgt int) {
	h.width, h.height = w, hgt
	h.relayout()
}

func (h *helpScreen) relayout() {
	if h.width <= 0 {
		return
	}
	h.rows = layoutHelp(h.content, h.width, h.visibleRows())
	h.scrollTo(h.top)
}

// visibleRows is how many content rows show under the indicator.
func (h *helpScreen) visibleRows() int { return max(h.height-1, 1) }

func (h *helpScreen) scrollTo(top int) {
	h.top = max(0, min(top, len(h.rows)-h.visibleRows()))
}

// Update scrolls by the help bindings of k; closed reports a key that leaves the help.
func (h *helpScreen) Update(msg tea.KeyPressMsg, k *KeyMap) (closed bool) {
	page := max(h.visibleRows()-1, 1)
	switch {
	case key.Matches(msg, k.HelpClose, k.Help):
		return true
	case key.Matches(msg, k.HelpDown):
		h.scrollTo(h.top + 1)
	case key.Matches(msg, k.HelpUp):
		h.scrollTo(h.top - 1)
	case key.Matches(msg, k.HelpPageDown):
		h.scrollTo(h.top + page)
	case key.Matches(msg, k.HelpPageUp):
		h.scrollTo(h.top - page)
	case key.Matches(msg, k.HelpTop):
		h.scrollTo(0)
	case key.Matches(msg, k.HelpBottom):
		h.scrollTo(len(h.rows))
	}
	return false
}

// indicator says which rows show and where more are, with the keys that get there:
// as many of its parts as fit the width, each whole.
func (h *helpScreen) indicator(k *KeyMap) string {
	n := len(h.rows)
	last := min(h.top+h.visibleRows(), n)
	parts := []string{"Help"}
	switch {
	case h.top == 0 && last == n:
		parts = append(parts, fmt.Sprintf("all %d rows", n))
	case h.top == 0:
		parts = append(parts, fmt.Sprintf("rows %d–%d of %d ↓", h.top+1, last, n), "more below")
	case last == n:
		parts = append(parts, fmt.Sprintf("rows %d–%d of %d ↑", h.top+1, last, n), "the end")
	default:
		parts = append(parts, fmt.Sprintf("rows %d–%d of %d ↑↓", h.top+1, last, n))
	}
	if last < n || h.top > 0 {
		parts = append(parts, k.HelpDown.Help().Key+" "+k.HelpUp.Help().Key+" "+k.HelpPageDown.Help().Key+" "+k.HelpPageUp.Help().Key+" scroll")
	}
	parts = append(parts, hint(k.HelpClose))
	s := parts[0]
	for _, p := range parts[1:] {
		if layout.StringWidth(s+" · "+p) > h.width {
			break
		}
		s += " · " + p
	}
	return s
}

// View draws the body: the indicator, then the rows from top, cell by cell.
func (h *helpScreen) View(st *Styles, k *KeyMap, engine layout.Options) string {
	n := 1
	if len(h.rows) > 0 {
		n = len(h.rows[0])
	}
	colW := helpColumnWidth(h.width, n)
	lines := []string{st.HeaderDim.Render(visualLTR(h.indicator(k), 0, engine))}
	for r := h.top; r < len(h.rows) && len(lines) <= h.visibleRows(); r++ {
		var b strings.Builder
		for i, c := range h.rows[r] {
			if i > 0 {
				b.WriteString(strings.Repeat(" ", helpColGap))
			}
			var cell string
			switch c.kind {
			case helpHeading:
				cell = st.Header.Render(visualLTR(c.text, 0, engine))
			case helpSectionTitle:
				cell = st.HeaderDim.Render(visualLTR(c.text, 0, engine))
			case helpEntry:
				cell = st.Prompt.Render(visualLTR(c.key, 0, engine)) + visualLTR(c.text, 0, engine)
			case helpNote:
				cell = st.HeaderDim.Render(visualLTR(c.text, 0, engine))
			}
			if i < n-1 {
				cell = padRight(cell, colW)
			}
			b.WriteString(cell)
		}
		lines = append(lines, b.String())
	}
	return strings.Join(lines, "\n")
}

// helpContent is what the help lists with the app's keys and labels.
func (a *App) helpContent() helpContent {
	return helpContent{
		groups: a.keys.helpGroups(),
		labels: a.schema.All(),
		note:   "Every key is rebindable by name under [keys] in $XDG_CONFIG_HOME/hashiya/config.toml (the names are in the README).",
	}
}

// openHelp shows the help from its top.
func (a *App) openHelp() {
	a.mode = modeHelp
	a.helpScr.top = 0
	a.helpScr.SetSize(a.width, a.bodyHeight())
	a.helpScr.SetContent(a.helpContent())
}

func (a *App) fullHelp() string {
	return block(a.helpScr.View(&a.styles, &a.keys, a.opts.Engine), a.width, a.bodyHeight())
}
