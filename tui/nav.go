package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// What the reader does after an answer (config after_answer).
const (
	AfterAnswerStay       = "stay"       // the document stays open
	AfterAnswerNext       = "next"       // the pane moves to the next document
	AfterAnswerUnanswered = "unanswered" // the pane moves to the next unanswered document
)

// navKey handles the keys that move between documents by progress and open the
// annotations list; false means the key is not one of them.
func (a *App) navKey(p *Pane, msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := &a.keys
	switch {
	case key.Matches(msg, k.NextUnannotated, k.PrevUnannotated):
		return a.gotoFirst(p, forwardOr(msg, k.NextUnannotated), "without annotations", a.unannotated), true
	case key.Matches(msg, k.NextUnanswered, k.PrevUnanswered):
		return a.gotoFirst(p, forwardOr(msg, k.NextUnanswered), "unanswered", a.unanswered), true
	case key.Matches(msg, k.AnnotationList):
		a.openAnnotationList(p)
		return nil, true
	}
	return nil, false
}

func forwardOr(msg tea.KeyPressMsg, forward key.Binding) int {
	if key.Matches(msg, forward) {
		return 1
	}
	return -1
}

func (a *App) unannotated(doc string) bool { return a.docProgress.annotated[doc] == 0 }
func (a *App) unanswered(doc string) bool  { return a.docProgress.answer[doc] == "" }

// gotoFirst opens in p the first document after (step 1) or before (step -1) p's, in
// corpus order and wrapping around, that is what: unannotated, unanswered.
func (a *App) gotoFirst(p *Pane, step int, what string, is func(doc string) bool) tea.Cmd {
	d, ok := a.findDoc(p.DocIndex, step, is)
	if !ok {
		a.setStatus("no other document is "+what, false)
		return nil
	}
	a.setStatus(fmt.Sprintf("document %d/%d: %s", d+1, a.corpus.Len(), what), false)
	return a.openInPane(p, d)
}

// findDoc is the first document from from+step on, in steps of step, wrapping around
// (from itself excluded), whose id satisfies is.
func (a *App) findDoc(from, step int, is func(doc string) bool) (int, bool) {
	n := a.corpus.Len()
	for i := 1; i < n; i++ {
		d := ((from+step*i)%n + n) % n
		if is(a.corpus.Title(d)) {
			return d, true
		}
	}
	return 0, false
}

// afterAnswer moves pane p on from document doc once its answer is saved, as the
// config asks; p may have moved meanwhile, and then it stays.
func (a *App) afterAnswer(p *Pane, doc int) func() tea.Cmd {
	switch a.opts.AfterAnswer {
	case AfterAnswerNext, AfterAnswerUnanswered:
	default:
		return nil
	}
	return func() tea.Cmd {
		if p.DocIndex != doc || a.corpus.Len() < 2 {
			return nil
		}
		if a.opts.AfterAnswer == AfterAnswerNext {
			return a.openInPane(p, (doc+1)%a.corpus.Len())
		}
		d, ok := a.findDoc(doc, 1, a.unanswered)
		if !ok {
			a.setStatus(a.status+" · every document is answered", false)
			return nil
		}
		return a.openInPane(p, d)
	}
}

// withAfter makes the editor's command cmd carry after to editResult.
func withAfter(cmd tea.Cmd, after func() tea.Cmd) tea.Cmd {
	if after == nil {
		return cmd
	}
	return func() tea.Msg {
		m, ok := cmd().(editDoneMsg)
		if !ok {
			return m
		}
		m.after = after
		return m
	}
}
