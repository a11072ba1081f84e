package tui

import (
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/model"
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

// A saved document that indexing has not reached at the first frame opens once it does.
func TestPlaceRestoredWhenIndexingReachesIt(t *testing.T) {
	dir := t.TempDir()
	path := largeCorpus(t, dir)
	out := filepath.Join(dir, "annotations.jsonl")
	st, err := openSession(t, out, "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.SavePlace([]byte(`{"focus":0,"panes":[{"doc":"d19990","index":19990,"cursor":30,"top":0}]}`)); err != nil {
		t.Fatal(err)
	}
	c, err := model.Open([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	a := New(Options{Corpus: c, CorpusName: "large", Annotator: "test", Session: st, ExportEvery: time.Millisecond})
	_, cmd := a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if _, n, _, _ := c.Indexing(); n > 19990 {
		t.Fatalf("document 19990 was indexed before the first frame (%d documents): make the corpus larger", n)
	}
	drive(t, a, tea.Batch(cmd, a.Init()))
	if p := a.panes[0]; p.DocIndex != 19990 || p.cursor != 30 {
		t.Fatalf("pane 0 on document %d, cursor %d; want 19990 at 30:\n%s", p.DocIndex, p.cursor, screen(a))
	}
}

// The cursor at the end of a text ending in CRLF (G puts it on the empty last line) came
// back one code point earlier, on the LF: inside the CR LF character.
func TestPlaceRestoresCursorAfterFinalCRLF(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "crlf.txt")
	if err := writeFile(path, "سطر أول\r\nسطر ثان\r\n"); err != nil {
		t.Fatal(err)
	}
	a, _ := newAppOn(t, dir, path, "crlf", 80, 24)
	press(t, a, bind(a.keys.Bottom))
	want := a.focused().cursor
	if want != a.focused().view.text.Len() {
		t.Fatalf("G put the cursor on %d, want the end (%d): the test needs the empty last line", want, a.focused().view.text.Len())
	}
	if !pressQuits(t, a, bind(a.keys.Quit)) {
		t.Fatal("q did not quit")
	}
	b, _ := newAppOn(t, dir, path, "crlf", 80, 24)
	if got := b.focused().cursor; got != want {
		t.Fatalf("cursor restored on %d, want %d", got, want)
	}
}
