package tui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/model"
)

// fixedHistory is a search history that has always held queries.
type fixedHistory []string

func (h fixedHistory) Load() ([]string, error) { return h, nil }
func (fixedHistory) Add(string) error          { return nil }

// driveHolding is drive, but the messages hold picks are kept back and returned, as if
// their commands had not answered yet.
func driveHolding(t *testing.T, a *App, cmd tea.Cmd, hold func(tea.Msg) bool) []tea.Msg {
	t.Helper()
	var held []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg, ok := runWithin(c, 10*time.Second)
		switch m := msg.(type) {
		case tea.BatchMsg:
			queue = append(queue, m...)
			continue
		case nil:
			continue
		}
		if !ok || (fromRuntime(msg) && !isAppMsg(msg)) {
			continue
		}
		if hold(msg) {
			held = append(held, msg)
			continue
		}
		_, next := a.Update(msg)
		queue = append(queue, next)
	}
	return held
}

// TestHistoryUpBeforeHistoryLoads: ↑ in the search prompt of a reader just started, before
// the annotator's history file was read, showed nothing, and nothing came once it was
// read (the tmux test of the history across restarts waited for /November in vain).
func TestHistoryUpBeforeHistoryLoads(t *testing.T) {
	a := New(Options{Corpus: model.Sample(), CorpusName: "sample", Annotator: "test",
		History: fixedHistory{"كوريا", "November"}, ExportEvery: time.Millisecond})
	held := driveHolding(t, a, a.Init(), func(m tea.Msg) bool { _, ok := m.(historyLoadedMsg); return ok })
	if len(held) != 1 {
		t.Fatalf("%d history loads held back, want 1", len(held))
	}
	resize(t, a, 80, 24)
	pressKey(t, a, a.keys.Search)
	pressKey(t, a, a.keys.HistoryPrev)
	if got := a.input.Value(); got != "" {
		t.Fatalf("the prompt shows %q before the history is read", got)
	}
	_, cmd := a.Update(held[0])
	drive(t, a, cmd)
	if got := a.input.Value(); got != "November" {
		t.Fatalf("↑ before the history was read: the prompt shows %q once it is, want the newest search", got)
	}

	// Typing after that ↑ means the annotator went on: the history does not overwrite it.
	b := New(Options{Corpus: model.Sample(), CorpusName: "sample", Annotator: "test",
		History: fixedHistory{"November"}, ExportEvery: time.Millisecond})
	held = driveHolding(t, b, b.Init(), func(m tea.Msg) bool { _, ok := m.(historyLoadedMsg); return ok })
	resize(t, b, 80, 24)
	pressKey(t, b, b.keys.Search)
	pressKey(t, b, b.keys.HistoryPrev)
	typeText(t, b, "بو")
	_, cmd = b.Update(held[0])
	drive(t, b, cmd)
	if got := b.input.Value(); got != "بو" {
		t.Fatalf("the history replaced what was typed after ↑: %q", got)
	}
}
