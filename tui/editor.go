package tui

import (
	"errors"

	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/annotations"
)

// editor runs session operations one at a time, in the order keys asked for them, off
// the Update loop: each is committed to the database before its result message comes
// back, and only then does the screen confirm it.
type editor struct {
	jobs chan func()
	seq  uint64 // jobs run so far; only the editor goroutine touches it
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
// result. job gets its place in the queue: results can reach Update out of order (each
// command runs on its own), and the cache keeps only the newest view of a document.
func (e *editor) run(job func(seq uint64) tea.Msg) tea.Cmd {
	reply := make(chan tea.Msg, 1)
	e.jobs <- func() {
		e.seq++
		reply <- job(e.seq)
	}
	return func() tea.Msg { return <-reply }
}

// editDoneMsg reports operations run by the editor: the committed change and the
// documents it touched as they now are, for the App's cache.
type editDoneMsg struct {
	what   string // what was done, for the status line
	change annotations.Change
	views  map[string]annotations.DocView
	seq    uint64
	err    error
	after  func() tea.Cmd // runs once the edit is saved (or found already made); may be nil
}

// docViewMsg brings a document's annotations when a pane opens it.
type docViewMsg struct {
	doc  string
	view annotations.DocView
	seq  uint64
	err  error
}

// answersMsg brings the annotator's answer counts at start.
type answersMsg struct {
	counts map[string]int
	err    error
}

// closedMsg reports the final export and the session's close at quit.
type closedMsg struct{ err error }

// applyOps runs ops in order through s and reads back the documents they touched; the
// first error stops and is reported (with the change it came with).
func applyOps(s annotations.Session, ops ...annotations.Op) editDoneMsg {
	var out editDoneMsg
	docs := map[string]bool{}
	for _, op := range ops {
		ch, err := s.Apply(op)
		out.change = ch
		for _, d := range ch.Docs() {
			docs[d] = true
		}
		if d := annotations.OpDoc(op); d != "" {
			docs[d] = true
		}
		if err != nil {
			out.err = err
			break
		}
	}
	out.views = map[string]annotations.DocView{}
	for d := range docs {
		if v, err := s.Doc(d); err == nil {
			out.views[d] = v
		}
	}
	return out
}

// loadView reads a document's annotations for the cache; one never touched is empty.
func loadView(s annotations.Session, doc string) docViewMsg {
	v, err := s.Doc(doc)
	if errors.Is(err, annotations.ErrUnknownDoc) {
		return docViewMsg{doc: doc}
	}
	return docViewMsg{doc: doc, view: v, err: err}
}
