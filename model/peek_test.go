package model

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPeekReadsEveryDocumentWithoutEvictingTheCache(t *testing.T) {
	var b strings.Builder
	n := lruDocs + 8
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "{\"id\":\"d%d\",\"text\":\"خبر رقم %d\"}\n", i, i)
	}
	path := filepath.Join(t.TempDir(), "c.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Open([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	shown, err := c.Load(0)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		d, err := c.Peek(i)
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("خبر رقم %d", i); d.Text.String() != want || d.ID != fmt.Sprintf("d%d", i) {
			t.Fatalf("Peek(%d) = %q %q", i, d.ID, d.Text.String())
		}
	}
	if c.cache.get(0) != shown {
		t.Fatal("a pass of Peek over the corpus evicted the document the reader showed")
	}
	if _, err := c.Peek(n); err == nil {
		t.Fatal("Peek past the end gave no error")
	}
}
