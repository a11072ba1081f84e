package tui

import (
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/model"
)

// countingSession counts what the reader asks of the database.
type countingSession struct {
	*testDB
	docs, applies atomic.Int64
}

func (c *countingSession) Doc(id string) (annotations.DocView, error) {
	c.docs.Add(1)
	return c.testDB.Doc(id)
}

func (c *countingSession) Apply(op annotations.Op) (annotations.Change, error) {
	c.applies.Add(1)
	return c.testDB.Apply(op)
}

func TestViewAndMotionsNeverReadTheDatabase(t *testing.T) {
	out := filepath.Join(t.TempDir(), "annotations.jsonl")
	db, err := openSession(t, out, "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	st := &countingSession{testDB: db}
	a := New(Options{Corpus: model.Sample(), CorpusName: "treaty (sample)", Annotator: "test", Session: st, Out: out, Export: db.export, ExportEvery: time.Millisecond})
	drive(t, a, a.Init())
	resize(t, a, 120, 40)
	press(t, a, a.schema.Labels[0].Key) // a span to draw
	before := st.docs.Load()
	for i := 0; i < 20; i++ {
		press(t, a, bind(a.keys.NextWord), bind(a.keys.Down), bind(a.keys.NextPane))
		_ = a.View()
	}
	if n := st.docs.Load() - before; n != 0 {
		t.Errorf("drawing and moving read the database %d time(s)", n)
	}
	if len(a.spans(a.panes[0].info.ID, 0, 1<<30)) != 1 {
		t.Errorf("the cache lost the span")
	}
}
