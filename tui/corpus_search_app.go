package tui

import (
	"context"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/text/layout"
)

// corpusSearchState is the App's part of corpus-wide search and of the search history.
type corpusSearchState struct {
	results    *corpusResults // the last corpus search; nil before the first
	searchStop context.CancelFunc
	corpusGen  int // so the results of a search given up are dropped
	history    searchHistory
	// historyPending: the annotator's history file is being read (Init to historyLoaded).
	historyPending bool
}

// startCorpusSearch searches every document for query in the background and shows the
// hits as they come; the panes' own search runs too, so their matches are highlighted.
func (a *App) startCorpusSearch(query string) tea.Cmd {
	if strings.TrimSpace(query) == "" {
		a.setStatus("type what to search for, then "+a.keys.SearchCorpus.Help().Key, true)
		return nil
	}
	paneCmd := a.startSearch(query)
	a.stopCorpusSearch()
	a.corpusGen++
	cmd, stop := corpusSearchCmd(a.corpus, query, a.corpusGen)
	a.searchStop = stop
	a.results = &corpusResults{query: query, running: true, warningsKey: a.keys.Warnings.Help().Key}
	a.results.SetSize(a.width, a.bodyHeight())
	a.mode = modeResults
	return tea.Batch(paneCmd, cmd)
}

// stopCorpusSearch stops a corpus search still running; its list keeps what it found.
func (a *App) stopCorpusSearch() {
	if a.searchStop != nil {
		a.searchStop()
		a.searchStop = nil
		if a.results != nil && a.results.running {
			a.results.running, a.results.stopped = false, true
		}
	}
}

func (a *App) corpusProgress(msg corpusProgressMsg) tea.Cmd {
	if msg.gen != a.corpusGen || a.results == nil {
		return nil // a search given up: its worker has stopped
	}
	a.results.add(msg)
	for _, e := range msg.errs {
		if !slices.Contains(a.warnings, e) {
			a.warnings = append(a.warnings, e)
		}
	}
	if msg.finished {
		a.searchStop = nil
		return nil
	}
	return msg.next
}

// resultsKey handles a key in the hits list.
func (a *App) resultsKey(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, a.keys.QuitFromPrompt) {
		return a.quit()
	}
	if t, ok := a.mapper.Translate(msg, a.kbGuess); ok {
		msg = t
	}
	hit, closed := a.results.Update(msg, &a.keys)
	if !closed {
		return nil
	}
	a.mode = modeNormal
	if hit == nil {
		if a.results.running {
			a.stopCorpusSearch()
		}
		a.setStatus(a.results.status(), false)
		return nil
	}
	return a.openHit(*hit)
}

// openHit opens the hit's document in the focused pane, the cursor on the hit.
func (a *App) openHit(h corpusHit) tea.Cmd {
	cmd := a.openAt(a.focused(), h.doc, h.start)
	if a.query != a.results.query {
		return tea.Batch(cmd, a.startSearch(a.results.query))
	}
	a.setStatus("", false)
	return cmd
}

// showResults reopens the list of the last corpus search.
func (a *App) showResults() {
	if a.results == nil {
		a.setStatus("no corpus search yet: "+a.keys.Search.Help().Key+", type, then "+a.keys.SearchCorpus.Help().Key, true)
		return
	}
	a.mode = modeResults
}

// historyKey steps through earlier searches in the prompt; false: not a history key.
func (a *App) historyKey(msg tea.KeyPressMsg) bool {
	dir := 0
	switch {
	case key.Matches(msg, a.keys.HistoryPrev):
		dir = -1
	case key.Matches(msg, a.keys.HistoryNext):
		dir = 1
	default:
		return false
	}
	if q, ok := a.history.step(dir, a.input.Value()); ok {
		a.input.SetValue(q)
		a.input.CursorEnd()
	} else if dir < 0 && a.historyPending {
		a.history.early, a.history.earlyValue = true, a.input.Value()
	}
	return true
}

// remember adds a search to the history, and to the annotator's file in a command.
func (a *App) rememberSearch(q string) tea.Cmd {
	if strings.TrimSpace(q) == "" {
		return nil
	}
	a.history.add(q)
	if a.opts.History == nil {
		return nil
	}
	return addHistoryCmd(a.opts.History, q)
}

func (a *App) historyLoaded(msg historyLoadedMsg) {
	// Searches made before the file was read stay the newest.
	qs := msg.queries
	for _, q := range a.history.queries {
		qs = appendHistory(qs, q)
	}
	a.history.queries = qs
	a.history.reset()
	a.historyPending = false
	if h := &a.history; h.early {
		h.early = false
		if q, ok := h.step(-1, a.input.Value()); ok && a.mode == modeSearch && a.input.Value() == h.earlyValue {
			a.input.SetValue(q)
			a.input.CursorEnd()
		}
	}
	if msg.err != nil {
		for _, line := range strings.Split(msg.err.Error(), "\n") {
			a.warnings = append(a.warnings, line)
		}
		a.setStatus("search history: "+shortPaths(msg.err.Error()), true)
	}
}

// withPromptHint adds to the search prompt, right-aligned where there is room, the keys
// of the corpus search and the history, from their bindings.
func (a *App) withPromptHint(prompt string) string {
	k := &a.keys
	hint := k.SearchCorpus.Help().Key + " every document · " + k.HistoryPrev.Help().Key + " earlier searches"
	hint = layout.SanitizeLine(hint)
	gap := a.width - textWidth(prompt) - textWidth(hint)
	if gap < 2 {
		return prompt
	}
	return prompt + strings.Repeat(" ", gap) + a.styles.HeaderDim.Render(hint)
}

// resultsHint is the status line under the hits list: its keys, from their bindings.
func (a *App) resultsHint() string {
	k := &a.keys
	stop := " closes the list"
	if a.results.running {
		stop = " stops the search"
	}
	hint := k.ResultOpen.Help().Key + " opens the hit · " + k.Down.Help().Key + " " + k.Up.Help().Key + " move · " +
		k.ResultClose.Help().Key + stop
	return a.styles.Status.Render(layout.SanitizeLine(hint))
}
