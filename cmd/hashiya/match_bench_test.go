package main

import (
	"context"
	"io"
	"os"
	"runtime"
	"testing"

	"github.com/hashiya/hashiya/annotations/suggest"
	"github.com/hashiya/hashiya/model"
)

// BenchmarkMatchCorpus is `hashiya match` without the process: the sample corpus and
// the sample's pattern file, or the corpus and pattern file that MATCH_CORPUS and
// MATCH_PATTERNS name (absolute paths: the test runs in its package's directory), for
// a profile of the whole pass, for example
//
//	d=$(mktemp -d); MATCH_CORPUS=$PWD/bench/out/corpus.jsonl MATCH_PATTERNS=$PWD/bench/out/patterns.jsonl \
//	  go test -run - -bench MatchCorpus -benchtime 1x -cpuprofile $d/cpu.prof -o $d/hashiya.test ./cmd/hashiya
func BenchmarkMatchCorpus(b *testing.B) {
	patterns := os.Getenv("MATCH_PATTERNS")
	if patterns == "" {
		patterns = "../../annotations/suggest/testdata/treaty.patterns.jsonl"
	}
	m, _, err := loadPatterns(patterns, suggest.Options{Proclitics: true})
	if err != nil {
		b.Fatal(err)
	}
	docs := docStream(model.StreamSample)
	if corpus := os.Getenv("MATCH_CORPUS"); corpus != "" {
		docs = func(fn func(model.StreamDoc) error) ([]model.Warning, error) {
			return model.Stream([]string{corpus}, fn)
		}
		if fi, err := os.Stat(corpus); err == nil {
			b.SetBytes(fi.Size())
		}
	}
	for b.Loop() {
		if _, err := writeMatches(context.Background(), io.Discard, docs, m, runtime.GOMAXPROCS(0)); err != nil {
			b.Fatal(err)
		}
	}
}
