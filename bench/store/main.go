// Command store measures the annotation store: latency from an edit call to
// its journal line being fsync'd (the call returns only then), and the time
// of one atomic Flush of the annotations file.
//
//	go run ./bench/store [-edits 10000] [-docs 10000] [-dir DIR] [-corpus DIR]
package main

import (
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/journal"
	"github.com/hashiya/hashiya/bench/internal/benchtext"
)

func main() {
	edits := flag.Int("edits", 10000, "scripted edits to time")
	docs := flag.Int("docs", 10000, "documents annotated before timing Flush")
	dir := flag.String("dir", "", "directory for the files (default: a temp dir on the same disk as TMPDIR)")
	corpus := flag.String("corpus", "model/sample/treaty", "directory of .txt articles used as document texts")
	prof := flag.String("cpuprofile", "", "write a CPU profile of the Flush phase")
	flag.Parse()

	texts := benchtext.Load(*corpus)
	if *dir == "" {
		d, err := os.MkdirTemp("", "hashiya-bench-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(d)
		*dir = d
	}
	out := filepath.Join(*dir, "annotations.jsonl")
	s, err := journal.Open(journal.StoreOptions{Out: out, Annotator: "bench"})
	if err != nil {
		log.Fatal(err)
	}

	// 1. Edit → durable. The edit mix an annotator produces: mostly new
	// spans, some resizes, removals and undos, on a handful of documents.
	doc := func(i int) annotations.DocInfo {
		return annotations.DocInfo{ID: fmt.Sprintf("doc-%05d", i), Text: texts[i%len(texts)], Lang: "ar"}
	}
	lat := make([]time.Duration, 0, *edits)
	for i := 0; i < *edits; i++ {
		d := doc(i % 50)
		toks := annotations.Tokenize(d.Text)
		t := toks[(i*7)%len(toks)]
		t0 := time.Now()
		switch i % 10 {
		case 7: // grow the last span by a token (the same extent would be a no-op)
			if v, _ := s.Doc(d.ID); len(v.Spans) > 0 {
				sp := v.Spans[len(v.Spans)-1]
				for _, next := range toks {
					if next.Start >= sp.End {
						_, err = s.ResizeSpan(d.ID, sp.ID, sp.Start, next.End)
						break
					}
				}
			}
		case 8:
			err = s.Undo(d.ID)
		case 9:
			err = s.Redo(d.ID)
		default:
			_, err = s.AddSpan(d, "PERSON", t.Start, t.End)
		}
		if !errors.Is(err, annotations.ErrUnchanged) { // a no-op writes nothing: not an edit
			lat = append(lat, time.Since(t0))
		}
		if err != nil && !isNothingToDo(err) {
			log.Fatalf("edit %d: %v", i, err)
		}
	}
	slices.Sort(lat)
	fmt.Printf("edit → durable (journal fsync'd), %d edits: median %v, p99 %v, max %v\n",
		len(lat), lat[len(lat)/2].Round(time.Microsecond), lat[len(lat)*99/100].Round(time.Microsecond), lat[len(lat)-1].Round(time.Microsecond))

	// 2. Flush with many annotated documents (3 spans + 1 claim each).
	t0 := time.Now()
	for i := 50; i < *docs; i++ {
		d := doc(i)
		toks := annotations.Tokenize(d.Text)
		for k := 0; k < 3; k++ {
			t := toks[(i+k*13)%len(toks)]
			s.AddSpan(d, "GPE", t.Start, t.End)
		}
		s.AddClaim(d, toks[0].Start, toks[5].End)
	}
	setup := time.Since(t0)
	if *prof != "" {
		f, err := os.Create(*prof)
		if err != nil {
			log.Fatal(err)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	t0 = time.Now()
	if err := s.Flush(); err != nil {
		log.Fatal(err)
	}
	full := time.Since(t0)
	st, _ := os.Stat(out)
	s.AddSpan(doc(1), "ORG", 0, 3)
	t0 = time.Now()
	if err := s.Flush(); err != nil {
		log.Fatal(err)
	}
	incr := time.Since(t0)
	fmt.Printf("annotating %d documents (4 durable edits each): %v\n", *docs-50, setup.Round(time.Millisecond))
	t0 = time.Now()
	if err := s.Flush(); err != nil {
		log.Fatal(err)
	}
	noop := time.Since(t0)
	fmt.Printf("atomic Flush, %d documents, %.0f MB: first %v, after one edit %v, nothing changed %v\n",
		*docs, float64(st.Size())/1e6, full.Round(time.Millisecond), incr.Round(time.Millisecond), noop.Round(time.Microsecond))
	if err := s.Close(); err != nil {
		log.Fatal(err)
	}
	jst, _ := os.Stat(filepath.Join(out+".journal", "bench.jsonl"))
	if *prof != "" {
		pprof.StopCPUProfile()
		f, _ := os.Create(*prof + ".open")
		pprof.StartCPUProfile(f)
	}
	t0 = time.Now()
	s, err = journal.Open(journal.StoreOptions{Out: out, Annotator: "bench"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Open (replay %.0f MB journal, read the annotations file): %v\n", float64(jst.Size())/1e6, time.Since(t0).Round(time.Millisecond))
	s.Close()
}

// isNothingToDo: undo/redo with an empty history, or on an untouched doc; an edit
// that would change nothing (the same label again, the same extent).
func isNothingToDo(err error) bool {
	return errors.Is(err, annotations.ErrUnknownDoc) || errors.Is(err, annotations.ErrUnchanged) ||
		strings.HasPrefix(err.Error(), "nothing to")
}
