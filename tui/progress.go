package tui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/annotations"
)

// docProgress is what the annotator has done to each document, by document id: its
// answer and how many spans and claims it has. It comes from the database at start and
// follows every edit (remember), for the picker's rows and next unannotated/unanswered.
type docProgress struct {
	answer    map[string]string
	annotated map[string]int
}

// progressLister is what a session may offer for docProgress.
type progressLister interface {
	DocProgress() (answers map[string]string, annotated map[string]int, err error)
}

// progressMsg brings docProgress from the session.
type progressMsg struct {
	progress docProgress
	err      error
}

func (a *App) loadProgressCmd() tea.Cmd {
	pl, ok := a.session.(progressLister)
	if !ok {
		return nil
	}
	return a.editor.run(func(uint64) tea.Msg {
		ans, n, err := pl.DocProgress()
		return progressMsg{progress: docProgress{answer: ans, annotated: n}, err: err}
	})
}

// progressLoaded takes the database's lists in; documents the cache knows already are
// as new or newer there.
func (a *App) progressLoaded(msg progressMsg) {
	if msg.err != nil {
		a.setStatus(shortPaths(msg.err.Error()), true)
		return
	}
	a.docProgress = msg.progress
	for d, c := range a.docs {
		a.docProgress.note(d, c.view)
	}
}

// note records a document's state as the cache now has it.
func (p *docProgress) note(doc string, v annotations.DocView) {
	if p.answer == nil {
		p.answer, p.annotated = map[string]string{}, map[string]int{}
	}
	if v.Answer == "" {
		delete(p.answer, doc)
	} else {
		p.answer[doc] = v.Answer
	}
	if n := len(v.Spans) + len(v.Claims); n == 0 {
		delete(p.annotated, doc)
	} else {
		p.annotated[doc] = n
	}
}
