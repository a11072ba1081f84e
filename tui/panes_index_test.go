package tui

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/model"
)

// largeCorpus writes a JSONL corpus of 20,000 documents (d00000…, about 20 MB) in dir:
// indexing it takes far longer than the first frame.
func largeCorpus(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "large.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	body := strings.Repeat("كوريا الشمالية نشرت جنودا ", 40)
	for i := range 20000 {
		fmt.Fprintf(w, "{\"id\":\"d%05d\",\"text\":%q}\n", i, body)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

// A large JSONL corpus still indexing at the first frame opened with one pane (the
// only document known then) and never got more until a resize.
func TestPanesAddedWhenIndexingEnds(t *testing.T) {
	path := largeCorpus(t, t.TempDir())
	c, err := model.Open([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	a := New(Options{Corpus: c, CorpusName: "large", Annotator: "test", ExportEvery: time.Millisecond})
	_, cmd := a.Update(tea.WindowSizeMsg{Width: 120, Height: 30}) // the first frame's size
	if done, n, _, _ := c.Indexing(); done || n >= 3 {
		t.Fatalf("the corpus was indexed (%d documents) before the first frame: make it larger", n)
	}
	if len(a.panes) != 1 {
		t.Fatalf("%d panes before indexing ends, want the 1 document known", len(a.panes))
	}
	drive(t, a, tea.Batch(cmd, a.Init())) // Init's command follows indexing to its end
	if done, _, _, _ := c.Indexing(); !done {
		t.Fatal("indexing did not end")
	}
	if len(a.panes) != 3 {
		t.Fatalf("%d panes after indexing at 120 columns, want 3:\n%s", len(a.panes), screen(a))
	}
	s := screen(a)
	for _, want := range []string{"1/20000", "2/20000", "3/20000"} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks pane %s:\n%s", want, s)
		}
	}
}

// Each pane's title shows its document's answer, in words (no colour needed).
func TestAnswerInPaneTitle(t *testing.T) {
	a, _ := startReader(t, filepath.Join(t.TempDir(), "annotations.jsonl"))
	press(t, a, bind(a.keys.Reject))
	press(t, a, bind(a.keys.NextPane), bind(a.keys.Accept))
	lines := strings.Split(screen(a), "\n")
	if !strings.Contains(lines[1], "1/5") || !strings.Contains(lines[1], "✗rejected") || !strings.Contains(lines[1], "✓accepted") {
		t.Fatalf("pane titles lack their answers:\n%s", lines[1])
	}
	if i, j := strings.Index(lines[1], "✗rejected"), strings.Index(lines[1], "2/5"); i < 0 || j < 0 || i > j {
		t.Fatalf("the first pane's title does not say rejected:\n%s", lines[1])
	}
	if strings.Count(lines[1], "accepted")+strings.Count(lines[1], "rejected")+strings.Count(lines[1], "ignored") != 2 {
		t.Fatalf("a pane without an answer shows one:\n%s", lines[1])
	}
}
