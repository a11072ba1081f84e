package model

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// streamed collects what Stream yields.
func streamed(t *testing.T, run func(func(StreamDoc) error) ([]Warning, error)) ([]StreamDoc, []Warning) {
	t.Helper()
	var docs []StreamDoc
	ws, err := run(func(d StreamDoc) error { docs = append(docs, d); return nil })
	if err != nil {
		t.Fatal(err)
	}
	return docs, ws
}

// sameAsLoad checks that docs are c's documents as Load gives them, and that ws are
// the warnings the corpus has once every document is loaded.
func sameAsLoad(t *testing.T, c *Corpus, docs []StreamDoc, ws []Warning) {
	t.Helper()
	if len(docs) != c.Len() {
		t.Fatalf("Stream gave %d documents, Open %d", len(docs), c.Len())
	}
	for i, got := range docs {
		d := load(t, c, i)
		if got.ID != d.ID || string(got.Text) != d.Text.String() {
			t.Errorf("document %d: Stream gave %q %q, Load %q %q", i, got.ID, string(got.Text), d.ID, d.Text.String())
		}
	}
	want := c.Warnings()
	key := func(w Warning) string { return w.String() + fmt.Sprint(w.Offset) }
	a, b := make([]string, 0, len(ws)), make([]string, 0, len(want))
	for _, w := range ws {
		a = append(a, key(w))
	}
	for _, w := range want {
		b = append(b, key(w))
	}
	slices.Sort(a)
	slices.Sort(b)
	if !slices.Equal(a, b) {
		t.Errorf("warnings:\nStream %q\nLoad   %q", a, b)
	}
}

func TestStreamGivesTheSampleAsLoad(t *testing.T) {
	docs, ws := streamed(t, StreamSample)
	c := Sample()
	defer c.Close()
	if err := c.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	sameAsLoad(t, c, docs, ws)
}

// Escapes, surrogate pairs (whole, lone, reversed), invalid UTF-8 in ids and texts,
// ids of every kind, broken and blank lines, a BOM, a text file and a gzip file.
func TestStreamGivesWhatLoadGives(t *testing.T) {
	dir := t.TempDir()
	lines := []string{
		"\xEF\xBB\xBF" + `{"id": "a", "text": "كوريا 😀 الشمالية\nبوتين \"قال\" \\ \/ \b\f\r\t"}`,
		`{"text": "no id \u0628\u0648\u062a\u064a\u0646"}`,
		`{"id": 12345678901234567, "text": "pair \ud83d\ude00 lone \ud83d x \ude00 rev \ude00\ud83d hi\ud83d\u0041 end\ud83d"}`,
		`{"id": true, "text": "id of another type"}`,
		"{\"id\": \"b\xff\xfe\", \"text\": \"bad \xed\xa0\x80 bytes \xe2\x82 here\", \"meta\": {\"x\": 1}}",
		"{\"id\": \"j\", \"text\": \"bad \xe2\x82 and escaped \\n\"}",
		``,
		`   `,
		`{"id": "c", "text": "first", "text": "last wins"}`,
		`{"id": "d", "text": ""}`,
		`{"id": "e", "text": "NUL \u0000 here"}`,
		`not json`,
		`{"id": "f"}`,
		`{"id": "g", "text": 5}`,
		`[1, 2]`,
		`{"id": "h\u00e9\n", "text": "escaped id", "id": "i"}`,
		`{"id": -1.5e3, "text":"tight"}`,
	}
	write(t, dir, "a.jsonl", []byte(strings.Join(lines, "\n")+"\n"))
	write(t, dir, "b.txt", []byte("\xEF\xBB\xBFplain text\r\nwith \xff a bad byte\x00"))
	write(t, dir, "c.txt", nil)
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"معاهدة", "روسيا", "کره\u200cای", "شمالی", `\"`, `\n`, `\ud83d\ude00`, `\u0041`, "\xff", "٢٠٢٤"}
	for i := range 300 {
		var b strings.Builder
		for range 1 + rng.IntN(50) {
			b.WriteString(words[rng.IntN(len(words))] + " ")
		}
		fmt.Fprintf(zw, "{\"id\": \"z%d\", \"text\": \"%s\"}\n", i, b.String())
	}
	zw.Close()
	write(t, dir, "d.jsonl.gz", z.Bytes())
	write(t, dir, "e.bin", []byte{1})
	docs, ws := streamed(t, func(fn func(StreamDoc) error) ([]Warning, error) { return Stream([]string{dir}, fn) })
	sameAsLoad(t, open(t, dir), docs, ws)
}

func TestStreamFailsWhenNothingIsReadable(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "x.jsonl", []byte("not json\n"))
	_, err := Stream([]string{p}, func(StreamDoc) error { return nil })
	_, oerr := Open([]string{p})
	if err == nil || oerr == nil || err.Error() != oerr.Error() {
		t.Fatalf("Stream: %v; Open: %v", err, oerr)
	}
}
