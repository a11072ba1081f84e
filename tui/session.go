package tui

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/annotations"
)

// defaultExportEvery bounds how often the training file is rewritten from the database
// while edits arrive; the database already holds every edit, so this only bounds how
// stale the training file is.
const defaultExportEvery = 30 * time.Second

// answerCounter is what a session may offer for the progress line at start.
type answerCounter interface {
	AnswerCounts() (map[string]int, error)
}

// cached is one document's annotations as the screen draws them, and the editor job
// that read them.
type cached struct {
	view    annotations.DocView
	seq     uint64
	version uint64 // a new number whenever view is replaced (viewVersions)
}

// viewVersions numbers the document views the cache is given, so that what is drawn from
// one can be kept until it is replaced.
var viewVersions atomic.Uint64

// view is the cached state of a document: what View draws. A document not yet loaded
// (or never touched) has no annotations.
func (a *App) view(doc string) annotations.DocView { return a.docs[doc].view }

// spans returns the cached spans of doc overlapping [start,end), sorted by start; a
// zero-width range returns the spans containing that offset.
func (a *App) spans(doc string, start, end int) []annotations.Span {
	var out []annotations.Span
	for _, s := range a.docs[doc].view.Spans {
		if overlaps(s.Start, s.End, start, end) {
			out = append(out, s)
		}
	}
	return out
}

// claims returns the cached claims of doc overlapping [start,end), sorted by start.
func (a *App) claims(doc string, start, end int) []annotations.Claim {
	var out []annotations.Claim
	for _, c := range a.docs[doc].view.Claims {
		if overlaps(c.Span.Start, c.Span.End, start, end) {
			out = append(out, c)
		}
	}
	return out
}

func overlaps(s, e, start, end int) bool {
	if start == end {
		return s <= start && start < e
	}
	return s < end && start < e
}

// apply queues ops for the editor; the screen confirms them when the result comes back.
func (a *App) apply(what string, ops ...annotations.Op) tea.Cmd {
	a.pending++
	s := a.session
	return a.editor.run(func(seq uint64) tea.Msg {
		m := applyOps(s, ops...)
		m.what, m.seq = what, seq
		return m
	})
}

// loadViewCmd reads a document's annotations when a pane opens it, behind every edit
// queued before.
func (a *App) loadViewCmd(doc string) tea.Cmd {
	if a.session == nil {
		return nil
	}
	s := a.session
	return a.editor.run(func(seq uint64) tea.Msg {
		m := loadView(s, doc)
		m.seq = seq
		return m
	})
}

func (a *App) loadAnswersCmd() tea.Cmd {
	ac, ok := a.session.(answerCounter)
	if !ok {
		return nil
	}
	return a.editor.run(func(uint64) tea.Msg {
		c, err := ac.AnswerCounts()
		return answersMsg{counts: c, err: err}
	})
}

// remember puts a document's view in the cache unless a newer one is there, keeps the
// answer counts in step, and drops documents no pane shows.
func (a *App) remember(doc string, v annotations.DocView, seq uint64) {
	old, had := a.docs[doc]
	if had && old.seq > seq {
		return
	}
	if had && a.answers != nil && old.view.Answer != v.Answer {
		if old.view.Answer != "" {
			a.answers[old.view.Answer]--
		}
		if v.Answer != "" {
			a.answers[v.Answer]++
		}
	}
	a.docs[doc] = cached{view: v, seq: seq, version: viewVersions.Add(1)}
	a.docProgress.note(doc, v)
}

// pruneCache keeps the cache to the documents the panes show.
func (a *App) pruneCache() {
	shown := map[string]bool{}
	for _, p := range a.panes {
		shown[p.info.ID] = true
	}
	for d := range a.docs {
		if !shown[d] {
			delete(a.docs, d)
		}
	}
}

// exportTickMsg asks for the background export of the training file.
type exportTickMsg struct{}

// exportDoneMsg reports a background export.
type exportDoneMsg struct{ err error }

// exporter writes the training file from the database, one export at a time (the
// background one and the one at quit may meet).
type exporter struct {
	mu  sync.Mutex
	run func() error
}

func (e *exporter) export() error {
	if e == nil || e.run == nil {
		return nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.run()
}

// scheduleExport asks for an export at most every ExportEvery while edits arrive.
func (a *App) scheduleExport() tea.Cmd {
	if a.exporter == nil || a.exportQueued || a.closing {
		return nil
	}
	a.exportQueued = true
	return tea.Tick(a.exportEvery, func(time.Time) tea.Msg { return exportTickMsg{} })
}

// startExport runs the export beside the editor: edits keep committing meanwhile.
func (a *App) startExport() tea.Cmd {
	a.exportQueued = false
	if a.closing {
		return nil
	}
	e := a.exporter
	return tea.Batch(a.savePlaceCmd(), func() tea.Msg { return exportDoneMsg{err: e.export()} })
}

func (a *App) exportDone(err error) {
	if err != nil {
		a.setStatus(fmt.Sprintf("%s not written: %s · the database has every edit", filepath.Base(a.opts.Out), shortPaths(err.Error())), true)
	}
}

// closeCmd exports the training file and ends the session, behind every queued edit.
func (a *App) closeCmd() tea.Cmd {
	s, e := a.session, a.exporter
	savePlace := func() {}
	if pk, ok := s.(placeKeeper); ok && !a.placePending {
		if b, err := json.Marshal(a.currentPlace()); err == nil {
			savePlace = func() { _ = pk.SavePlace(b) } // the place is a convenience: a quit never fails for it
		}
	}
	return a.editor.run(func(uint64) tea.Msg {
		savePlace()
		if err := e.export(); err != nil {
			return closedMsg{err: err}
		}
		return closedMsg{err: s.Close()}
	})
}

// whereStatus says where edits go, for the first status line.
func (a *App) whereStatus() string {
	s := "annotations → database"
	if a.opts.DB != "" {
		s = "annotations → " + homeShort(a.opts.DB)
	}
	if a.opts.Out != "" {
		s += " · training file " + homeShort(a.opts.Out)
	}
	return s
}

// homeShort writes a path under the home directory as ~/…, so the status line has
// room for the rest of it.
func homeShort(path string) string {
	home, err := os.UserHomeDir()
	if err != nil || home == "" || home == "/" {
		return path
	}
	if rel, err := filepath.Rel(home, path); err == nil && filepath.IsAbs(path) && !strings.HasPrefix(rel, "..") {
		return filepath.Join("~", rel)
	}
	return path
}
