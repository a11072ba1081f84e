package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations/suggest"
	"github.com/hashiya/hashiya/model"
)

// matchCorpus writes a JSONL corpus of several matching batches made of the sample's
// words, with escapes, ids of every kind, a broken line and invalid UTF-8.
func matchCorpus(t *testing.T) string {
	t.Helper()
	c := model.Sample()
	defer c.Close()
	var words []string
	for i := range c.Len() {
		d, err := c.Load(i)
		if err != nil {
			t.Fatal(err)
		}
		words = append(words, strings.Fields(d.Text.String())...)
	}
	rng := rand.New(rand.NewPCG(7, 8))
	var b bytes.Buffer
	for i := range 3000 {
		var text strings.Builder
		for range 1 + rng.IntN(400) {
			text.WriteString(words[rng.IntN(len(words))])
			text.WriteString([]string{" ", " ", " ", "\n", "\u200c", "\xff "}[rng.IntN(6)])
		}
		q, _ := json.Marshal(text.String())
		switch i % 100 {
		case 0:
			fmt.Fprintf(&b, "{\"text\": %s}\n", q)
		case 1:
			fmt.Fprintf(&b, "{\"id\": %d, \"text\": %s, \"meta\": {\"a\": 1}}\n", i, q)
		case 2:
			b.WriteString("{\"id\": \"broken\"\n")
		default:
			fmt.Fprintf(&b, "{\"id\": \"d%d\", \"text\": %s}\n", i, q)
		}
	}
	p := filepath.Join(t.TempDir(), "c.jsonl")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// loadedMatches is what match printed before it streamed: each document as Load
// gives it, matched and written in index order.
func loadedMatches(t *testing.T, path string, m *suggest.Matcher) string {
	t.Helper()
	c, err := model.Open([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	var buf []byte
	for i := range c.Len() {
		d, err := c.Load(i)
		if err != nil {
			t.Fatal(err)
		}
		text := []rune(d.Text.String())
		for _, x := range m.Match(text) {
			buf = appendMatchLine(buf, d.ID, x, text[x.Start:x.End])
		}
	}
	return string(buf)
}

// TestMatchOutputIsTheSameWithOneOrTwoWorkersAndAsLoad: streaming and matching on
// several goroutines prints exactly what matching each loaded document did.
func TestMatchOutputIsTheSameWithOneOrTwoWorkersAndAsLoad(t *testing.T) {
	corpus := matchCorpus(t)
	m, _, err := loadPatterns(samplePatterns, suggest.Options{Proclitics: true})
	if err != nil {
		t.Fatal(err)
	}
	want := loadedMatches(t, corpus, m)
	if strings.Count(want, "\n") < 1000 {
		t.Fatalf("only %d matches: the corpus does not test much", strings.Count(want, "\n"))
	}
	docs := func(fn func(model.StreamDoc) error) ([]model.Warning, error) {
		return model.Stream([]string{corpus}, fn)
	}
	for _, workers := range []int{1, 2, 3} {
		var out bytes.Buffer
		ws, err := writeMatches(t.Context(), &out, docs, m, workers)
		if err != nil {
			t.Fatal(err)
		}
		if out.String() != want {
			t.Errorf("%d workers: the output differs from matching loaded documents (%d bytes, want %d)", workers, out.Len(), len(want))
		}
		if len(ws) == 0 {
			t.Errorf("%d workers: no warnings about the broken lines", workers)
		}
	}
	out, _, err := run(t, newMatchCmd(), "--patterns", samplePatterns, corpus)
	if err != nil || out != want {
		t.Errorf("hashiya match: %v, output the same: %v", err, out == want)
	}
}
