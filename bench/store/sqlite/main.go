// Command sqlite measures the SQLite store as hashiya uses it, at several
// project sizes: a Prodigy file of N annotated documents (3 spans and an
// answer each) is generated, brought in with `hashiya import --db`, and
// then measured: import time and peak RSS, Open in a fresh process, edit →
// durable (Apply returns after the commit) idle and while an export
// streams, and `hashiya export --db` throughput and peak RSS.
//
//	go run ./bench/store/sqlite -hashiya BIN [-sizes 1000,10000,50000] [-edits 2000] [-dir DIR]
//	go run ./bench/store/sqlite -gen N -out FILE   # the generator alone
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"github.com/hashiya/hashiya/bench/internal/benchtext"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/store"
)

func main() {
	bin := flag.String("hashiya", "", "the hashiya binary to import and export with")
	sizes := flag.String("sizes", "1000,10000,50000", "annotated-document counts")
	edits := flag.Int("edits", 2000, "edits timed, idle and again while an export streams")
	dir := flag.String("dir", "", "directory for the files (default: a temp dir under TMPDIR)")
	corpus := flag.String("corpus", "model/sample/treaty", "directory of .txt articles used as document texts")
	openOnly := flag.String("open", "", "internal: open this database, load one document, print time and peak RSS")
	gen := flag.Int("gen", 0, "write a Prodigy file of this many annotated documents to -out, and stop")
	genOut := flag.String("out", "", "with -gen: the file")
	flag.Parse()
	texts := benchtext.Load(*corpus)
	switch {
	case *openOnly != "":
		measureOpen(*openOnly)
		return
	case *gen > 0:
		if err := generate(*genOut, texts, *gen); err != nil {
			log.Fatal(err)
		}
		return
	case *bin == "":
		log.Fatal("give -hashiya BIN")
	}
	if *dir == "" {
		d, err := os.MkdirTemp("", "hashiya-bench-sqlite-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(d)
		*dir = d
	}
	for _, f := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			log.Fatal(err)
		}
		measure(*bin, *dir, texts, n, *edits)
	}
}

func measure(bin, dir string, texts []string, n, edits int) {
	file := filepath.Join(dir, fmt.Sprintf("prodigy-%d.jsonl", n))
	path := filepath.Join(dir, fmt.Sprintf("project-%d.db", n))
	if err := generate(file, texts, n); err != nil {
		log.Fatal(err)
	}
	fi, _ := os.Stat(file)
	took, rss := runTool(io.Discard, bin, "import", "--db", path, file)
	os.Remove(file)
	db, _ := os.Stat(path)
	fmt.Printf("%d annotated documents (3 spans and an answer each; Prodigy file %.0f MB; database %.0f MB)\n",
		n, float64(fi.Size())/1e6, float64(db.Size())/1e6)
	fmt.Printf("  hashiya import --db: %v, peak RSS %d MB\n", took.Round(time.Millisecond), rss>>10)
	cmd := exec.Command(os.Args[0], "-open", path)
	cmd.Stderr = os.Stderr
	b, err := cmd.Output()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print("  ", string(b))
	var cw countWriter
	took, rss = runTool(&cw, bin, "export", "--format", "prodigy", "--db", path)
	fmt.Printf("  hashiya export --db (prodigy, to a pipe): %.0f MB in %v (%.0f MB/s), peak RSS %d MB\n",
		float64(cw.n)/1e6, took.Round(time.Millisecond), float64(cw.n)/1e6/took.Seconds(), rss>>10)
	editWhileExporting(path, texts, edits)
	os.Remove(path)
}

// runTool runs hashiya with args, its standard output to w, and returns
// the wall time and the peak RSS in KB.
func runTool(w io.Writer, bin string, args ...string) (time.Duration, int64) {
	cmd := exec.Command(bin, args...)
	cmd.Stdout = w
	var stderr strings.Builder
	cmd.Stderr = &stderr
	t0 := time.Now()
	if err := cmd.Run(); err != nil {
		log.Fatalf("hashiya %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	took := time.Since(t0)
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if ru == nil {
		return took, 0
	}
	return took, ru.Maxrss
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// editWhileExporting times edits by another annotator on the imported
// database, idle and then while exports of the whole database stream.
func editWhileExporting(path string, texts []string, edits int) {
	db, err := store.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	s, err := db.Session("editor")
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	report("idle", editLoop(s, texts, edits, 0))
	var stop atomic.Bool
	exported := make(chan int)
	go func() {
		n := 0
		for !stop.Load() {
			if _, err := db.WriteTraining(io.Discard); err != nil {
				log.Fatal(err)
			}
			n++
		}
		exported <- n
	}()
	busy := editLoop(s, texts, edits, 1000)
	stop.Store(true)
	report(fmt.Sprintf("while an export of the database streams (%d exports finished)", <-exported), busy)
}

// generate writes n Prodigy lines: a document (the corpus texts in turn),
// three token spans and an answer, by one annotator.
func generate(path string, texts []string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	toks := map[string][]annotations.Token{}
	labels := []string{"PERSON", "ORG", "GPE"}
	type span struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Label string `json:"label"`
	}
	type line struct {
		Text      string            `json:"text"`
		Meta      map[string]string `json:"meta"`
		Spans     []span            `json:"spans"`
		Answer    string            `json:"answer"`
		Annotator string            `json:"_annotator_id"`
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range n {
		d := doc(texts, i)
		tk, ok := toks[d.Text]
		if !ok {
			tk = annotations.Tokenize(d.Text)
			toks[d.Text] = tk
		}
		l := line{Text: d.Text, Meta: map[string]string{"id": d.ID, "lang": "ar"}, Answer: "accept", Annotator: "gen"}
		for k := range 3 {
			t := tk[(i+k*13)%len(tk)]
			if slices.ContainsFunc(l.Spans, func(s span) bool { return s.Start == t.Start }) {
				continue
			}
			l.Spans = append(l.Spans, span{t.Start, t.End, labels[k]})
		}
		if err := enc.Encode(l); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// measureOpen runs in a fresh process: Open, a session, one document.
func measureOpen(path string) {
	t0 := time.Now()
	db, err := store.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	s, err := db.Session("gen")
	if err != nil {
		log.Fatal(err)
	}
	if _, err := s.Doc(docID(0)); err != nil {
		log.Fatal(err)
	}
	took := time.Since(t0)
	s.Close()
	db.Close()
	fmt.Printf("Open + session + first document in a new process: %v, peak RSS %s\n", took.Round(time.Microsecond), peakRSS())
}

func peakRSS() string {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

func docID(i int) string { return fmt.Sprintf("doc-%06d", i) }

func doc(texts []string, i int) annotations.DocInfo {
	return annotations.DocInfo{ID: docID(i), Text: texts[i%len(texts)], Lang: "ar"}
}

// editLoop makes the edit mix an annotator produces (mostly new spans, some
// resizes, undos and redos, on a handful of documents) and times each
// Apply that wrote something.
func editLoop(s *store.Session, texts []string, edits, base int) []time.Duration {
	labels := []string{"PERSON", "ORG", "GPE"}
	lat := make([]time.Duration, 0, edits)
	for i := 0; len(lat) < edits && i < 20*edits; i++ {
		d := doc(texts, base+i%50)
		toks := annotations.Tokenize(d.Text)
		t := toks[(i*7)%len(toks)]
		var op annotations.Op = annotations.AddSpan{Doc: d, Label: labels[(i/1000)%3], Start: t.Start, End: t.End}
		switch i % 10 {
		case 7: // grow the last span by a token
			if v, err := s.Doc(d.ID); err == nil && len(v.Spans) > 0 {
				sp := v.Spans[len(v.Spans)-1]
				for _, next := range toks {
					if next.Start >= sp.End {
						op = annotations.Resize{Doc: d.ID, Span: sp.ID, Start: sp.Start, End: next.End}
						break
					}
				}
			}
		case 8:
			op = annotations.Undo{Doc: d.ID}
		case 9:
			op = annotations.Redo{Doc: d.ID}
		}
		t0 := time.Now()
		_, err := s.Apply(op)
		if err == nil {
			lat = append(lat, time.Since(t0))
		} else if !errors.Is(err, annotations.ErrUnchanged) && !errors.Is(err, annotations.ErrUnknownDoc) &&
			!strings.HasPrefix(err.Error(), "nothing to") && !strings.Contains(err.Error(), "already") {
			log.Fatalf("edit %d: %v", i, err)
		}
	}
	return lat
}

func report(what string, lat []time.Duration) {
	slices.Sort(lat)
	fmt.Printf("  edit → durable (committed), %s, %d edits: median %v, p99 %v, max %v\n", what,
		len(lat), lat[len(lat)/2].Round(time.Microsecond), lat[len(lat)*99/100].Round(time.Microsecond), lat[len(lat)-1].Round(time.Microsecond))
}
