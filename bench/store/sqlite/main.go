// Command sqlite measures the SQLite store (annotations/store): edit →
// durable latency (Apply returns only after the commit), idle and while
// exports stream; Open time and peak RSS with many annotated documents,
// each opened in a fresh process; and export throughput.
//
//	go run ./bench/store/sqlite [-edits 10000] [-docs 10000,50000] [-dir DIR] [-corpus DIR]
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/store"
)

func main() {
	edits := flag.Int("edits", 10000, "scripted edits to time")
	docsFlag := flag.String("docs", "10000,50000", "annotated-document counts to measure Open and RSS at")
	dir := flag.String("dir", "", "directory for the databases (default: a temp dir under TMPDIR)")
	corpus := flag.String("corpus", "model/sample/treaty", "directory of .txt articles used as document texts")
	openOnly := flag.String("open", "", "internal: open this database, load one document, print time and peak RSS")
	prof := flag.String("cpuprofile", "", "write a CPU profile of the whole run")
	flag.Parse()
	if *prof != "" {
		f, err := os.Create(*prof)
		if err != nil {
			log.Fatal(err)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	if *openOnly != "" {
		measureOpen(*openOnly)
		return
	}
	texts := loadTexts(*corpus)
	if *dir == "" {
		d, err := os.MkdirTemp("", "hashiya-bench-sqlite-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(d)
		*dir = d
	}

	// 1. Edit → durable, idle and while exports stream.
	db, err := store.Open(filepath.Join(*dir, "edits.db"))
	if err != nil {
		log.Fatal(err)
	}
	s, err := db.Session("bench")
	if err != nil {
		log.Fatal(err)
	}
	generate(s, texts, 50, 1000, 1000) // documents to export meanwhile
	idle := editLoop(s, texts, *edits, 5000)
	report("idle", idle)
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
	busy := editLoop(s, texts, *edits, 6000)
	stop.Store(true)
	report(fmt.Sprintf("while exports stream (%d exports of 1,000 records)", <-exported), busy)
	s.Close()
	db.Close()

	// 2. Open and RSS with many annotated documents; export throughput.
	for _, f := range strings.Split(*docsFlag, ",") {
		if strings.TrimSpace(f) == "" {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			log.Fatal(err)
		}
		path := filepath.Join(*dir, fmt.Sprintf("docs-%d.db", n))
		db, err := store.Open(path)
		if err != nil {
			log.Fatal(err)
		}
		s, err := db.Session("bench")
		if err != nil {
			log.Fatal(err)
		}
		t0 := time.Now()
		generate(s, texts, 0, n, 500)
		gen := time.Since(t0)
		t0 = time.Now()
		out := filepath.Join(*dir, fmt.Sprintf("docs-%d.jsonl", n))
		st, err := db.ExportTraining(out)
		if err != nil {
			log.Fatal(err)
		}
		exp := time.Since(t0)
		s.Close()
		db.Close()
		os.Remove(out)
		fi, _ := os.Stat(path)
		fmt.Printf("%d annotated documents (3 spans + 1 claim each, batches of 500 documents): generated in %v; database %.0f MB\n",
			n, gen.Round(time.Millisecond), float64(fi.Size())/1e6)
		fmt.Printf("  export: %d records, %.0f MB in %v (%.0f MB/s)\n", st.Records, float64(st.Bytes)/1e6,
			exp.Round(time.Millisecond), float64(st.Bytes)/1e6/exp.Seconds())
		cmd := exec.Command(os.Args[0], "-open", path)
		cmd.Stderr = os.Stderr
		b, err := cmd.Output()
		if err != nil {
			log.Fatal(err)
		}
		fmt.Print("  ", string(b))
	}
}

// measureOpen runs in a fresh process: Open, a session, one document.
func measureOpen(path string) {
	t0 := time.Now()
	db, err := store.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	s, err := db.Session("bench")
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

// generate annotates documents from..from+n (3 spans and a claim each)
// through ApplyAll, batch documents per transaction.
func generate(s *store.Session, texts []string, from, n, batch int) {
	toks := map[string][]annotations.Token{}
	var ops []annotations.Op
	flush := func() {
		if _, err := s.ApplyAll(ops); err != nil {
			log.Fatal(err)
		}
		ops = ops[:0]
	}
	for i := from; i < from+n; i++ {
		d := doc(texts, i)
		tk, ok := toks[d.Text]
		if !ok {
			tk = annotations.Tokenize(d.Text)
			toks[d.Text] = tk
		}
		for k := 0; k < 3; k++ {
			t := tk[(i+k*13)%len(tk)]
			ops = append(ops, annotations.AddSpan{Doc: d, Label: "GPE", Start: t.Start, End: t.End})
		}
		ops = append(ops, annotations.AddClaim{Doc: d, Start: tk[0].Start, End: tk[5].End})
		if (i-from+1)%batch == 0 {
			flush()
		}
	}
	if len(ops) > 0 {
		flush()
	}
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
	fmt.Printf("edit → durable (committed), %s, %d edits: median %v, p99 %v, max %v\n", what,
		len(lat), lat[len(lat)/2].Round(time.Microsecond), lat[len(lat)*99/100].Round(time.Microsecond), lat[len(lat)-1].Round(time.Microsecond))
}

func loadTexts(dir string) []string {
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	var texts []string
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil && len(b) > 100 {
			texts = append(texts, string(b))
		}
	}
	if len(texts) == 0 { // no corpus: a synthetic ~4 KB article
		t := ""
		for len(t) < 4000 {
			t += "وقع الرئيس الروسي فلاديمير بوتين معاهدة الدفاع المشترك مع كوريا الشمالية. "
		}
		texts = []string{t}
	}
	return texts
}
