package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
)

func TestNextAndPreviousUnannotatedDocument(t *testing.T) {
	a, _ := startReader(t, filepath.Join(t.TempDir(), "annotations.jsonl"))
	p := a.focused()
	label := a.schema.Labels[0].Key
	// Documents 1 and 2 (indices 1, 2) get a span; 0 stays open and unannotated.
	for _, d := range []int{1, 2} {
		drive(t, a, a.openInPane(p, d))
		press(t, a, label)
	}
	drive(t, a, a.openInPane(p, 0))
	press(t, a, bind(a.keys.NextUnannotated))
	if p.DocIndex != 3 {
		t.Fatalf("next unannotated after 0 is %d, want 3 (1 and 2 are annotated)", p.DocIndex)
	}
	press(t, a, bind(a.keys.PrevUnannotated))
	if p.DocIndex != 0 {
		t.Fatalf("previous unannotated before 3 is %d, want 0", p.DocIndex)
	}
	press(t, a, bind(a.keys.PrevUnannotated)) // wraps around
	if p.DocIndex != 4 {
		t.Fatalf("previous unannotated before 0 is %d, want 4", p.DocIndex)
	}
}

func TestNextAndPreviousUnansweredDocument(t *testing.T) {
	a, _ := startReader(t, filepath.Join(t.TempDir(), "annotations.jsonl"))
	p := a.focused()
	for _, d := range []int{0, 1, 3} {
		drive(t, a, a.openInPane(p, d))
		press(t, a, bind(a.keys.Accept))
	}
	drive(t, a, a.openInPane(p, 0))
	press(t, a, bind(a.keys.NextUnanswered))
	if p.DocIndex != 2 {
		t.Fatalf("next unanswered after 0 is %d, want 2", p.DocIndex)
	}
	press(t, a, bind(a.keys.NextUnanswered))
	if p.DocIndex != 4 {
		t.Fatalf("next unanswered after 2 is %d, want 4", p.DocIndex)
	}
	press(t, a, bind(a.keys.PrevUnanswered))
	if p.DocIndex != 2 {
		t.Fatalf("previous unanswered before 4 is %d, want 2", p.DocIndex)
	}
	for _, d := range []int{2, 4} {
		drive(t, a, a.openInPane(p, d))
		press(t, a, bind(a.keys.Reject))
	}
	press(t, a, bind(a.keys.NextUnanswered))
	if p.DocIndex != 4 || !strings.Contains(screen(a), "no other document is unanswered") {
		t.Fatalf("with every document answered, the pane moved to %d:\n%s", p.DocIndex, screen(a))
	}
}

// The answers a restart finds in the database count: progress comes from it.
func TestUnansweredAfterRestartUsesTheDatabase(t *testing.T) {
	out := filepath.Join(t.TempDir(), "annotations.jsonl")
	a, st := startReader(t, out)
	p := a.focused()
	drive(t, a, a.openInPane(p, 1))
	press(t, a, bind(a.keys.Accept))
	if !pressQuits(t, a, bind(a.keys.Quit)) {
		t.Fatal("q did not quit")
	}
	st.Close()
	b, _ := startReader(t, out)
	q := b.focused()
	drive(t, b, b.openInPane(q, 0))
	press(t, b, bind(b.keys.NextUnanswered))
	if q.DocIndex != 2 {
		t.Fatalf("after a restart, next unanswered after 0 is %d, want 2 (1 was accepted before)", q.DocIndex)
	}
}

func TestAfterAnswerMovesOn(t *testing.T) {
	for _, tc := range []struct {
		after string
		want  int
	}{{AfterAnswerStay, 0}, {"", 0}, {AfterAnswerNext, 1}, {AfterAnswerUnanswered, 2}} {
		out := filepath.Join(t.TempDir(), "annotations.jsonl")
		a, _ := startReader(t, out)
		a.opts.AfterAnswer = tc.after
		p := a.focused()
		drive(t, a, a.openInPane(p, 1))
		press(t, a, bind(a.keys.Ignore)) // 1 answered
		drive(t, a, a.openInPane(p, 0))
		press(t, a, bind(a.keys.Accept))
		if p.DocIndex != tc.want {
			t.Errorf("after_answer %q: accept on 0 left the pane on %d, want %d", tc.after, p.DocIndex, tc.want)
		}
		if ans := a.docProgress.answer[a.corpus.Title(0)]; ans != annotations.AnswerAccept {
			t.Errorf("after_answer %q: document 0 is %q, want accept", tc.after, ans)
		}
	}
}

func TestConfigAfterAnswer(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.toml")
	write := func(s string) {
		t.Helper()
		if err := writeFile(path, s); err != nil {
			t.Fatal(err)
		}
	}
	write(`after_answer = "unanswered"` + "\n")
	c, err := LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	var o Options
	if err := c.Apply(&o, path); err != nil || o.AfterAnswer != AfterAnswerUnanswered {
		t.Fatalf("after_answer not applied: %q, %v", o.AfterAnswer, err)
	}
	write(`after_answer = "onward"` + "\n")
	if _, err := LoadConfig(path); err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "after_answer") {
		t.Fatalf("a bad after_answer: %v", err)
	}
}

func writeFile(path, s string) error { return os.WriteFile(path, []byte(s), 0o644) }
