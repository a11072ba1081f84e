package segment

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

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
