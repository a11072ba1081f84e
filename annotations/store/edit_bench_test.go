package store

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/internal/pgtest"
)

// BenchmarkEditDurable measures edit→durable (Apply of a label change on
// one document, committed) on each backend, with the median and p99.
func BenchmarkEditDurable(b *testing.B) {
	for _, be := range []struct{ name, target string }{
		{"sqlite", ""}, {"postgres", "pg"},
	} {
		b.Run(be.name, func(b *testing.B) {
			target := filepath.Join(b.TempDir(), "bench.db")
			if be.target == "pg" {
				target = pgtest.URL(b)
			}
			db, err := Open(target)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			s, err := db.Session("bench")
			if err != nil {
				b.Fatal(err)
			}
			ch, err := s.Apply(annotations.AddSpan{Doc: docA, Label: "GPE", Start: 0, End: 3})
			if err != nil {
				b.Fatal(err)
			}
			labels := []string{"NORP", "GPE"}
			var took []time.Duration
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				t0 := time.Now()
				if _, err := s.Apply(annotations.SetLabel{Doc: docA.ID, Span: ch.Span.ID, Label: labels[i%2]}); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(t0))
			}
			slices.Sort(took)
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			b.ReportMetric(ms(took[len(took)/2]), "p50-ms")
			b.ReportMetric(ms(took[len(took)*99/100]), "p99-ms")
		})
	}
}
