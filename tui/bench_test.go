package tui

import (
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/hashiya/hashiya/model"
)

// benchApp is three panes at 240x60, the layout the benchmark target names.
func benchApp(b *testing.B, withAnnotations bool) *App {
	t := &testing.T{}
	opts := Options{Corpus: model.Sample(), CorpusName: "bench", Annotator: "bench", ExportEvery: time.Millisecond}
	if withAnnotations {
		st, err := openSession(b, filepath.Join(b.TempDir(), "a.jsonl"), "bench")
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
		opts.Session = st
	}
	a := New(opts)
	drive(t, a, a.Init())
	resize(t, a, 240, 60)
	a.panes = a.panes[:3]
	a.sizePanes()
	if withAnnotations {
		// A span on every other word of the first screen of each pane, and a claim.
		for range a.panes {
			for i := 0; i < 60; i++ {
				press(t, a, "w")
				if i%2 == 0 {
					press(t, a, "1")
				}
			}
			press(t, a, "g", "tab")
		}
	}
	a.View() // warm the layout cache, as the second frame of a session would be
	return a
}

// BenchmarkView measures one frame: three panes of Arabic/Persian text at 240x60.
func BenchmarkView(b *testing.B) {
	a := benchApp(b, false)
	b.ReportAllocs()
	for b.Loop() {
		_ = a.View()
	}
}

// BenchmarkViewAnnotated is the same frame with entity spans drawn in colour.
func BenchmarkViewAnnotated(b *testing.B) {
	a := benchApp(b, true)
	b.ReportAllocs()
	for b.Loop() {
		_ = a.View()
	}
}

// BenchmarkViewAfterScroll includes laying out the newly exposed lines.
func BenchmarkViewAfterScroll(b *testing.B) {
	a := benchApp(b, false)
	t := &testing.T{}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if i%40 == 0 {
			press(t, a, "g")
		}
		press(t, a, "j")
		_ = a.View()
	}
}

// BenchmarkPickerKey is one keystroke in the "o" picker over 200,000 titles: the query
// alternates between growing by one letter (incremental) and being retyped (a full search).
func BenchmarkPickerKey(b *testing.B) {
	a := manyTitlesApp(b, 200000, func(i int) string { return fmt.Sprintf("prodigy-%06d-%x", i, i*2654435761%99991) })
	t := &testing.T{}
	t0 := time.Now()
	press(t, a, a.keys.OpenDoc.Keys()[0]) // builds the title index, once
	open := time.Since(t0)
	queries := []string{"1", "12", "12a", "2", "2f", "2f0"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		a.picker.input.SetValue(queries[i%len(queries)])
		a.picker.filter(a)
	}
	b.ReportMetric(float64(open.Microseconds())/1e3, "open-ms")
}

// BenchmarkPickerKeyTitles is BenchmarkPickerKey over 200,000 Arabic news documents: the
// keys hold ids, headlines and meta, and Arabic queries match most of them at first.
func BenchmarkPickerKeyTitles(b *testing.B) {
	heads := []string{"بوتين يوقع معاهدة الدفاع المشترك مع كوريا الشمالية", "سيول: كوريا الشمالية نشرت حوالى 10 آلاف جندي في روسيا",
		"پیمان دفاعی روسیه و کره شمالی اجرایی شد", "الكرملين ينفي إرسال قوات إلى أوكرانيا عبر بيونغ يانغ"}
	a := manyDocsApp(b, 200000, func(i int) string {
		return fmt.Sprintf(`{"id":"treaty-%06d","text":"%s %d\n\nنص الخبر","meta":{"source":"src%d","date":"2024-06-%02d"}}`,
			i, heads[i%len(heads)], i, i%97, i%28+1)
	})
	t := &testing.T{}
	heap := func() float64 {
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return float64(ms.HeapAlloc) / 1e6
	}
	before := heap()
	t0 := time.Now()
	press(t, a, a.keys.OpenDoc.Keys()[0]) // reads every title, once
	open := time.Since(t0)
	pickerMB := heap() - before
	queries := []string{"ك", "كو", "كوريا", "م", "مع", "معاهده"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		a.picker.input.SetValue(queries[i%len(queries)])
		a.picker.filter(a)
	}
	b.ReportMetric(float64(open.Microseconds())/1e3, "open-ms")
	b.ReportMetric(pickerMB, "picker-MB")
}
