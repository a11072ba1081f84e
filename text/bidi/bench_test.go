package bidi

import (
	"strings"
	"testing"
)

// newsText is a long mixed Arabic/Latin paragraph typical of our corpora.
var newsText = []rune(strings.Repeat("تاريخ النشر: 10th, November 2024 GMT. قال المتحدث باسم الوزارة (Reuters) إن "+
	"٣٤٥ شخصاً و۱۲۳ آخرين [see https://example.com/news?id=42] حضروا الاجتماع «في القاهرة» اليوم، "+
	"وأضاف أن نسبة 25.5% من المشاركين جاؤوا من Europe and North Africa. ", 40))

func benchmarkResolve(b *testing.B, reuse bool) {
	var p Paragraph
	var order []int
	b.SetBytes(int64(len(string(newsText))))
	b.ReportAllocs()
	for b.Loop() {
		if reuse {
			p.SetText(newsText, Auto)
			order = p.AppendVisualOrder(order[:0], 0, len(newsText), true)
		} else {
			q := New(newsText, Auto)
			order = q.VisualOrder(0, len(newsText), true)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(newsText)), "ns/char")
}

func BenchmarkNewVisualOrder(b *testing.B)   { benchmarkResolve(b, false) }
func BenchmarkReuseVisualOrder(b *testing.B) { benchmarkResolve(b, true) }

func BenchmarkClassOf(b *testing.B) {
	var n int
	for b.Loop() {
		for _, r := range newsText {
			n += int(ClassOf(r))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(newsText)), "ns/char")
	_ = n
}
