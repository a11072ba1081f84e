package tui

import (
	"path/filepath"
	"testing"

	"github.com/hashiya/hashiya/text/bidi"
)

// TestPlaceRestoredOnRestart: documents in the panes, cursors, scroll, direction and
// focus come back in the next session of the same annotator, from the database.
func TestPlaceRestoredOnRestart(t *testing.T) {
	out := filepath.Join(t.TempDir(), "annotations.jsonl")
	a, st := startReader(t, out)
	resize(t, a, 120, 20)
	press(t, a, bind(a.keys.NextPane), bind(a.keys.NextDoc), bind(a.keys.NextDoc)) // pane 2: document 4 (index 3)
	press(t, a, bind(a.keys.PageDown), bind(a.keys.PageDown), bind(a.keys.NextWord))
	press(t, a, bind(a.keys.NextPane), bind(a.keys.Direction), bind(a.keys.Direction)) // pane 3: ltr forced
	press(t, a, bind(a.keys.PrevPane))
	type want struct {
		doc, cursor, top int
		dir              bidi.Direction
	}
	var before []want
	for _, p := range a.panes {
		before = append(before, want{p.DocIndex, p.cursor, p.view.line(p.top).Start, p.dir})
	}
	if before[1].top == 0 || before[1].cursor == 0 || before[2].dir != bidi.LTR {
		t.Fatalf("the setup did not scroll or force a direction: %+v", before)
	}
	if !pressQuits(t, a, bind(a.keys.Quit)) {
		t.Fatal("q did not quit")
	}
	st.Close()

	b, _ := startReader(t, out)
	resize(t, b, 120, 20)
	if len(b.panes) != len(before) {
		t.Fatalf("%d panes after restart, want %d", len(b.panes), len(before))
	}
	for i, p := range b.panes {
		got := want{p.DocIndex, p.cursor, p.view.line(p.top).Start, p.dir}
		if got != before[i] {
			t.Errorf("pane %d after restart: %+v, want %+v", i, got, before[i])
		}
	}
	if b.focus != 1 {
		t.Errorf("focus on pane %d after restart, want 1", b.focus)
	}
}

// Another annotator on the same database starts at the top: the place is per annotator.
func TestPlaceIsPerAnnotator(t *testing.T) {
	out := filepath.Join(t.TempDir(), "annotations.jsonl")
	a, st := startReader(t, out)
	press(t, a, bind(a.keys.NextDoc))
	if !pressQuits(t, a, bind(a.keys.Quit)) {
		t.Fatal("q did not quit")
	}
	st.Close()
	other, err := openSession(t, out, "someone-else")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	if p, err := other.Place(); err != nil || p != nil {
		t.Fatalf("another annotator's place: %s, %v", p, err)
	}
}
