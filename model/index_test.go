package model

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeJSONL writes n documents of about size bytes each, like bench/corpus/gen.
func writeJSONL(tb testing.TB, n, size int) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), "bench.jsonl")
	var b strings.Builder
	text := strings.Repeat("وقع الرئيس الروسي معاهدة الدفاع المشترك مع كوريا الشمالية. ", size/110+1)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `{"id": "doc-%06d", "text": %q, "meta": {"n": %d}}`+"\n", i, text, i)
	}
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

// BenchmarkIndexJSONL measures the background indexing of a 30 MB JSONL file
// (bench/corpus/run.sh does the same at 600 MB).
func BenchmarkIndexJSONL(b *testing.B) {
	p := writeJSONL(b, 10000, 3000)
	st, _ := os.Stat(p)
	b.SetBytes(st.Size())
	for b.Loop() {
		c, err := Open([]string{p})
		if err != nil {
			b.Fatal(err)
		}
		c.Wait(context.Background())
		if c.Len() != 10000 {
			b.Fatalf("Len %d", c.Len())
		}
		c.Close()
	}
}

// BenchmarkLoadJSONL measures Load of a 3 KB document not in the cache.
func BenchmarkLoadJSONL(b *testing.B) {
	p := writeJSONL(b, 1000, 3000)
	c, err := Open([]string{p})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	c.Wait(context.Background())
	i := 0
	for b.Loop() {
		if _, err := c.Load(i); err != nil {
			b.Fatal(err)
		}
		i = (i + 37) % 1000 // visits all 1000 before coming back: never cached
	}
}

// Open must return before a large file is indexed, and Len must grow to the end.
func TestIndexInBackground(t *testing.T) {
	p := writeJSONL(t, 20000, 200)
	c, err := Open([]string{p})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.Len() == 0 {
		t.Fatal("no document when Open returned")
	}
	if d, err := c.Load(0); err != nil || d.ID != "doc-000000" {
		t.Fatalf("Load(0) = %v, %v", d, err)
	}
	prev := 0
	for done := false; !done; {
		ch := c.Changed()
		var n int
		done, n, _, _ = c.Indexing()
		if n < prev {
			t.Fatalf("Len went from %d to %d", prev, n)
		}
		prev = n
		<-ch
	}
	done, n, read, total := c.Indexing()
	if !done || n != 20000 || read != total || c.Title(19999) != "doc-019999" {
		t.Errorf("Indexing = %v %d %d/%d, last title %q", done, n, read, total, c.Title(19999))
	}
	if d, err := c.Load(19999); err != nil || d.Source != p+":20000" {
		t.Errorf("Load(19999) = %v, %v", d, err)
	}
}

// Close while indexing must stop the indexer and not leak it.
func TestCloseWhileIndexing(t *testing.T) {
	p := writeJSONL(t, 20000, 200)
	c, err := Open([]string{p})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_ = c.Wait(ctx) // must not hang
}
