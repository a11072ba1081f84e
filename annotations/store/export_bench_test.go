package store

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashiya/hashiya/annotations"
)

// BenchmarkWriteTraining exports a project of annotated documents (the
// sample corpus's texts, 3 spans and an answer each); with -benchmem its
// allocations per export are what drives the garbage collector while an
// export streams beside edits.
func BenchmarkWriteTraining(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "model", "sample", "treaty", "*.txt"))
	var texts []string
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			texts = append(texts, string(b))
		}
	}
	if len(texts) == 0 {
		b.Fatal("no sample texts")
	}
	db, err := Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	s, err := db.Session("bench")
	if err != nil {
		b.Fatal(err)
	}
	const docs = 200
	var ops []annotations.Op
	for i := range docs {
		d := annotations.DocInfo{ID: fmt.Sprintf("doc-%04d", i), Text: texts[i%len(texts)], Lang: "ar"}
		toks := annotations.Tokenize(d.Text)
		for k := range 3 {
			t := toks[(i+k*13)%len(toks)]
			ops = append(ops, annotations.AddSpan{Doc: d, Label: "GPE", Start: t.Start, End: t.End})
		}
		ops = append(ops, annotations.Answer{Doc: d.ID, Answer: annotations.AnswerAccept})
	}
	if _, err := s.ApplyAll(ops); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var bytes int64
	for b.Loop() {
		st, err := db.WriteTraining(io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		bytes = st.Bytes
	}
	b.SetBytes(bytes)
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*docs), "µs/record")
}
