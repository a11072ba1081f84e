package annotations

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func tokenTexts(toks []Token) string {
	var out []string
	for _, t := range toks {
		out = append(out, t.Text)
	}
	return strings.Join(out, "|")
}

func TestTokenizeUsesTheReadersWords(t *testing.T) {
	got := tokenTexts(Tokenize("بلغ 10,000 و٣٫٥ في 2024-06-19، don't می‌خواهم https://x.org/a."))
	want := "بلغ|10,000|و٣٫٥|في|2024-06-19|،|don't|می‌خواهم|https://x.org/a|."
	if got != want {
		t.Fatalf("tokens\n got %s\nwant %s", got, want)
	}
}

func TestAlignTokensLeavesItsInputAlone(t *testing.T) {
	toks := Tokenize("وواشنطن")
	spans := []Span{{Start: 1, End: 7}}
	out := alignTokens(toks, spans, nil)
	if tokenTexts(toks) != "وواشنطن" || tokenTexts(out) != "و|واشنطن" || spans[0].TokenStart != 1 || spans[0].TokenEnd != 1 {
		t.Fatalf("in %v out %v span %+v", toks, out, spans[0])
	}
}

// BenchmarkTokenize tokenizes the five sample articles of the layout tests.
func BenchmarkTokenize(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "text", "layout", "testdata", "corpus", "*.txt"))
	var docs []string
	size := 0
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs, size = append(docs, string(d)), size+len(d)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, d := range docs {
			Tokenize(d)
		}
	}
}
