package tui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/store"
	"github.com/hashiya/hashiya/model"
)

// BenchmarkKeyFrameDuringExport times one key (down and up in turn) through Update,
// its commands and View, three panes at 240x60, while the project's training file is
// exported in a loop beside it in the same process, as the reader's background export
// runs. HASHIYA_BENCH_DB names a project database (bench/store/run.sh passes its
// 50,000-document one); without it a small one is made. It reports the median, p99
// and worst key, and how long the App took to its first frame on that database.
//
//	go test -run - -bench KeyFrameDuringExport -benchtime 400x ./tui
func BenchmarkKeyFrameDuringExport(b *testing.B) {
	path := os.Getenv("HASHIYA_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "project.db")
		smallProject(b, path, 300)
	}
	out := filepath.Join(b.TempDir(), "annotations.jsonl")
	t := &testing.T{}
	t0 := time.Now()
	db, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	sess, err := db.Session(fmt.Sprintf("reader-%d", os.Getpid()))
	if err != nil {
		b.Fatal(err)
	}
	defer sess.Close()
	a := New(Options{Corpus: model.Sample(), CorpusName: "bench", Annotator: sess.Annotator(), Session: sess,
		Export: func() error { _, err := db.ExportTraining(out); return err }})
	drive(t, a, a.Init())
	resize(t, a, 240, 60)
	_ = a.View()
	first := time.Since(t0)

	var stop atomic.Bool
	exports := make(chan int)
	go func() {
		n := 0
		for !stop.Load() {
			if _, err := db.WriteTraining(stopAt{&stop}); err != nil && !errors.Is(err, errStop) {
				panic(err)
			}
			n++
		}
		exports <- n
	}()
	time.Sleep(100 * time.Millisecond) // the export is under way
	keys := []string{a.keys.Down.Keys()[0], a.keys.Up.Keys()[0]}
	var lat []time.Duration
	for i := 0; b.Loop(); i++ {
		k0 := time.Now()
		press(t, a, keys[i%2])
		_ = a.View()
		lat = append(lat, time.Since(k0))
	}
	stop.Store(true)
	n := <-exports
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1e3 }
	b.ReportMetric(ms(lat[len(lat)/2]), "key-median-ms")
	b.ReportMetric(ms(lat[len(lat)*99/100]), "key-p99-ms")
	b.ReportMetric(ms(lat[len(lat)-1]), "key-max-ms")
	b.ReportMetric(ms(first), "first-frame-ms")
	b.ReportMetric(float64(n), "exports")
}

var errStop = errors.New("stopped")

// stopAt discards an export, and fails it once stop is set.
type stopAt struct{ stop *atomic.Bool }

func (w stopAt) Write(p []byte) (int, error) {
	if w.stop.Load() {
		return 0, errStop
	}
	return len(p), nil
}

// smallProject makes a database of n annotated documents (the sample's texts).
func smallProject(b *testing.B, path string, n int) {
	db, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	s, err := db.Session("gen")
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	c := model.Sample()
	var ops []annotations.Op
	for i := range n {
		d, err := c.Load(i % c.Len())
		if err != nil {
			b.Fatal(err)
		}
		info := annotations.DocInfo{ID: fmt.Sprintf("doc-%06d", i), Text: d.Text.String(), Lang: "ar"}
		toks := annotations.Tokenize(info.Text)
		for k := range 3 {
			tk := toks[(i+k*13)%len(toks)]
			ops = append(ops, annotations.AddSpan{Doc: info, Label: "GPE", Start: tk.Start, End: tk.End})
		}
	}
	if _, err := s.ApplyAll(ops); err != nil {
		b.Fatal(err)
	}
}
