package tui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashiya/hashiya/model"
)

// startReader is a reader on the database beside out, as hashiya starts one.
func startReader(t *testing.T, out string) (*App, *testDB) {
	t.Helper()
	st, err := openSession(t, out, "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := New(Options{Corpus: model.Sample(), CorpusName: "treaty (sample)", Annotator: "test", Session: st,
		DB: dbBeside(out), Out: out, Export: st.export, ExportEvery: time.Millisecond})
	drive(t, a, a.Init())
	resize(t, a, 120, 40)
	return a, st
}

func TestUndoRedoSurviveRestart(t *testing.T) {
	out := filepath.Join(t.TempDir(), "annotations.jsonl")
	a, st := startReader(t, out)
	doc := a.focused().info.ID
	label := a.schema.Labels[0].Key
	press(t, a, label, bind(a.keys.NextWord), label)
	press(t, a, bind(a.keys.Undo)) // the second tag is undone: one to redo, one to undo
	if !pressQuits(t, a, bind(a.keys.Quit)) {
		t.Fatalf("q did not quit:\n%s", screen(a))
	}
	st.Close() // the process ends

	b, st2 := startReader(t, out)
	if n := len(b.spans(doc, 0, 1<<30)); n != 1 {
		t.Fatalf("after restart the screen has %d spans, want 1", n)
	}
	if !strings.Contains(screen(b), dbBeside(out)) {
		t.Errorf("the first screen does not say where annotations go:\n%s", screen(b))
	}
	press(t, b, bind(b.keys.Redo)) // the undone tag of the last session comes back
	if n := len(st2.allSpans(doc)); n != 2 {
		t.Fatalf("redo after restart: the database has %d spans, want 2:\n%s", n, screen(b))
	}
	press(t, b, bind(b.keys.Undo), bind(b.keys.Undo)) // and both of the last session's tags go
	if n := len(b.spans(doc, 0, 1<<30)); n != 0 {
		t.Fatalf("undo after restart left %d spans on screen:\n%s", n, screen(b))
	}
	if n := len(st2.allSpans(doc)); n != 0 {
		t.Fatalf("undo after restart left %d spans in the database", n)
	}
}
