package tui

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/model"
)

// pressQuits sends one key and runs what follows as the runtime would; it reports
// whether the program would end.
func pressQuits(t *testing.T, a *App, k string) bool {
	t.Helper()
	_, cmd := a.Update(keyMsg(k))
	return runQuits(t, a, cmd)
}

// fullSession refuses every edit and export with ENOSPC while full is set, as a
// database on a full disk does: nothing of a refused edit is written.
type fullSession struct {
	*testDB
	mu   sync.Mutex
	full bool
}

func (f *fullSession) setFull(v bool) { f.mu.Lock(); f.full = v; f.mu.Unlock() }

func (f *fullSession) refused() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.full {
		return &os.PathError{Op: "write", Path: dbBeside(f.out), Err: syscall.ENOSPC}
	}
	return nil
}

func (f *fullSession) Apply(op annotations.Op) (annotations.Change, error) {
	if err := f.refused(); err != nil {
		return annotations.Change{}, err
	}
	return f.testDB.Apply(op)
}

func (f *fullSession) export() error {
	if err := f.refused(); err != nil {
		return err
	}
	return f.testDB.export()
}

// fullDiskApp is an annotating reader with one committed edit and then one the database
// refused (the disk is full).
func fullDiskApp(t *testing.T) (*App, *fullSession, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "annotations.jsonl")
	db, err := openSession(t, out, "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	st := &fullSession{testDB: db}
	a := New(Options{Corpus: model.Sample(), CorpusName: "treaty (sample)", Annotator: "test", Session: st, Out: out, Export: st.export, ExportEvery: time.Millisecond})
	drive(t, a, a.Init())
	resize(t, a, 120, 40)
	label := a.schema.Labels[0].Key
	press(t, a, label)
	st.setFull(true)
	press(t, a, a.keys.NextWord.Keys()[0], a.keys.NextWord.Keys()[0], label)
	return a, st, out
}

func TestFullDiskEditRefusedOnScreenAndGoesThroughOnceSpaceIsBack(t *testing.T) {
	a, st, _ := fullDiskApp(t)
	doc := a.focused().info.ID
	scr := screen(a)
	if !strings.Contains(scr, "NOT SAVED") || !strings.Contains(scr, "no space left on device") {
		t.Errorf("a refused edit is not said on screen:\n%s", scr)
	}
	if strings.Contains(scr, "saved 2 edit") {
		t.Errorf("a refused edit is confirmed:\n%s", scr)
	}
	if n := len(a.spans(doc, 0, 1<<30)); n != 1 {
		t.Errorf("the screen shows %d spans, want the 1 committed", n)
	}
	st.setFull(false)
	press(t, a, a.schema.Labels[0].Key)
	if n := len(st.allSpans(doc)); n != 2 {
		t.Errorf("once space is back the database has %d spans, want 2:\n%s", n, screen(a))
	}
	if !strings.Contains(screen(a), "saved 2 edit") {
		t.Errorf("the edit that went through is not confirmed:\n%s", screen(a))
	}
}

func TestFullDiskQuitSaysDatabaseHoldsEveryEdit(t *testing.T) {
	a, st, out := fullDiskApp(t)
	quit := a.keys.Quit.Keys()[0]
	if pressQuits(t, a, quit) {
		t.Fatal("a quit that could not write the training file ended the program")
	}
	scr := screen(a)
	for _, want := range []string{"every edit is in the database", out, "no space left on device", a.keys.QuitAnyway.Help().Key} {
		if !strings.Contains(scr, want) {
			t.Errorf("the failed quit does not say %q:\n%s", want, scr)
		}
	}
	checkFrame(t, a, 120, 40)
	checkSafeFrame(t, a, "failed quit")
	for _, size := range [][2]int{{20, 6}, {40, 8}, {300, 80}, {120, 40}} {
		resize(t, a, size[0], size[1])
		checkFrame(t, a, size[0], size[1])
	}
	if pressQuits(t, a, quit) {
		t.Fatal("a second q quit while the training file still cannot be written")
	}
	// The disk has room again: q writes the training file and quits.
	st.setFull(false)
	if !pressQuits(t, a, quit) {
		t.Fatalf("q did not quit once saving worked:\n%s", screen(a))
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "\n"); n != 1 {
		t.Errorf("the training file has %d records, want 1:\n%s", n, data)
	}
}

func TestFailedQuitQuitsOnlyWhenConfirmed(t *testing.T) {
	a, _, _ := fullDiskApp(t)
	if pressQuits(t, a, a.keys.QuitAnyway.Keys()[0]) {
		t.Fatal("the quit-anyway key quit before any save failed")
	}
	if pressQuits(t, a, a.keys.Quit.Keys()[0]) {
		t.Fatal("a quit that could not save ended the program")
	}
	if pressQuits(t, a, "esc") {
		t.Fatal("esc quit")
	}
	if a.mode != modeNormal || !strings.Contains(screen(a), "could not write the training file") {
		t.Errorf("esc should go back to the documents and keep saying what failed:\n%s", screen(a))
	}
	if pressQuits(t, a, a.keys.Quit.Keys()[1]) { // ctrl+c retries too
		t.Fatal("ctrl+c after a failed save quit")
	}
	if !pressQuits(t, a, a.keys.QuitAnyway.Keys()[0]) {
		t.Fatalf("the confirmation did not quit:\n%s", screen(a))
	}
}

func TestStartWarningsNotOverwrittenByAnnotationsStatus(t *testing.T) {
	out := filepath.Join(t.TempDir(), "annotations.jsonl")
	st, err := openSession(t, out, "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := New(Options{Corpus: model.Sample(), CorpusName: "treaty (sample)", Annotator: "test", Session: st, Out: out,
		Warnings: []string{"imported 3 document(s) from annotations.jsonl", "config.toml:3: unknown key \"colour\""}})
	drive(t, a, a.Init())
	resize(t, a, 120, 40)
	scr := screen(a)
	for _, want := range []string{"imported 3 document", "2 warning"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the first screen does not show %q:\n%s", want, scr)
		}
	}
	if strings.Contains(scr, "annotations → ") {
		t.Errorf("the start warnings were overwritten:\n%s", scr)
	}
}

func TestBackgroundExportFailureSaysDatabaseHasEveryAnnotation(t *testing.T) {
	a, st, _ := fullDiskApp(t)
	_, cmd := a.Update(exportTickMsg{}) // the background export comes due
	drive(t, a, cmd)
	scr := screen(a)
	if !strings.Contains(scr, "the database has every edit") || !strings.Contains(scr, "no space left on device") {
		t.Errorf("a failed background export says:\n%s", scr)
	}
	st.setFull(false)
	if n := len(st.allSpans(a.focused().info.ID)); n != 1 {
		t.Errorf("the database has %d spans, want 1", n)
	}
}

func TestQuitWhenOnlyTheTrainingFileFails(t *testing.T) {
	a, out := newAnnotatingApp(t, 120, 40)
	press(t, a, a.schema.Labels[0].Key)
	// A directory where the training file goes: the rename over it fails, the database works.
	os.Remove(out)
	if err := os.MkdirAll(filepath.Join(out, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	if pressQuits(t, a, a.keys.Quit.Keys()[0]) {
		t.Fatal("a quit that could not write the training file ended the program")
	}
	scr := screen(a)
	for _, want := range []string{"every edit is in the database", out, a.keys.QuitAnyway.Help().Key} {
		if !strings.Contains(scr, want) {
			t.Errorf("the screen does not say %q:\n%s", want, scr)
		}
	}
	if strings.Contains(scr, "exist only in memory") {
		t.Errorf("nothing is only in memory, the screen says otherwise:\n%s", scr)
	}
	if !pressQuits(t, a, a.keys.QuitAnyway.Keys()[0]) {
		t.Fatal("the confirmation did not quit")
	}
}
