package layout

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/bench/render/mixgen"
)

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

// benchRender lays out generated news lines the way `hashiya render` does (AppendText, one
// paragraph per line), on one core.
func benchRender(b *testing.B, opts Options) {
	var buf bytes.Buffer
	mixgen.New(1).Write(&buf, 4<<20, 60)
	var paras [][]rune
	for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
		paras = append(paras, []rune(line))
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	var l Layouter
	var out []byte
	for b.Loop() {
		out = out[:0]
		for _, p := range paras {
			out = l.AppendText(out, p, opts)
		}
	}
}

func BenchmarkRenderNoWrap(b *testing.B)  { benchRender(b, Options{Align: true}) }
func BenchmarkRenderWidth80(b *testing.B) { benchRender(b, Options{Width: 80, Align: true}) }

// benchRenderUTF8 lays out generated news lines as `hashiya render` does for valid lines
// (AppendTextUTF8 on each line's bytes), on one core.
func benchRenderUTF8(b *testing.B, opts Options) {
	var buf bytes.Buffer
	mixgen.New(1).Write(&buf, 4<<20, 60)
	lines := bytes.Split(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), []byte("\n"))
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	var l Layouter
	var out []byte
	for b.Loop() {
		out = out[:0]
		for _, line := range lines {
			var ok bool
			if out, ok = l.AppendTextUTF8(out, line, opts); !ok {
				b.Fatalf("line not taken by AppendTextUTF8: %q", line)
			}
		}
	}
}

func BenchmarkRenderUTF8NoWrap(b *testing.B)  { benchRenderUTF8(b, Options{Align: true}) }
func BenchmarkRenderUTF8Width80(b *testing.B) { benchRenderUTF8(b, Options{Width: 80, Align: true}) }
