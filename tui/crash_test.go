package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashiya/hashiya/model"
)

// pressBinding presses the first key of a KeyMap binding, so a rebinding never breaks
// the test.
func pressBinding(t *testing.T, a *App, keys ...[]string) {
	t.Helper()
	for _, k := range keys {
		press(t, a, k[0])
	}
}

// The crash: G puts the cursor on the last character of the sample's first
// document, a full stop; v then panicked in snapToCharacters (index out of range [2120]
// with length 2120).
func TestSelectOnFinalFullStopDoesNotCrash(t *testing.T) {
	a, _ := newAnnotatingApp(t, 120, 40)
	p := a.focused()
	k := &a.keys
	pressBinding(t, a, k.Bottom.Keys())
	if n := p.view.text.Len(); p.cursor != n-1 || p.view.text.At(p.cursor) != '.' {
		t.Fatalf("G: cursor at %d of %d, want the final full stop", p.cursor, n)
	}
	pressBinding(t, a, k.Select.Keys())
	checkFrame(t, a, 120, 40)
	// The selection is only punctuation: a label key says there is nothing to tag.
	label := a.schema.Labels[0]
	press(t, a, label.Key)
	if spans := a.spans(p.info.ID, 0, p.view.text.Len()); len(spans) != 0 {
		t.Fatalf("a selection of a full stop tagged %+v", spans)
	}
	if !strings.Contains(screen(a), "nothing to tag") {
		t.Errorf("the screen does not say there is nothing to tag:\n%s", screen(a))
	}
	// G v b then a label tags the last word, as the annotator meant.
	pressBinding(t, a, k.Bottom.Keys(), k.Select.Keys(), k.PrevWord.Keys())
	press(t, a, label.Key)
	spans := a.spans(p.info.ID, 0, p.view.text.Len())
	if len(spans) != 1 || spans[0].Text != "طهران" || spans[0].End != p.view.text.Len()-1 || spans[0].Label != label.Name {
		t.Fatalf("G v b %s: spans %+v, want %s «طهران» before the full stop", label.Key, spans, label.Name)
	}
}

// At five rows a narrow screen (header, tab strip, two body rows, status line, help line)
// drew six: the frame must stay exactly the terminal's size, so the help line goes.
func TestFiveRowNarrowFrameIsFiveRows(t *testing.T) {
	for _, w := range []int{10, 30, 79} {
		a := newTestApp(t, w, 5)
		checkFrame(t, a, w, 5)
		pressBinding(t, a, a.keys.Help.Keys())
		checkFrame(t, a, w, 5)
	}
	a := newTestApp(t, 80, 6)
	if !strings.Contains(screen(a), a.keys.NextPane.Help().Desc) {
		t.Errorf("the help line is gone at 80x6, where it fits:\n%s", screen(a))
	}
}

// A text file ending with a newline ends with an empty line, where G puts the cursor (at
// the text's length); v there panicked in snapToCharacters like the full stop did.
func TestSelectOnEmptyLastLineDoesNotCrash(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "newline.txt")
	if err := os.WriteFile(path, []byte("قال بوتين.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := model.Open([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	st, err := openSession(t, filepath.Join(dir, "annotations.jsonl"), "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := New(Options{Corpus: c, CorpusName: "newline", Annotator: "test", Session: st, Export: st.export, ExportEvery: time.Millisecond})
	drive(t, a, a.Init())
	resize(t, a, 80, 24)
	p := a.focused()
	pressBinding(t, a, a.keys.Bottom.Keys(), a.keys.Select.Keys())
	checkFrame(t, a, 80, 24)
	if r := p.selection(); r.End > r.Start {
		t.Errorf("v on the empty last line selects [%d,%d)", r.Start, r.End)
	}
	pressBinding(t, a, a.keys.PrevWord.Keys())
	press(t, a, a.schema.Labels[0].Key)
	if spans := st.Spans(p.info.ID, 0, p.view.text.Len()); len(spans) != 1 || spans[0].Text != "بوتين" {
		t.Fatalf("G v b %s from the empty last line: spans %+v, want «بوتين»", a.schema.Labels[0].Key, spans)
	}
}
