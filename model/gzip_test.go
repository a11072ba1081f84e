package model

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// gzipLines writes n JSONL lines as a gzip stream of the given members, and returns
// the stream and each line's text.
func gzipLines(t *testing.T, n, members int) ([]byte, []string) {
	t.Helper()
	rng := rand.New(rand.NewPCG(5, 6))
	words := []string{"معاهدة", "روسيا", "کره", "شمالی", "Pyongyang", "treaty", "٢٠٢٤"}
	var out bytes.Buffer
	var texts []string
	zw := gzip.NewWriter(&out)
	for i := range n {
		if i > 0 && i%(n/members) == 0 && members > 1 {
			zw.Close()
			zw = gzip.NewWriter(&out)
		}
		var b strings.Builder
		for range 20 + rng.IntN(200) {
			b.WriteString(words[rng.IntN(len(words))] + " ")
		}
		fmt.Fprintf(&b, "%d", i)
		texts = append(texts, b.String())
		fmt.Fprintf(zw, "{\"id\": \"d%d\", \"text\": %q}\n", i, b.String())
	}
	zw.Close()
	return out.Bytes(), texts
}

// A far jump in a .jsonl.gz corpus once decompressed everything before the document.
func TestGzipFarJumpDecompressesFromTheNearestCheckpoint(t *testing.T) {
	z, texts := gzipLines(t, 20000, 1) // about 20 MB decompressed
	c := open(t, write(t, t.TempDir(), "big.jsonl.gz", z))
	s := c.sources[0]
	s.mu.Lock()
	cps := len(s.checkpoints)
	s.mu.Unlock()
	if cps < 3 {
		t.Fatalf("%d checkpoints over %d documents", cps, len(texts))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, i := range append([]int{len(texts) - 1, 0, len(texts) / 2, len(texts)/2 + 1}, rng.Perm(len(texts))[:40]...) {
		if d := load(t, c, i); d.Text.String() != texts[i] {
			t.Fatalf("doc %d: %.40q…, want %.40q…", i, d.Text.String(), texts[i])
		}
		s.mu.Lock()
		skipped := s.skipped
		s.mu.Unlock()
		// A checkpoint lies at the first block boundary after every checkpointEvery
		// bytes; Go's blocks here hold well under 1 MB.
		if skipped > checkpointEvery+1<<20 {
			t.Fatalf("doc %d: decompressed %d bytes before it", i, skipped)
		}
	}
}

// Concatenated members (cat a.gz b.gz) read as one stream, a jump landing in any member.
func TestGzipMembers(t *testing.T) {
	z, texts := gzipLines(t, 9000, 3)
	c := open(t, write(t, t.TempDir(), "cat.jsonl.gz", z))
	if c.Len() != len(texts) {
		t.Fatalf("Len %d, want %d", c.Len(), len(texts))
	}
	for _, i := range []int{8999, 2999, 3000, 6001, 1} {
		if d := load(t, c, i); d.Text.String() != texts[i] {
			t.Fatalf("doc %d: %.40q…", i, d.Text.String())
		}
	}
}
