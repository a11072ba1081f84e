package layout

import (
	"bytes"
	"runtime"
	"testing"

	"github.com/hashiya/hashiya/bench/render/mixgen"
	"github.com/hashiya/hashiya/text/doctext"
)

// lazyBenchText is about 50 MB of generated news as one paragraph (lines joined by spaces).
func lazyBenchText(b *testing.B) []rune {
	var buf bytes.Buffer
	mixgen.New(1).Write(&buf, 50<<20, 60)
	return []rune(string(bytes.ReplaceAll(buf.Bytes(), []byte{'\n'}, []byte{' '})))
}

// BenchmarkLazyOpen opens a 50 MB one-line paragraph and lays out its first screen, as the
// reader does; it reports the heap in use after that (retained-MB, the text included: the
// paragraph keeps it) and per code point.
func BenchmarkLazyOpen(b *testing.B) {
	text := lazyBenchText(b)
	opts := Options{Width: 80, Align: true}
	b.ReportAllocs()
	var ms runtime.MemStats
	var lp *LazyParagraph
	for b.Loop() {
		lp = nil
		runtime.GC()
		lp = NewLazyParagraph(text, 0, opts)
		for k := 0; k < 50; k++ {
			lp.Line(k)
		}
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	text = nil
	runtime.GC()
	var ms2 runtime.MemStats
	runtime.ReadMemStats(&ms2)
	b.ReportMetric(float64(ms2.HeapInuse)/(1<<20), "retained-MB")
	b.ReportMetric(float64(ms2.HeapInuse)/float64(lp.End()-lp.Start()), "retained-B/cp")
	runtime.KeepAlive(lp)
}

// BenchmarkTextParagraphOpen is BenchmarkLazyOpen for a TextParagraph on the UTF-8 text: the
// byte scan, then the first screen in windows; retained-MB counts the text (50 MB) too.
func BenchmarkTextParagraphOpen(b *testing.B) {
	s := string(lazyBenchText(b))
	t := doctext.New(s)
	opts := Options{Width: 80, Align: true}
	b.ReportAllocs()
	var tp *TextParagraph
	for b.Loop() {
		tp = nil
		runtime.GC()
		tp = NewTextParagraph(t, Range{0, t.Len()}, opts)
		for k := 0; k < 50; k++ {
			tp.Line(k)
		}
	}
	b.StopTimer()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "retained-MB")
	b.ReportMetric(float64(len(s))/(1<<20), "text-MB")
	if !tp.Windowed() {
		b.Fatal("the generated text is not laid out in windows")
	}
	runtime.KeepAlive(tp)
}

// BenchmarkTextParagraphWrapAll finds every line of the 50 MB paragraph (a jump to its end).
func BenchmarkTextParagraphWrapAll(b *testing.B) {
	t := doctext.New(string(lazyBenchText(b)))
	opts := Options{Width: 80, Align: true}
	tp := NewTextParagraph(t, Range{0, t.Len()}, opts)
	for b.Loop() {
		tp = tp.WithOptions(opts)
		tp.NumLines()
	}
}

// BenchmarkTextScan is the byte scan of a TextParagraph, on 50 MB (run to the end, as a jump
// to the end of the document runs it).
func BenchmarkTextScan(b *testing.B) {
	t := doctext.New(string(lazyBenchText(b)))
	b.SetBytes(int64(len(t.String())))
	for b.Loop() {
		newTextScan(t, Range{0, t.Len()}).scanTo(t.Len())
	}
}
