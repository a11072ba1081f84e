package tui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/annotations"
)

// editor runs store operations one at a time, in the order keys asked for them, off the
// Update loop: each operation is fsync'd to the journal before its result message comes
// back, and only then does the screen confirm it.
type editor struct {
	jobs chan func()
}

func newEditor() *editor {
	e := &editor{jobs: make(chan func(), 4096)}
	go func() {
		for job := range e.jobs {
			job()
		}
	}()
	return e
}

// run queues job behind every earlier one and returns the command that waits for its
// result.
func (e *editor) run(job func() tea.Msg) tea.Cmd {
	reply := make(chan tea.Msg, 1)
	e.jobs <- func() { reply <- job() }
	return func() tea.Msg { return <-reply }
}

// editDoneMsg reports one store operation.
type editDoneMsg struct {
	what string // what was done, for the status line
	err  error
}

// flushTickMsg asks for the debounced rewrite of the training file.
type flushTickMsg struct{ gen int }

// flushDoneMsg reports a rewrite of the training file.
type flushDoneMsg struct{ err error }

// closedMsg reports the store's final flush and unlock at quit.
type closedMsg struct{ err error }

func storeJob(what string, f func() error) func() tea.Msg {
	return func() tea.Msg { return editDoneMsg{what: what, err: f()} }
}

func flushJob(s *annotations.Store) func() tea.Msg {
	return func() tea.Msg { return flushDoneMsg{err: s.Flush()} }
}

func closeJob(s *annotations.Store) func() tea.Msg {
	return func() tea.Msg { return closedMsg{err: s.Close()} }
}
