package tui

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
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

func runQuits(t *testing.T, a *App, cmd tea.Cmd) bool {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			t.Fatal("command loop does not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg, ok := runWithin(c, 5*time.Second)
		switch m := msg.(type) {
		case tea.BatchMsg:
			queue = append(queue, m...)
			continue
		case tea.QuitMsg:
			return true
		case nil:
			continue
		}
		if !ok || fromRuntime(msg) && !isAppMsg(msg) {
			continue
		}
		_, next := a.Update(msg)
		queue = append(queue, next)
	}
	return false
}

// fullDiskApp is an annotating reader whose store has one durable edit and then one
// that the journal could not take (the disk is full).
func fullDiskApp(t *testing.T) (*App, *annotations.Store, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "annotations.jsonl")
	st, err := annotations.Open(annotations.StoreOptions{Out: out, Annotator: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.FailJournalWrites(nil); st.Close() })
	a := New(Options{Corpus: model.Sample(), CorpusName: "treaty (sample)", Annotator: "test", Store: st, Out: out, FlushDelay: time.Millisecond})
	drive(t, a, a.Init())
	resize(t, a, 120, 40)
	label := a.schema.Labels[0].Key
	press(t, a, label)
	st.FailJournalWrites(syscall.ENOSPC)
	press(t, a, a.keys.NextWord.Keys()[0], a.keys.NextWord.Keys()[0], label)
	if n, _ := st.Unsaved(); n != 1 {
		t.Fatalf("the second edit should be only in memory; Unsaved = %d", n)
	}
	return a, st, out
}

func TestFullDiskQuitSaysJournalHoldsEveryEditAndSecondQDropsEdits(t *testing.T) {
	a, st, out := fullDiskApp(t)
	quit := a.keys.Quit.Keys()[0]
	if pressQuits(t, a, quit) {
		t.Fatal("a quit that could not save ended the program")
	}
	scr := screen(a)
	if strings.Contains(scr, "the journal holds every edit") {
		t.Errorf("the screen claims the journal holds every edit:\n%s", scr)
	}
	doc := a.focused().info.ID
	for _, want := range []string{"1 edit", doc, out + ".journal", "no space left on device", a.keys.QuitAnyway.Help().Key} {
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
		t.Fatal("a second q dropped the edits that were only in memory")
	}
	if n, _ := st.Unsaved(); n != 1 {
		t.Fatalf("the retry lost the edit: Unsaved = %d", n)
	}
	// The disk has room again: q saves and quits, and every edit is on disk.
	st.FailJournalWrites(nil)
	if !pressQuits(t, a, quit) {
		t.Fatalf("q did not quit once saving worked:\n%s", screen(a))
	}
	again, err := annotations.Open(annotations.StoreOptions{Out: out, Annotator: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if n := len(again.Spans(doc, 0, 1<<30)); n != 2 {
		t.Errorf("reopened store has %d spans, want the 2 edits", n)
	}
}

func TestFailedQuitQuitsOnlyWhenConfirmed(t *testing.T) {
	a, st, _ := fullDiskApp(t)
	if pressQuits(t, a, a.keys.QuitAnyway.Keys()[0]) {
		t.Fatal("the quit-anyway key quit before any save failed")
	}
	if pressQuits(t, a, a.keys.Quit.Keys()[0]) {
		t.Fatal("a quit that could not save ended the program")
	}
	if pressQuits(t, a, "esc") {
		t.Fatal("esc quit")
	}
	if a.mode != modeNormal || !strings.Contains(screen(a), "NOT SAVED") {
		t.Errorf("esc should go back to the documents and keep saying what is not saved:\n%s", screen(a))
	}
	if pressQuits(t, a, a.keys.Quit.Keys()[1]) { // ctrl+c retries too
		t.Fatal("ctrl+c after a failed save dropped the edits")
	}
	if !pressQuits(t, a, a.keys.QuitAnyway.Keys()[0]) {
		t.Fatalf("the confirmation did not quit:\n%s", screen(a))
	}
	if n, _ := st.Unsaved(); n != 1 {
		t.Errorf("Unsaved = %d", n)
	}
}

func TestStartWarningsOverwrittenByAnnotationsStatus(t *testing.T) {
	out := filepath.Join(t.TempDir(), "annotations.jsonl")
	st, err := annotations.Open(annotations.StoreOptions{Out: out, Annotator: "test"})
	if err != nil {
		t.Fatal(err)
	}
	label := annotations.DefaultSchema().Labels[0].Name
	if _, err := st.AddSpan(annotations.DocInfo{ID: "d", Text: "hello world"}, label, 0, 5); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	// An interrupted append: half a journal line at the end.
	appendTo(t, filepath.Join(out+".journal", "test.jsonl"), `{"v":1,"seq":2,"crc":"00`)
	st, err = annotations.Open(annotations.StoreOptions{Out: out, Annotator: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if len(st.Warnings()) == 0 {
		t.Fatal("the torn tail gave no warning")
	}
	a := New(Options{Corpus: model.Sample(), CorpusName: "treaty (sample)", Annotator: "test", Store: st, Out: out,
		Warnings: []string{"config.toml:3: unknown key \"colour\""}})
	drive(t, a, a.Init())
	resize(t, a, 120, 40)
	scr := screen(a)
	for _, want := range []string{"incomplete last line", "2 warning"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the first screen does not show %q:\n%s", want, scr)
		}
	}
	if strings.Contains(scr, "annotations → ") {
		t.Errorf("the start warnings were overwritten:\n%s", scr)
	}
}

func appendTo(t *testing.T, path, s string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(s); err != nil {
		t.Fatal(err)
	}
}

func TestFlushOnFullDiskSaysEveryAnnotationIsSafeInJournal(t *testing.T) {
	a, _, _ := fullDiskApp(t)
	_, cmd := a.Update(flushTickMsg{gen: a.flushGen}) // the debounced rewrite comes due
	drive(t, a, cmd)
	scr := screen(a)
	if strings.Contains(scr, "safe in the journal") || !strings.Contains(scr, "NOT SAVED to disk: journal test.jsonl: no space left on device") {
		t.Errorf("a flush the journal could not back says:\n%s", scr)
	}
}

func TestQuitWhenOnlyTheTrainingFileFails(t *testing.T) {
	a, out := newAnnotatingApp(t, 120, 40)
	press(t, a, a.schema.Labels[0].Key)
	// A directory where the training file goes: the rename over it fails, the journal works.
	if err := os.Remove(out); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(out, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	if pressQuits(t, a, a.keys.Quit.Keys()[0]) {
		t.Fatal("a quit that could not write the training file ended the program")
	}
	scr := screen(a)
	for _, want := range []string{"every edit is in the journal", out, a.keys.QuitAnyway.Help().Key} {
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
