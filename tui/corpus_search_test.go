package tui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/hashiya/hashiya/model"
)

// pressKey presses the first key of binding b, as the terminal reports it.
func pressKey(t *testing.T, a *App, b key.Binding) {
	t.Helper()
	msg, err := walkKeyMsg(b.Keys()[0])
	if err != nil {
		t.Fatal(err)
	}
	_, cmd := a.Update(msg)
	drive(t, a, cmd)
}

// corpusSearch types query in the search prompt and searches the whole corpus with it.
func corpusSearchFor(t *testing.T, a *App, query string) {
	t.Helper()
	pressKey(t, a, a.keys.Search)
	typeText(t, a, query)
	pressKey(t, a, a.keys.SearchCorpus)
	if a.mode != modeResults || a.results == nil {
		t.Fatalf("corpus search did not open the hits list (mode %d)", a.mode)
	}
	if a.results.running {
		t.Fatal("the search still runs after its commands settled")
	}
}

// countHits is what model.Search finds in every document, loaded one by one.
func countHits(t *testing.T, c *model.Corpus, query string) (hits, docs int) {
	t.Helper()
	for i := 0; i < c.Len(); i++ {
		d, err := c.Load(i)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(model.Search(d.Text, query)); n > 0 {
			hits, docs = hits+n, docs+1
		}
	}
	return hits, docs
}

func TestCorpusSearchFindsHitsInDocumentsNoPaneShows(t *testing.T) {
	a := newTestApp(t, 80, 24) // two panes: documents 1 and 2 of 5
	corpusSearchFor(t, a, "كوريا")
	r := a.results
	wantHits, wantDocs := countHits(t, a.corpus, "كوريا")
	if r.prog.hits != wantHits || r.prog.docs != wantDocs || r.prog.searched != a.corpus.Len() {
		t.Fatalf("progress %+v, want %d hits in %d documents, all %d searched", r.prog, wantHits, wantDocs, a.corpus.Len())
	}
	shown := map[int]bool{}
	for _, p := range a.panes {
		shown[p.DocIndex] = true
	}
	unshown := 0
	for _, h := range r.hits {
		if !shown[h.doc] {
			unshown++
		}
		d, _ := a.corpus.Load(h.doc)
		got := []rune(h.snippet)[h.hitStart:h.hitEnd]
		if string(got) != d.Text.Slice(h.start, h.start+len(got)) || !strings.Contains(string(got), "كوري") {
			t.Errorf("hit %+v: snippet's hit %q is not the document's text at %d", h, string(got), h.start)
		}
	}
	if unshown == 0 {
		t.Fatal("no hit in a document outside the panes: the search looked only at the panes")
	}
}

func TestCorpusSearchIsNormalized(t *testing.T) {
	a := newTestApp(t, 80, 24)
	corpusSearchFor(t, a, "كوريا")
	arabic := a.results.prog
	pressKey(t, a, a.keys.ResultClose)
	// Persian keheh and yeh, a fatha and a tatweel: the same word to a reader.
	corpusSearchFor(t, a, "کورَیـا")
	if a.results.prog.hits != arabic.hits || arabic.hits == 0 {
		t.Fatalf("Persian spelling found %d hits, Arabic %d", a.results.prog.hits, arabic.hits)
	}
}

func TestGoldenCorpusSearchResults(t *testing.T) {
	a := newTestApp(t, 100, 24)
	corpusSearchFor(t, a, "كوريا")
	pressKey(t, a, a.keys.Down)
	checkFrame(t, a, 100, 24)
	golden(t, "corpus_results_100x24.golden", screen(a))
}

func TestCorpusSearchOpensTheHitWithTheCursorOnIt(t *testing.T) {
	a := newTestApp(t, 80, 24)
	corpusSearchFor(t, a, "كوريا")
	r := a.results
	target := -1
	for i, h := range r.hits { // a hit past the first of a document no pane shows
		if h.doc >= len(a.panes) && h.nth > 1 {
			target = i
			break
		}
	}
	if target < 0 {
		t.Fatal("the sample has no second hit in documents 3 to 5")
	}
	for r.cursor < target {
		pressKey(t, a, a.keys.Down)
	}
	want := r.hits[target]
	pressKey(t, a, a.keys.ResultOpen)
	p := a.focused()
	if a.mode != modeNormal || p.DocIndex != want.doc || !p.ready() {
		t.Fatalf("mode %d, pane on document %d, want %d", a.mode, p.DocIndex, want.doc)
	}
	if p.cursor != want.start {
		t.Fatalf("cursor at %d, want the hit at %d", p.cursor, want.start)
	}
	if p.current < 0 || p.matches[p.current].Start != want.start {
		t.Fatalf("the pane's current match is %d of %v, not the hit", p.current, p.matches)
	}
	assertCursorVisible(t, p)
	// n goes on to the document's next match.
	pressKey(t, a, a.keys.NextMatch)
	if p.cursor <= want.start {
		t.Fatalf("n after the jump stayed at %d", p.cursor)
	}
	// The list comes back as it was.
	pressKey(t, a, a.keys.CorpusResults)
	if a.mode != modeResults || a.results.cursor != target {
		t.Fatalf("the hits list did not come back on hit %d (mode %d, cursor %d)", target, a.mode, a.results.cursor)
	}
}

// writeCorpus writes n JSONL documents made by text(i) and opens them.
func writeCorpus(t testing.TB, n int, text func(i int) string) *model.Corpus {
	t.Helper()
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "{\"id\":\"d%05d\",\"text\":%q}\n", i, text(i))
	}
	path := filepath.Join(t.TempDir(), "c.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := model.Open([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func appOn(t *testing.T, c *model.Corpus, w, h int) *App {
	t.Helper()
	a := New(Options{Corpus: c, CorpusName: "test", Annotator: "test"})
	drive(t, a, a.Init())
	resize(t, a, w, h)
	return a
}

func TestCorpusSearchKeepsAFewHitsPerDocumentAndCountsAll(t *testing.T) {
	docs := maxListedHits/maxHitsPerDoc + 100 // more than the list holds
	c := writeCorpus(t, docs, func(i int) string {
		return strings.Repeat("خبر عن كوريا. ", 10)
	})
	a := appOn(t, c, 80, 24)
	corpusSearchFor(t, a, "كوريا")
	p := a.results.prog
	if p.hits != docs*10 || p.docs != docs || p.searched != docs {
		t.Fatalf("progress %+v, want %d hits in %d documents", p, docs*10, docs)
	}
	if len(a.results.hits) != maxListedHits || p.listed != maxListedHits {
		t.Fatalf("%d hits listed (%d reported), want the cap %d", len(a.results.hits), p.listed, maxListedHits)
	}
	perDoc := map[int]int{}
	for _, h := range a.results.hits {
		perDoc[h.doc]++
		if h.of != 10 {
			t.Fatalf("hit %+v does not count its document's 10 hits", h)
		}
	}
	for d, n := range perDoc {
		if n > maxHitsPerDoc {
			t.Fatalf("document %d has %d hits listed, over %d", d, n, maxHitsPerDoc)
		}
	}
	if !strings.Contains(screen(a), fmt.Sprintf("%d listed", maxListedHits)) {
		t.Errorf("the head line does not say only some are listed:\n%s", screen(a))
	}
}

func TestCorpusSearchStopsWhenCancelled(t *testing.T) {
	c := writeCorpus(t, 50, func(i int) string { return "كوريا" })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f := &searchFeed{wake: make(chan struct{}, 1), done: make(chan struct{})}
	f.run(ctx, c, "كوريا")
	msg := f.wait(1)().(corpusProgressMsg)
	if !msg.finished || msg.prog.searched != 0 || msg.next != nil {
		t.Fatalf("a cancelled search went on: %+v", msg)
	}
}

func TestClosingTheHitsListStopsTheSearch(t *testing.T) {
	c := writeCorpus(t, 2000, func(i int) string { return strings.Repeat("نص بلا ما يبحث عنه ", 20) + "كوريا" })
	a := appOn(t, c, 80, 24)
	pressKey(t, a, a.keys.Search)
	typeText(t, a, "كوريا")
	msg, _ := walkKeyMsg(a.keys.SearchCorpus.Keys()[0])
	_, cmd := a.Update(msg) // the search's commands are not run yet: it is running
	if !a.results.running {
		t.Fatal("the list does not say the search runs")
	}
	if !strings.Contains(screen(a), "searching") {
		t.Errorf("no progress shown while the search runs:\n%s", screen(a))
	}
	pressKey(t, a, a.keys.ResultClose)
	if a.mode != modeNormal || a.results.running || !a.results.stopped {
		t.Fatalf("closing the list: mode %d, running %v, stopped %v", a.mode, a.results.running, a.results.stopped)
	}
	drive(t, a, cmd) // the worker's last report arrives after the stop
	if a.results.running || !a.results.stopped {
		t.Fatal("a report after the stop made the search run again")
	}
	if s := a.results.prog.searched; s > c.Len() {
		t.Fatalf("searched %d of %d", s, c.Len())
	}
	if !strings.Contains(a.results.status(), "stopped, ") {
		t.Errorf("status %q does not say the search stopped", a.results.status())
	}
}

func TestCorpusSearchOfAnEmptyQuerySaysWhatToDo(t *testing.T) {
	a := newTestApp(t, 80, 24)
	pressKey(t, a, a.keys.Search)
	pressKey(t, a, a.keys.SearchCorpus)
	if a.mode == modeResults || !a.isError || !strings.Contains(a.status, "type what to search") {
		t.Fatalf("empty corpus search: mode %d, status %q", a.mode, a.status)
	}
	pressKey(t, a, a.keys.CorpusResults)
	if a.mode == modeResults || !strings.Contains(a.status, "no corpus search yet") {
		t.Fatalf("hits list before any search: mode %d, status %q", a.mode, a.status)
	}
}

func TestSearchPromptHintFollowsARebinding(t *testing.T) {
	km := DefaultKeyMap()
	if err := km.Rebind(map[string][]string{"search_corpus": {"ctrl+a"}, "history_prev": {"ctrl+k"}}); err != nil {
		t.Fatal(err)
	}
	a := New(Options{Corpus: model.Sample(), CorpusName: "sample", Annotator: "test", Keys: km})
	drive(t, a, a.Init())
	resize(t, a, 100, 24)
	searchFor(t, a, "كوريا")
	pressKey(t, a, a.keys.Search)
	lines := strings.Split(screen(a), "\n")
	if hint := lines[len(lines)-2]; !strings.Contains(hint, "ctrl+a every document") || !strings.Contains(hint, "ctrl+k earlier") {
		t.Fatalf("the prompt's hint does not name the rebound keys: %q", hint)
	}
	pressKey(t, a, a.keys.HistoryPrev)
	if a.input.Value() != "كوريا" {
		t.Fatalf("the rebound history key gave %q", a.input.Value())
	}
	pressKey(t, a, a.keys.SearchCorpus)
	if a.mode != modeResults || a.results.prog.hits == 0 {
		t.Fatalf("the rebound corpus search key: mode %d, %+v", a.mode, a.results)
	}
}

func TestCorpusSearchNamesADocumentItCannotRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.jsonl")
	lines := []string{`{"id":"a","text":"كوريا"}`, `{"id":"b","text":"كوريا"}`, `{"id":"c","text":"كوريا"}`}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := model.Open([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	// warnings rebound: the head line names the key the user has, not the default.
	km := DefaultKeyMap()
	if err := km.Rebind(map[string][]string{"warnings": {"W"}}); err != nil {
		t.Fatal(err)
	}
	a := New(Options{Corpus: c, CorpusName: "test", Annotator: "test", Keys: km})
	drive(t, a, a.Init())
	resize(t, a, 80, 24)
	// The third line, which no pane shows, changes under the reader (same length, no
	// longer JSON).
	lines[2] = strings.Repeat("x", len(lines[2]))
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	corpusSearchFor(t, a, "كوريا")
	if p := a.results.prog; p.failed != 1 || p.hits != 2 {
		t.Fatalf("progress %+v, want 2 hits and 1 unreadable document", p)
	}
	if !strings.Contains(screen(a), "1 unreadable (W lists them)") {
		t.Errorf("the head line does not count the unreadable document:\n%s", screen(a))
	}
	if w := strings.Join(a.warnings, "\n"); !strings.Contains(w, "c.jsonl:3") {
		t.Errorf("the warnings do not name the file and line: %q", w)
	}
}
