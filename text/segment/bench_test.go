package segment

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rivo/uniseg"
)

func corpus(b *testing.B) []string {
	files, _ := filepath.Glob(filepath.Join("..", "layout", "testdata", "corpus", "*.txt"))
	if len(files) == 0 {
		b.Fatal("no corpus files")
	}
	var docs []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, string(data))
	}
	return docs
}

// BenchmarkSegmentCorpus segments the five sample articles (what Tokenize costs).
func BenchmarkSegmentCorpus(b *testing.B) {
	docs := corpus(b)
	b.SetBytes(int64(len(strings.Join(docs, ""))))
	for b.Loop() {
		for _, d := range docs {
			String(d)
		}
	}
}

// BenchmarkUAX29Corpus is plain UAX #29 words over the same text, the tokenization
// records had before this package, for comparison.
func BenchmarkUAX29Corpus(b *testing.B) {
	docs := corpus(b)
	b.SetBytes(int64(len(strings.Join(docs, ""))))
	for b.Loop() {
		for _, d := range docs {
			state, rest := -1, d
			for len(rest) > 0 {
				_, rest, state = uniseg.FirstWordInString(rest, state)
			}
		}
	}
}

// BenchmarkAt is the word under the cursor in the middle of a long paragraph (one
// label key or one resize key).
func BenchmarkAt(b *testing.B) {
	text := []rune(strings.Repeat("وقالت كييف إن كوريا الشمالية نشرت حوالى 10,000 جندي. ", 300))
	for b.Loop() {
		At(text, len(text)/2)
	}
}

// BenchmarkParagraph16k segments a 16,384-code-point paragraph, the longest the reader
// lays out as one unit (one w or b press at worst).
func BenchmarkParagraph16k(b *testing.B) {
	text := []rune(strings.Repeat("وقالت كييف إن كوريا الشمالية نشرت حوالى 10,000 جندي. ", 400))[:16384]
	for b.Loop() {
		Runes(text)
	}
}

// BenchmarkSegmenterVsAround cuts the window around every word of the sample articles
// with a reused Segmenter (A) and with Around (B), in turns in the same run, and
// reports both per window and their ratio.
func BenchmarkSegmenterVsAround(b *testing.B) {
	var texts [][]rune
	for _, d := range corpus(b) {
		texts = append(texts, []rune(d))
	}
	var sr Segmenter
	var a, o time.Duration
	n := 0
	for b.Loop() {
		t0 := time.Now()
		for _, text := range texts {
			for i := 0; i < len(text); i += 7 {
				ws, we := Window(text, i)
				sr.Runes(text, ws, we)
			}
		}
		t1 := time.Now()
		for _, text := range texts {
			for i := 0; i < len(text); i += 7 {
				Around(text, i)
			}
		}
		a, o = a+t1.Sub(t0), o+time.Since(t1)
		for _, text := range texts {
			n += (len(text) + 6) / 7
		}
	}
	b.ReportMetric(float64(a.Nanoseconds())/float64(n), "segmenter-ns/window")
	b.ReportMetric(float64(o.Nanoseconds())/float64(n), "around-ns/window")
	b.ReportMetric(float64(a)/float64(o), "ratio")
}
