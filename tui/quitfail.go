package tui

import (
	"fmt"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/text/layout"
)

// quitFailure is what a quit that could not save leaves behind.
// Every confirmed edit is already committed to the database, so only the training
// file (or the session's close) can have failed: quitting anyway loses nothing.
type quitFailure struct {
	err   error
	tries int
}

// failQuit keeps the reader running after a failed save at quit and shows what a quit
// would lose; q tries again, esc goes back to the documents, QuitAnyway quits.
func (a *App) failQuit(err error) {
	f := &quitFailure{err: err, tries: 1}
	if a.quitFail != nil {
		f.tries = a.quitFail.tries + 1
	}
	a.closing, a.quitFail, a.mode = false, f, modeQuitFailed
	a.setStatus(a.quitFailStatus(), true)
}

// quitFailStatus is the status line while a failed quit's edits are still unsaved.
func (a *App) quitFailStatus() string {
	f := a.quitFail
	anyway := a.keys.QuitAnyway.Help().Key
	return fmt.Sprintf("could not write the training file (%s) · every edit is in the database · %s retries, %s quits", shortPaths(f.err.Error()), a.keys.Quit.Help().Key, anyway)
}

func (a *App) quitFailedKey(msg tea.KeyPressMsg) tea.Cmd {
	if t, ok := a.mapper.Translate(msg, a.kbGuess); ok {
		msg = t
	}
	switch {
	case key.Matches(msg, a.keys.QuitAnyway):
		return tea.Quit
	case key.Matches(msg, a.keys.Quit):
		cmd := a.quit()
		a.setStatus(fmt.Sprintf("saving… (attempt %d)", a.quitFail.tries+1), false)
		return cmd
	case key.Matches(msg, a.keys.QuitBack):
		a.mode = modeNormal
		a.setStatus(a.quitFailStatus(), true)
	}
	return nil
}

// quitFailedView says what is not saved, where, why, and which key does what.
func (a *App) quitFailedView() string {
	f := a.quitFail
	st := &a.styles
	w := max(a.width-4, 10)
	var lines []string
	add := func(s string) {
		for _, l := range wrapCells(s, w) {
			lines = append(lines, "  "+visualLTR(l, 0, a.opts.Engine))
		}
	}
	lines = append(lines, st.Warning.Render("Could not write the training file; every edit is in the database"), "")
	add("error: " + f.err.Error())
	add("training file:")
	add("  " + a.opts.Out)
	lines = append(lines, "")
	add("The database holds every edit: the training file is written from it the next time hashiya saves (or by hashiya export).")
	keys := []string{
		"",
		fmt.Sprintf("%-6s try to save again (free some space first; attempt %d failed)", a.keys.Quit.Help().Key, f.tries),
		fmt.Sprintf("%-6s %s", a.keys.QuitBack.Help().Key, a.keys.QuitBack.Help().Desc),
		fmt.Sprintf("%-6s quit; the database keeps every edit", a.keys.QuitAnyway.Help().Key),
	}
	for _, k := range keys {
		add(k)
	}
	return block(strings.Join(lines, "\n"), a.width, a.bodyHeight())
}

// warningsStatus is the status line for warnings met at start: how many, and the first
// with its paths cut to base names so the message itself survives a narrow screen.
func (a *App) warningsStatus() string {
	return fmt.Sprintf("%d warning(s): %s  (%s lists them)", len(a.warnings), shortPaths(a.warnings[0]), a.keys.Warnings.Help().Key)
}

// shortPaths replaces every absolute path in s by its base name ("/a/b/x.jsonl:3:" →
// "x.jsonl:3:"); the warnings list keeps the full text.
func shortPaths(s string) string {
	fields := strings.Split(s, " ")
	for i, f := range fields {
		if strings.HasPrefix(f, "/") && len(f) > 1 {
			fields[i] = filepath.Base(f)
		}
	}
	return strings.Join(fields, " ")
}

// wrapCells cuts s into lines of at most w cells, at spaces where it can.
func wrapCells(s string, w int) []string {
	var out []string
	for layout.StringWidth(s) > w {
		cut := layout.Truncate(s, w, "")
		if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
			cut = cut[:i+1]
		}
		out = append(out, strings.TrimRight(cut, " "))
		s = s[len(cut):]
	}
	return append(out, s)
}
