package layout

import "testing"

func benchCorpus(b *testing.B, opts Options) {
	docs := readCorpus(b)
	var paras [][]rune
	size := 0
	for _, d := range docs {
		for _, r := range Paragraphs(d) {
			paras = append(paras, d[r.Start:r.End])
			size += r.End - r.Start
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var l Layouter
	for b.Loop() {
		for _, p := range paras {
			l.Layout(p, 0, opts)
		}
	}
}

func BenchmarkLayoutNoWrap(b *testing.B)  { benchCorpus(b, Options{}) }
func BenchmarkLayoutWidth80(b *testing.B) { benchCorpus(b, Options{Width: 80, Align: true}) }
func BenchmarkLayoutTerminal(b *testing.B) {
	benchCorpus(b, Options{Width: 80, Bidi: Terminal, Shaping: Terminal})
}

func BenchmarkLayoutParagraph(b *testing.B) {
	docs := readCorpus(b)
	p := docs[0][:Paragraphs(docs[0])[2].End]
	b.ReportAllocs()
	for b.Loop() {
		LayoutParagraph(p, 0, Options{Width: 40})
	}
}
