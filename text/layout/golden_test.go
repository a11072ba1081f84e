package layout

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/bench/render/mixgen"
	"github.com/hashiya/hashiya/text/bidi"
)

// The golden files were written by the engine as it was before the speed work on wrapping
// and bidi (go test ./text/layout -run Golden -update): every later change must give the same
// bytes, and the same cells and columns.
var update = flag.Bool("update", false, "rewrite the golden files of TestGoldenLayout")

const goldenDir = "testdata/golden"

var goldenWidths = []int{0, 20, 37, 40, 80, 200}

// goldenVariants are option sets; the first is `hashiya render --width N`, whose text is kept
// in full; the others are kept as digests.
var goldenVariants = []Options{
	{Align: true},
	{Ligatures: true, ShowControls: true, TabWidth: 4},
	{Dir: bidi.RTL, Align: true},
	{Dir: bidi.LTR, Bidi: Terminal, Shaping: Terminal},
}

type goldenInput struct {
	name string
	text []rune
}

// readDir concatenates the .txt files of dir, each ending with a newline.
func readDir(t *testing.T, dir string) []rune {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Fatalf("no .txt files in %s", dir)
	}
	var b strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
		b.WriteByte('\n')
	}
	return []rune(b.String())
}

// stressText mixes, at random, what makes wrapping hard: marks, wide characters, emoji
// sequences, tabs, controls, bidi formatting characters, lam-alef, U+2028, long words.
func stressText(seed uint64, size int) []rune {
	r := rand.New(rand.NewPCG(seed, 0x676f6c64))
	pool := [][]rune{
		[]rune("سلام"), []rune("لا"), []rune("لأ"), []rune("مَرْحَبًا"), []rune("שָׁלוֹם"), []rune("word"),
		[]rune("abcdefghijklmnopqrstuvwxyz"), []rune("بسماللهالرحمنالرحيموالصلاةعلىرسوله"), []rune("漢字かな"),
		[]rune("👩‍👩‍👧"), []rune("🇺🇳"), []rune("é̃"), []rune("\u0301"), {'\t'}, {0x1b}, {0x85}, {0x7f},
		{0x2028}, {0x200B}, {0x200C}, {0x200D}, {0x00AD}, []rune("\u2067abc\u2069"), []rune("\u202Bxy\u202C"),
		[]rune("\u2068"), []rune("\u2069"), []rune("\u202E"), []rune("(مثال [x])"), []rune("123.45%"),
		[]rune("٣٤٥"), []rune("https://example.com/a-b?c=d"), []rune("—"), []rune("«»"), {0xFFFD},
		[]rune("e\u0301\u0302\u0303\u0304"), []rune("ﻻ"), []rune("a-b"), []rune("x/y"),
	}
	seps := [][]rune{{' '}, {' '}, {' '}, []rune("  "), {0x00A0}, {'-'}, {}, {0x3000}}
	var out []rune
	for len(out) < size {
		n := 1 + r.IntN(120)
		if r.IntN(10) == 0 {
			n = 300 + r.IntN(700)
		}
		for i := 0; i < n; i++ {
			out = append(out, pool[r.IntN(len(pool))]...)
			out = append(out, seps[r.IntN(len(seps))]...)
		}
		out = append(out, '\n')
	}
	return out
}

func goldenInputs(t *testing.T) []goldenInput {
	var mix40, mix400 bytes.Buffer
	mixgen.New(7).Write(&mix40, 200_000, 40)
	mixgen.New(11).Write(&mix400, 200_000, 400)
	return []goldenInput{
		{"treaty", readDir(t, "../../../shared/corpus/treaty")},
		{"sample", readDir(t, "../../model/sample/treaty")},
		{"mix40", []rune(mix40.String())},
		{"mix400", []rune(mix400.String())},
		{"stress", stressText(1, 100_000)},
	}
}

// goldenRun lays out every paragraph of text both ways (AppendText and Layout) and returns
// the text, and a digest of the text and of every line's range, direction, cells and columns.
func goldenRun(t *testing.T, text []rune, opts Options) (out []byte, digest string) {
	var l, l2 Layouter
	h := sha256.New()
	var buf []byte
	num := func(v int) { buf = binary.AppendVarint(buf, int64(v)) }
	for _, r := range Paragraphs(text) {
		para := text[r.Start:r.End]
		start := len(out)
		out = l.AppendText(out, para, opts)
		p := l2.Layout(para, r.Start, opts)
		var viaCells []byte
		buf = buf[:0]
		num(int(p.Level))
		for i := range p.Lines {
			ln := &p.Lines[i]
			viaCells = append(ln.AppendTo(viaCells), '\n')
			num(ln.Start)
			num(ln.End)
			if ln.RTL {
				num(1)
			} else {
				num(0)
			}
			for _, c := range ln.Cells {
				num(int(c.Rune))
				num(c.Logical)
				num(len(c.Marks))
				for _, m := range c.Marks {
					num(int(m))
				}
			}
			for j := ln.Start; j < ln.End; j++ {
				num(ln.Column(j))
			}
		}
		if !bytes.Equal(viaCells, out[start:]) {
			t.Fatalf("paragraph at %d (opts %+v): AppendText %q, Layout %q", r.Start, opts, out[start:], viaCells)
		}
		h.Write(buf)
	}
	h.Write(out)
	return out, fmt.Sprintf("%x", h.Sum(nil))
}

func goldenName(in string, width int) string {
	return filepath.Join(goldenDir, fmt.Sprintf("%s.w%d.txt.gz", in, width))
}

func readGz(t *testing.T, name string) []byte {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatalf("%v (rewrite with -update only when the layout is meant to change)", err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	b, err := io.ReadAll(z)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return b
}

func writeGz(t *testing.T, name string, data []byte) {
	t.Helper()
	var b bytes.Buffer
	z, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	z.Write(data)
	z.Close()
	if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// firstDiff describes the first line where got and want differ.
func firstDiff(got, want []byte) string {
	g, w := bytes.Split(got, []byte{'\n'}), bytes.Split(want, []byte{'\n'})
	for i := range min(len(g), len(w)) {
		if !bytes.Equal(g[i], w[i]) {
			return fmt.Sprintf("output line %d:\ngot  %q\nwant %q", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d output lines, want %d", len(g), len(w))
}

// TestGoldenLayout compares the layout of the corpus, the embedded sample, generated news
// text and generated stress text at several widths with the golden files: the rendered text
// byte for byte, and digests of the cells and columns of every option set.
func TestGoldenLayout(t *testing.T) {
	digestFile := filepath.Join(goldenDir, "digests.txt")
	want := map[string]string{}
	if !*update {
		data, err := os.ReadFile(digestFile)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			if k, v, ok := strings.Cut(line, " = "); ok {
				want[k] = v
			}
		}
	} else if err := os.MkdirAll(goldenDir, 0o755); err != nil {
		t.Fatal(err)
	}
	var digests []string
	for _, in := range goldenInputs(t) {
		for _, width := range goldenWidths {
			for vi, v := range goldenVariants {
				opts := v
				opts.Width = width
				out, d := goldenRun(t, in.text, opts)
				key := fmt.Sprintf("%s width %d options %d", in.name, width, vi)
				digests = append(digests, key+" = "+d)
				if vi == 0 {
					if *update {
						writeGz(t, goldenName(in.name, width), out)
					} else if g := readGz(t, goldenName(in.name, width)); !bytes.Equal(out, g) {
						t.Errorf("%s width %d: text differs from %s; %s", in.name, width, goldenName(in.name, width), firstDiff(out, g))
						continue
					}
				}
				if !*update && want[key] != d {
					t.Errorf("%s (%+v): digest %s, want %s", key, opts, d, want[key])
				}
			}
		}
	}
	if *update {
		slices.Sort(digests)
		f, err := os.Create(digestFile)
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriter(f)
		for _, d := range digests {
			fmt.Fprintln(w, d)
		}
		w.Flush()
		f.Close()
	} else if len(want) != len(digests) {
		t.Errorf("%d digests in %s, %d computed", len(want), digestFile, len(digests))
	}
}
