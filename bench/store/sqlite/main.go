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
	"bytes"
	"context"
	"database/sql"
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
	"runtime/pprof"
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
	editOnly := flag.String("edit", "", "internal: time edits on this database, idle and while an export streams")
	annotator := flag.String("annotator", "editor", "with -edit: the annotator who edits")
	exporter := flag.String("exporter", "inproc", "with -edit: what runs during the second half: inproc (WriteTraining in this process, as the reader does), process (hashiya export in another process), hold (a read transaction held open, doing nothing), none")
	ref := flag.String("ref", "", "a second bench binary (built at another commit) whose edits are timed in turns with this one's")
	rounds := flag.Int("rounds", 3, "with -ref: turns of each")
	cpuprofile := flag.String("cpuprofile", "", "with -edit: write a CPU profile of the edits while exporting")
	tuitest := flag.String("tuitest", "", "the tui package's test binary (go test -c ./tui): key→frame while an export streams, at the largest size")
	readerOnly := flag.String("reader", "", "with -tuitest: only the reader's first frame, RSS and key→frame on this database")
	gen := flag.Int("gen", 0, "write a Prodigy file of this many annotated documents to -out, and stop")
	genOut := flag.String("out", "", "with -gen: the file")
	flag.Parse()
	texts := benchtext.Load(*corpus)
	switch {
	case *openOnly != "":
		measureOpen(*openOnly)
		return
	case *readerOnly != "":
		if *dir == "" {
			*dir = filepath.Dir(*readerOnly)
		}
		readerFirstFrame(*bin, *readerOnly, *dir)
		keyFrameDuringExport(*tuitest, *readerOnly)
		return
	case *editOnly != "":
		editWhileExporting(*editOnly, *bin, *annotator, *exporter, *cpuprofile, texts, *edits)
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
	fs := strings.Split(*sizes, ",")
	for i, f := range fs {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			log.Fatal(err)
		}
		tt := ""
		if i == len(fs)-1 {
			tt = *tuitest
		}
		measure(*bin, *ref, tt, *dir, texts, n, *edits, *rounds)
	}
}

func measure(bin, ref, tuitest, dir string, texts []string, n, edits, rounds int) {
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
	// Edits in a process of their own, so that the builds compared run the
	// same way; in turns with the reference build when there is one.
	builds := []string{os.Args[0]}
	if ref != "" {
		builds = append(builds, ref)
	} else {
		rounds = 1
	}
	for r := range rounds {
		for i, b := range builds {
			who := "this build"
			if i > 0 {
				who = "REF"
			}
			cmd := exec.Command(b, "-edit", path, "-hashiya", bin, "-annotator", fmt.Sprintf("editor%d%c", r, 'a'+i), "-edits", strconv.Itoa(edits))
			cmd.Stderr = os.Stderr
			out, err := cmd.Output()
			if err != nil {
				log.Fatalf("%s: %v", b, err)
			}
			if ref != "" {
				fmt.Printf("  [%s, round %d]\n", who, r+1)
			}
			fmt.Print(string(out))
		}
	}
	if tuitest != "" {
		readerFirstFrame(bin, path, dir)
		keyFrameDuringExport(tuitest, path)
	}
	os.Remove(path)
}

// readerFirstFrame starts the reader on the database in tmux at 240x60 (the
// embedded sample corpus, a new annotator) and times it until its status bar
// names the database; then its peak RSS.
func readerFirstFrame(bin, path, dir string) {
	rdir, err := os.MkdirTemp(dir, "reader-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(rdir)
	sock := filepath.Join(rdir, "tmux.sock")
	defer exec.Command("tmux", "-S", sock, "kill-server").Run()
	out := filepath.Join(rdir, "reader.jsonl")
	t0 := time.Now()
	// The shell stays after the reader, to show why it ended.
	cmd := exec.Command("tmux", "-S", sock, "-f", "/dev/null", "new-session", "-d", "-x", "240", "-y", "60",
		"-e", "XDG_STATE_HOME="+rdir, "-e", "XDG_CONFIG_HOME="+rdir,
		bin+" --db "+path+" --out "+out+" --annotator reader; echo EXITED=$?; sleep 60")
	if b, err := cmd.CombinedOutput(); err != nil {
		log.Fatalf("tmux: %v\n%s", err, b)
	}
	want := []byte(filepath.Base(path))
	for {
		scr, _ := exec.Command("tmux", "-S", sock, "capture-pane", "-p", "-t", "0").Output()
		if bytes.Contains(scr, want) {
			break
		}
		if bytes.Contains(scr, []byte("EXITED=")) || time.Since(t0) > 20*time.Second {
			log.Fatalf("the reader did not show %s in 20 s:\n%s", want, scr)
		}
		time.Sleep(2 * time.Millisecond)
	}
	took := time.Since(t0)
	time.Sleep(500 * time.Millisecond) // start-up work after the first frame counts for RSS
	sh, _ := exec.Command("tmux", "-S", sock, "display-message", "-p", "-t", "0", "#{pane_pid}").Output()
	pid, _ := exec.Command("pgrep", "-P", strings.TrimSpace(string(sh))).Output() // the reader, under the shell
	rss := "unknown"
	if b, err := os.ReadFile("/proc/" + strings.TrimSpace(string(pid)) + "/status"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
				rss = strings.TrimSpace(v)
			}
		}
	}
	fmt.Printf("  reader in tmux at 240x60 on this database: first frame %v (from starting tmux), peak RSS %s\n", took.Round(time.Millisecond), rss)
}

// keyFrameDuringExport runs the tui's BenchmarkKeyFrameDuringExport on the
// database: keys through the App while its training file is exported in the
// same process.
func keyFrameDuringExport(tuitest, path string) {
	cmd := exec.Command(tuitest, "-test.run", "-", "-test.bench", "KeyFrameDuringExport", "-test.benchtime", "400x")
	cmd.Env = append(os.Environ(), "HASHIYA_BENCH_DB="+path)
	cmd.Dir = "tui" // the test binary reads its testdata beside it
	b, err := cmd.CombinedOutput()
	if err != nil {
		log.Fatalf("%s: %v\n%s", tuitest, err, b)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(l, "BenchmarkKeyFrameDuringExport") {
			continue
		}
		f := strings.Fields(l)
		m := map[string]string{}
		for i := 2; i+1 < len(f); i += 2 {
			m[f[i+1]] = f[i]
		}
		fmt.Printf("  key→frame (Update + View, 240x60) while an export streams in the same process, %s keys: median %s ms, p99 %s ms, max %s ms; App to first frame on this database %s ms\n",
			f[1], m["key-median-ms"], m["key-p99-ms"], m["key-max-ms"], m["first-frame-ms"])
	}
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

var errStopped = errors.New("stopped")

// stopWriter discards what it is given, and fails once stop is set.
type stopWriter struct{ stop *atomic.Bool }

func (w stopWriter) Write(p []byte) (int, error) {
	if w.stop.Load() {
		return 0, errStopped
	}
	return len(p), nil
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// editWhileExporting times edits by another annotator on the imported
// database, idle and then while exports of the whole database stream
// (or, to tell causes apart, while another process exports, or while a
// read transaction is merely held open).
func editWhileExporting(path, bin, annotator, exporter, cpuprofile string, texts []string, edits int) {
	db, err := store.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	s, err := db.Session(annotator)
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	report("idle", editLoop(s, texts, edits, 0))
	var stop atomic.Bool
	exported := make(chan int)
	what := "while an export of the database streams"
	switch exporter {
	case "inproc":
		go func() {
			n := 0
			for !stop.Load() {
				// Stopped when the edits are done, rather than waited for.
				_, err := db.WriteTraining(stopWriter{&stop})
				if errors.Is(err, errStopped) {
					break
				} else if err != nil {
					log.Fatal(err)
				}
				n++
			}
			exported <- n
		}()
	case "process":
		what = "while another process exports the database"
		cmd := exec.Command(bin, "export", "--format", "prodigy", "--db", path)
		if err := cmd.Start(); err != nil {
			log.Fatal(err)
		}
		go func() { cmd.Wait(); exported <- 1 }()
		defer cmd.Process.Kill()
		time.Sleep(200 * time.Millisecond) // its read transaction has begun
	case "hold":
		what = "while a read transaction is held open"
		tx, err := sql.Open("sqlite", path)
		if err != nil {
			log.Fatal(err)
		}
		defer tx.Close()
		conn, err := tx.Conn(context.Background())
		if err != nil {
			log.Fatal(err)
		}
		conn.ExecContext(context.Background(), "BEGIN")
		var n int
		conn.QueryRowContext(context.Background(), "SELECT count(*) FROM doc_state").Scan(&n)
		defer conn.Close()
		go func() { exported <- 0 }()
	default:
		what = "idle again"
		go func() { exported <- 0 }()
	}
	if cpuprofile != "" {
		f, err := os.Create(cpuprofile)
		if err != nil {
			log.Fatal(err)
		}
		pprof.StartCPUProfile(f)
	}
	busy := editLoop(s, texts, edits, 1000)
	pprof.StopCPUProfile()
	stop.Store(true)
	report(fmt.Sprintf("%s (%d finished)", what, <-exported), busy)
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
