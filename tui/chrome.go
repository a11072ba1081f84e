package tui

import (
	"charm.land/bubbles/v2/key"
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/hashiya/hashiya/text/layout"
)

// block normalizes text to exactly h lines of exactly w cells.
func block(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		if textWidth(l) > w {
			l = ansi.Truncate(l, w, "")
		}
		lines[i] = padRight(l, w)
	}
	return strings.Join(lines, "\n")
}

func (a *App) headerLine() string {
	st := &a.styles
	left := st.Header.Render("hashiya") + st.HeaderDim.Render(" · ") +
		visualLTR(a.opts.CorpusName, 30, a.opts.Engine)
	n := a.corpus.Len()
	shown := make([]string, 0, len(a.panes))
	for _, p := range a.panes {
		shown = append(shown, fmt.Sprint(p.DocIndex+1))
	}
	mid := fmt.Sprintf(" · doc %s of %d", strings.Join(shown, ","), n)
	if done, docs, read, total := a.corpus.Indexing(); !done {
		pct := 0
		if total > 0 {
			pct = int(read * 100 / total)
		}
		mid += fmt.Sprintf(" · indexing %d%% (%d docs)", pct, docs)
	}
	if a.sync {
		mid += " · sync"
	}
	if a.session != nil {
		mid += " · " + a.progress()
		if a.team.progress != "" {
			mid += " · " + a.team.progress
		}
		if a.opts.DB != "" {
			mid += " · db " + visualLTR(dbLabel(a.opts.DB), 24, a.opts.Engine) // the first screen gives the full path
		}
	}
	if n := len(a.warnings); n > 0 {
		mid += fmt.Sprintf(" · %d warning(s) (%s)", n, a.keys.Warnings.Help().Key)
	}
	right := ""
	if a.opts.Annotator != "" {
		right = "annotator: " + visualLTR(a.opts.Annotator, 24, a.opts.Engine)
	}
	line := left + st.HeaderDim.Render(mid)
	gap := a.width - textWidth(line) - textWidth(right)
	if gap >= 1 {
		line += strings.Repeat(" ", gap) + st.HeaderDim.Render(right)
	}
	return block(line, a.width, 1)
}

// tabLabel is pane p's entry in the tab strip (mouse.go finds a click's tab by it).
func (a *App) tabLabel(p *Pane) string {
	return fmt.Sprintf("%d:%s", p.DocIndex+1, visualLTR(p.Title, 18, a.opts.Engine))
}

// tabSep separates the tab strip's entries.
const tabSep = " │ "

// tabStrip lists the panes when only one fits.
func (a *App) tabStrip() string {
	var parts []string
	for i, p := range a.panes {
		label := a.tabLabel(p)
		if i == a.focus {
			parts = append(parts, a.styles.TabActive.Render(label))
		} else {
			parts = append(parts, a.styles.Tab.Render(label))
		}
	}
	return block(strings.Join(parts, a.styles.Separator.Render(tabSep)), a.width, 1)
}

func (a *App) panesView() string {
	h := a.bodyHeight()
	if a.narrow {
		p := a.focused()
		return block(p.Draw(&a.styles, a.sgr, true, a.corpus.Len(), a.layersFor(p), a.opts.Engine), a.width, h)
	}
	cols := make([][]string, len(a.panes))
	for i, p := range a.panes {
		cols[i] = strings.Split(p.Draw(&a.styles, a.sgr, i == a.focus, a.corpus.Len(), a.layersFor(p), a.opts.Engine), "\n")
	}
	sep := a.styles.Separator.Render(paneGap)
	var b strings.Builder
	size := h * (len(sep) + 1)
	for _, c := range cols {
		for _, line := range c {
			size += len(line)
		}
	}
	b.Grow(size)
	for row := 0; row < h; row++ {
		if row > 0 {
			b.WriteByte('\n')
		}
		for i, c := range cols {
			if i > 0 {
				b.WriteString(sep)
			}
			if row < len(c) {
				b.WriteString(c[row])
			} else {
				b.WriteString(strings.Repeat(" ", a.panes[i].width))
			}
		}
	}
	return b.String()
}

// layersFor is what the app draws over pane p's text besides its own matches.
func (a *App) layersFor(p *Pane) paneLayers {
	return paneLayers{
		showCursor:  p == a.focused() || a.narrow,
		decorations: a.decorations(p),
		selection:   p.selection(),
		answer:      a.view(p.info.ID).Answer,
	}
}

func (a *App) statusLine() string {
	if a.mode == modeSearch {
		q := visualLTR(a.input.Value(), a.width-3, a.opts.Engine)
		return block(a.withPromptHint(a.styles.Prompt.Render("/")+q+"█"), a.width, 1)
	}
	if a.mode == modeResults {
		return block(a.resultsHint(), a.width, 1)
	}
	if a.status == "" {
		return block("", a.width, 1)
	}
	style := a.styles.Status
	if a.isError {
		style = a.styles.Warning
	}
	return block(style.Render(visualMessage(a.status, a.width, a.opts.Engine)), a.width, 1)
}

func (a *App) helpLine() string {
	bs := safeBindings(a.shortHelp())
	return a.chrome.helpLine(a.width, bs, func() string {
		return block(footerLine(&a.styles, bs, a.width), a.width, 1)
	})
}

func (a *App) warningsView() string {
	lines := []string{a.styles.Header.Render(fmt.Sprintf("%d warning(s) — %s to close", len(a.warnings), a.keys.WarningsClose.Help().Key))}
	for _, w := range a.warnings {
		lines = append(lines, a.styles.Warning.Render(visualMessage(w, a.width, a.opts.Engine)))
	}
	return block(strings.Join(lines, "\n"), a.width, a.bodyHeight())
}

// progress counts answered documents and the edits saved this session.
func (a *App) progress() string {
	answered := a.answers
	n := answered["accept"] + answered["reject"] + answered["ignore"]
	s := fmt.Sprintf("answered %d/%d", n, a.corpus.Len())
	if a.pending > 0 {
		s += fmt.Sprintf(" · saving %d", a.pending)
	}
	return s
}

// labelsView is the label picker: every label with its key and description.
func (a *App) labelsView() string {
	k := &a.keys
	lines := []string{a.styles.Header.Render(visualLTR(fmt.Sprintf("Label the target — its key, or %s %s and %s · %s cancels",
		k.LabelDown.Help().Key, k.LabelUp.Help().Key, k.LabelChoose.Help().Key, k.LabelCancel.Help().Key), a.width, a.opts.Engine))}
	for i, l := range a.schema.All() {
		row := fmt.Sprintf(" %s  %-12s %s", l.Key, l.Name, l.Description)
		sw := "■" // the label's look, as its spans show it
		if look := a.labelLook(l.Name); look != (cellLook{}) {
			sw = a.sgr.open(look) + sw + sgrReset
		}
		if i == a.labelCursor {
			lines = append(lines, a.styles.ListCursor.Render("▸")+sw+visualLTR(row, a.width-3, a.opts.Engine))
		} else {
			lines = append(lines, " "+sw+visualLTR(row, a.width-3, a.opts.Engine))
		}
	}
	return block(strings.Join(lines, "\n"), a.width, a.bodyHeight())
}

// safeBindings returns copies of bs with sanitized help texts: keys come from the config
// file and the label schema, and the help model prints them as they are.
func safeBindings(bs []key.Binding) []key.Binding {
	out := make([]key.Binding, len(bs))
	for i, b := range bs {
		h := b.Help()
		b.SetHelp(layout.SanitizeLine(h.Key), layout.SanitizeLine(h.Desc))
		out[i] = b
	}
	return out
}
