package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/text/layout"
)

func (a *App) updateInput(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	if a.mode == modePicker {
		a.picker.input, cmd = a.picker.input.Update(msg)
		a.picker.filter(a)
		return cmd
	}
	a.input, cmd = a.input.Update(msg)
	return cmd
}

func (a *App) searchKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &a.keys
	switch {
	case key.Matches(msg, k.SearchCorpus):
		a.mode = modeNormal
		a.input.Blur()
		q := a.input.Value()
		return tea.Batch(a.rememberSearch(q), a.startCorpusSearch(q))
	case a.historyKey(msg):
		return nil
	case key.Matches(msg, k.QuitFromPrompt):
		return a.quit()
	case key.Matches(msg, k.SearchCancel):
		a.mode = modeNormal
		a.input.Blur()
		return nil
	case key.Matches(msg, k.SearchRun):
		a.mode = modeNormal
		a.input.Blur()
		q := a.input.Value()
		return tea.Batch(a.rememberSearch(q), a.startSearch(q))
	}
	return a.updateInput(msg)
}

// startSearch runs query over every pane's document in the background.
func (a *App) startSearch(query string) tea.Cmd {
	a.query = query
	a.gen++
	if a.opts.Keyboard == kbAuto {
		if g := guessKeyboard(query); g != kbAuto {
			a.kbGuess = g
		}
	}
	var cmds []tea.Cmd
	for _, p := range a.panes {
		p.matches, p.current = nil, -1
		if query != "" && p.ready() {
			cmds = append(cmds, searchCmd(a.gen, p, p.DocIndex, p.view.text, query))
		}
	}
	if query == "" {
		a.setStatus("search cleared", false)
	} else {
		a.setStatus("searching…", false)
	}
	return tea.Batch(cmds...)
}

func (a *App) searchDone(msg searchDoneMsg) {
	p := msg.pane
	if msg.gen != a.gen || p.DocIndex != msg.index || !p.ready() {
		return
	}
	p.matches = p.matches[:0]
	for _, m := range msg.matches {
		p.matches = append(p.matches, layout.Range{Start: m.Start, End: m.End})
	}
	p.current = -1
	if p == a.focused() && len(p.matches) > 0 {
		a.stepMatch(p, 1)
	}
	a.setStatus(a.searchStatus(), false)
}

// searchStatus sums up the search: where the focused pane stands, and the totals.
func (a *App) searchStatus() string {
	total, docs := 0, 0
	for _, q := range a.panes {
		total += len(q.matches)
		if len(q.matches) > 0 {
			docs++
		}
	}
	s := fmt.Sprintf("“%s”: ", a.query)
	if p := a.focused(); p.current >= 0 {
		s += fmt.Sprintf("match %d of %d here · ", p.current+1, len(p.matches))
	}
	return s + fmt.Sprintf("%d match(es) in %d of %d panes", total, docs, len(a.panes))
}

// stepMatch moves the cursor to the next (dir 1) or previous (dir -1) match, wrapping.
func (a *App) stepMatch(p *Pane, dir int) {
	if !p.ready() {
		return
	}
	if len(p.matches) == 0 {
		if a.query != "" {
			a.setStatus(fmt.Sprintf("“%s”: no match in this document", a.query), true)
		}
		return
	}
	idx := -1
	if dir > 0 {
		for i, m := range p.matches {
			if m.Start > p.cursor || (p.current < 0 && m.Start == p.cursor) {
				idx = i
				break
			}
		}
		if idx < 0 {
			idx = 0
		}
	} else {
		for i := len(p.matches) - 1; i >= 0; i-- {
			if p.matches[i].Start < p.cursor {
				idx = i
				break
			}
		}
		if idx < 0 {
			idx = len(p.matches) - 1
		}
	}
	p.current = idx
	p.jumpTo(p.matches[idx].Start)
	a.setStatus(a.searchStatus(), false)
}
