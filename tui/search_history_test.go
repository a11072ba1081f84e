package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashiya/hashiya/model"
)

// searchFor types query in the search prompt and runs it in the panes.
func searchFor(t *testing.T, a *App, query string) {
	t.Helper()
	pressKey(t, a, a.keys.Search)
	typeText(t, a, query)
	pressKey(t, a, a.keys.SearchRun)
}

func TestSearchHistoryStepsBackAndForward(t *testing.T) {
	a := newTestApp(t, 80, 24)
	searchFor(t, a, "كوريا")
	searchFor(t, a, "بوتين")
	corpusSearchFor(t, a, "treaty")
	pressKey(t, a, a.keys.ResultClose)
	searchFor(t, a, "كوريا") // again: it moves to the end, once
	pressKey(t, a, a.keys.Search)
	typeText(t, a, "سي")
	want := []string{"كوريا", "treaty", "بوتين"}
	for _, w := range want {
		pressKey(t, a, a.keys.HistoryPrev)
		if got := a.input.Value(); got != w {
			t.Fatalf("history back: %q, want %q", got, w)
		}
	}
	pressKey(t, a, a.keys.HistoryPrev) // the oldest: stays
	if got := a.input.Value(); got != "بوتين" {
		t.Fatalf("past the oldest search: %q", got)
	}
	pressKey(t, a, a.keys.HistoryNext)
	pressKey(t, a, a.keys.HistoryNext)
	pressKey(t, a, a.keys.HistoryNext)
	if got := a.input.Value(); got != "سي" {
		t.Fatalf("forward past the newest: %q, want what was typed", got)
	}
}

func historyApp(t *testing.T, h SearchHistory) *App {
	t.Helper()
	a := New(Options{Corpus: model.Sample(), CorpusName: "sample", Annotator: "test", History: h, ExportEvery: time.Millisecond})
	drive(t, a, a.Init())
	resize(t, a, 80, 24)
	return a
}

func TestSearchHistorySurvivesARestartPerAnnotator(t *testing.T) {
	dir := t.TempDir()
	a := historyApp(t, FileSearchHistory(dir, "sara"))
	searchFor(t, a, "كوريا")
	corpusSearchFor(t, a, "پوتین")
	pressKey(t, a, a.keys.ResultClose)

	b := historyApp(t, FileSearchHistory(dir, "sara"))
	pressKey(t, b, b.keys.Search)
	pressKey(t, b, b.keys.HistoryPrev)
	pressKey(t, b, b.keys.HistoryPrev)
	if got := b.input.Value(); got != "كوريا" {
		t.Fatalf("after a restart, two searches back: %q", got)
	}
	other := historyApp(t, FileSearchHistory(dir, "omar"))
	pressKey(t, other, other.keys.Search)
	pressKey(t, other, other.keys.HistoryPrev)
	if got := other.input.Value(); got != "" {
		t.Fatalf("another annotator sees sara's search %q", got)
	}
}

func TestSearchHistoryFileWithABadLineKeepsTheRest(t *testing.T) {
	dir := t.TempDir()
	h := FileSearchHistory(dir, "sara").(fileHistory)
	if err := os.MkdirAll(filepath.Dir(h.path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(h.path, []byte("\"كوريا\"\nnot quoted\n\"a\\nb\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	qs, err := h.Load()
	if err == nil || !strings.Contains(err.Error(), h.path+":2:") {
		t.Fatalf("the bad line is not named by file and line: %v", err)
	}
	if len(qs) != 2 || qs[0] != "كوريا" || qs[1] != "a\nb" {
		t.Fatalf("good searches lost: %q", qs)
	}
	a := historyApp(t, h)
	if !strings.Contains(strings.Join(a.warnings, "\n"), ":2: not a quoted search") {
		t.Errorf("the reader does not list the bad line: %q", a.warnings)
	}
}

func TestFileSafeKeepsAnnotatorsApart(t *testing.T) {
	seen := map[string]string{}
	for _, n := range []string{"sara", "Sara", "../x", "..%2Fx", "a b", "a_b", "سارا", ""} {
		f := fileSafe(n)
		if o, dup := seen[f]; dup {
			t.Errorf("%q and %q share the file %q", o, n, f)
		}
		if strings.ContainsAny(f, "/.") || f == "" {
			t.Errorf("%q gives the file name %q", n, f)
		}
		seen[f] = n
	}
}
