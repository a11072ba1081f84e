package tui

import (
	"context"
	"flag"
	"runtime"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/model"
)

var benchSearchCorpus = flag.String("search.corpus", "", "corpus for BenchmarkCorpusSearch (default: 2,000 documents made from the sample)")

// BenchmarkCorpusSearch runs the corpus-wide search's worker over a whole corpus, as the
// reader does, for a word most documents hold and for one none holds; it reports the
// documents searched a second and the heap in use once the hits are collected. With
// -search.corpus=FILE (the 200,000-document corpus of bench/corpus/run.sh) it measures
// that corpus, already indexed.
func BenchmarkCorpusSearch(b *testing.B) {
	c := benchSearchOpen(b)
	for _, q := range []string{"کشور", "zzzz"} {
		b.Run(q, func(b *testing.B) {
			var prog searchProgress
			var listed int
			for b.Loop() {
				f := &searchFeed{wake: make(chan struct{}, 1), done: make(chan struct{})}
				f.run(context.Background(), c, q)
				msg := f.wait(0)().(corpusProgressMsg)
				prog, listed = msg.prog, len(msg.hits)
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "MB-heap")
				runtime.KeepAlive(msg)
			}
			b.ReportMetric(float64(prog.searched)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
			b.ReportMetric(float64(prog.hits), "hits")
			b.ReportMetric(float64(listed), "listed")
		})
	}
}

func benchSearchOpen(b *testing.B) *model.Corpus {
	if *benchSearchCorpus != "" {
		c, err := model.Open([]string{*benchSearchCorpus})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { c.Close() })
		if err := c.Wait(context.Background()); err != nil {
			b.Fatal(err)
		}
		return c
	}
	s := model.Sample()
	var texts []string
	for i := 0; i < s.Len(); i++ {
		d, err := s.Load(i)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, strings.ReplaceAll(d.Text.String(), "\n", " "))
	}
	return writeCorpus(b, 2000, func(i int) string { return texts[i%len(texts)] })
}
