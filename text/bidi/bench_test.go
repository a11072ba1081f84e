package bidi

import (
	"strings"
	"testing"
	"unicode/utf8"
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

// BenchmarkRender10MB mirrors `fribidi --nopad --nobreak` on 10 MB of news lines:
// decode UTF-8, resolve each line as a paragraph, reorder (L2, L3), mirror and
// encode the visual line.
func BenchmarkRender10MB(b *testing.B) {
	sentence := string(newsText[:len(newsText)/40])
	var lines []string
	for size := 0; size < 10<<20; {
		l := strings.TrimSpace(strings.Repeat(sentence, 1+len(lines)%3))
		lines = append(lines, l)
		size += len(l) + 1
	}
	b.SetBytes(int64(len(strings.Join(lines, "\n")) + 1))
	var p Paragraph
	var rs []rune
	var order []int
	var out []byte
	for b.Loop() {
		out = out[:0]
		for _, l := range lines {
			rs = rs[:0]
			for _, r := range l {
				rs = append(rs, r)
			}
			p.SetText(rs, Auto)
			order = p.AppendVisualOrder(order[:0], 0, len(rs), true)
			lv := p.Levels()
			for _, i := range order {
				r := rs[i]
				if lv[i]&1 == 1 {
					r = Mirror(r)
				}
				out = utf8.AppendRune(out, r)
			}
			out = append(out, '\n')
		}
	}
}
