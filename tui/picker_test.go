package tui

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashiya/hashiya/model"
)

// manyTitlesApp is a reader on a JSONL corpus of n documents whose ids title(i) gives.
func manyTitlesApp(tb testing.TB, n int, title func(int) string) *App {
	tb.Helper()
	return manyDocsApp(tb, n, func(i int) string { return fmt.Sprintf("{\"id\":%q,\"text\":\"x\"}", title(i)) })
}

// manyDocsApp is a reader on a JSONL corpus of n documents, line(i) the JSON of each.
func manyDocsApp(tb testing.TB, n int, line func(int) string) *App {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "many.jsonl")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for i := range n {
		fmt.Fprintln(w, line(i))
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
	c, err := model.Open([]string{path})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { c.Close() })
	if err := c.Wait(context.Background()); err != nil {
		tb.Fatal(err)
	}
	t := &testing.T{}
	a := New(Options{Corpus: c, CorpusName: "many", Annotator: "test", ExportEvery: time.Millisecond})
	drive(t, a, a.Init())
	resize(t, a, 120, 40)
	return a
}

// naivePick is the picker's specification: every key (search key of the id, title and
// meta), the query's runes in order greedily from the left, or as a substring; score
// (last-first) + first/4 in code points, the smaller of the two; stable by score.
func naivePick(a *App, query string) []int {
	q := []rune(model.SearchKey(strings.TrimSpace(query)))
	type hit struct{ doc, score int }
	var hits []hit
	for d := 0; d < a.corpus.Len(); d++ {
		s := []rune(a.titles.key[d])
		if a.titles.coded[d] {
			s = []rune(a.titles.coder.decode(a.titles.key[d]))
		}
		qi, first, last := 0, -1, -1
		for i, r := range s {
			if qi < len(q) && r == q[qi] {
				if first < 0 {
					first = i
				}
				last, qi = i, qi+1
			}
		}
		if qi < len(q) {
			continue
		}
		score := 0
		if len(q) > 0 {
			score = (last - first) + first/4
			for i := 0; i+len(q) <= len(s); i++ {
				if string(s[i:i+len(q)]) == string(q) {
					score = min(score, len(q)-1+i/4)
					break
				}
			}
		}
		hits = append(hits, hit{d, score})
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].score < hits[j].score })
	out := []int{}
	for _, h := range hits {
		out = append(out, h.doc)
	}
	return out
}

// The picker once searched only the first 50,000 titles of a large corpus.
func TestPickerSearchesBeyondFirst50000Titles(t *testing.T) {
	const n = 60001
	a := manyTitlesApp(t, n, func(i int) string {
		if i == n-1 {
			return "needle"
		}
		return fmt.Sprintf("doc-%06d", i)
	})
	press(t, a, a.keys.OpenDoc.Keys()[0])
	typeText(t, a, "needle")
	if !slices.Equal(a.picker.items, []int{n - 1}) {
		t.Fatalf("picker found %v, want only document %d", a.picker.items, n-1)
	}
	if s := screen(a); !strings.Contains(s, "1 of 60001 documents") || strings.Contains(s, "searched") {
		t.Fatalf("picker header wrong:\n%s", s)
	}
}

// Filtering incrementally (only the previous hits when the query grows) must give what a
// full search gives, through typing, deleting and retyping, with Arabic titles too.
func TestPickerIncrementalFilterMatchesFullSearch(t *testing.T) {
	words := []string{"Treaty", "معاهدة", "pyongyang", "Kim-Jong", "موسكو", "TASS_report"}
	a := manyTitlesApp(t, 3000, func(i int) string {
		return fmt.Sprintf("%s %d %s", words[i%len(words)], i, words[(i/7)%len(words)])
	})
	press(t, a, a.keys.OpenDoc.Keys()[0])
	check := func(step string) {
		t.Helper()
		want := naivePick(a, a.picker.input.Value())
		if !slices.Equal(a.picker.items, want) {
			t.Fatalf("%s: query %q: picker has %d items %v..., full search %d %v...", step, a.picker.input.Value(),
				len(a.picker.items), a.picker.items[:min(5, len(a.picker.items))], len(want), want[:min(5, len(want))])
		}
	}
	check("open")
	for _, r := range "y 1" {
		typeText(t, a, string(r))
		check("type")
	}
	press(t, a, "backspace", "backspace")
	check("delete")
	typeText(t, a, "م")
	check("arabic")
	press(t, a, "backspace", "backspace")
	check("delete all")
	typeText(t, a, "KIM")
	check("upper case")
}

// Past 128 distinct code points, keys stay UTF-8: both kinds of key match as specified.
func TestPickerCodedAndUTF8KeysMatchAlike(t *testing.T) {
	a := manyTitlesApp(t, 600, func(i int) string {
		return fmt.Sprintf("%c%c خبر %d كوريا", rune(0x4E00+i%300), rune(0x4E00+(i*7)%300), i)
	})
	press(t, a, a.keys.OpenDoc.Keys()[0])
	coded, plain := 0, 0
	for _, c := range a.titles.coded {
		if c {
			coded++
		} else {
			plain++
		}
	}
	if coded == 0 || plain == 0 {
		t.Fatalf("%d coded and %d UTF-8 keys: the test needs both", coded, plain)
	}
	for _, q := range []string{"كوريا", "خبر 1", "1", "ر1", string(rune(0x4E00 + 250)), string(rune(0x4E00+5)) + "خ"} {
		a.picker.input.SetValue(q)
		a.picker.filter(a)
		if want := naivePick(a, q); !slices.Equal(a.picker.items, want) {
			t.Fatalf("query %q: picker %v..., full search %v...", q, a.picker.items[:min(5, len(a.picker.items))], want[:min(5, len(want))])
		}
	}
}
