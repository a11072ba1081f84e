package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/bench/render/mixgen"
	"github.com/hashiya/hashiya/text/layout"
	"github.com/hashiya/hashiya/text/shape"
)

const corpusGlob = "../../text/layout/testdata/corpus/*.txt"

// renderString runs the render code path of `hashiya render` on text.
func renderString(t testing.TB, text string, opts layout.Options) (out, warnings string) {
	t.Helper()
	var o, e bytes.Buffer
	if err := renderFiles(&o, &e, strings.NewReader(text), nil, opts); err != nil {
		t.Fatal(err)
	}
	return o.String(), e.String()
}

// foldVisual maps presentation forms back to base letters, a ligature to its letters in
// visual order (reversed), and drops the U+FEFF fillers and the ZWNJ fribidi keeps and
// hashiya hides.
func foldVisual(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case 0xFEFF, 0x200C:
			continue
		}
		f := shape.Fold(r)
		for i := len(f) - 1; i >= 0; i-- {
			b.WriteRune(f[i])
		}
	}
	return b.String()
}

// TestRenderMatchesFribidi compares `hashiya render --width 0` with
// `fribidi --nopad --nobreak --reordernsm` on the sample corpus and on generated mixed text.
func TestRenderMatchesFribidi(t *testing.T) {
	fribidi, err := exec.LookPath("fribidi")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("fribidi is not installed (package libfribidi-bin); the comparison must run in CI")
		}
		t.Skip("fribidi not installed")
	}
	inputs := map[string]string{}
	files, _ := filepath.Glob(corpusGlob)
	if len(files) == 0 {
		t.Fatal("no corpus files in", corpusGlob)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[filepath.Base(f)] = string(b)
	}
	var gen bytes.Buffer
	lines, _ := mixgen.New(7).Write(&gen, 600_000, 40)
	if lines < 2500 {
		t.Fatalf("generated only %d lines", lines)
	}
	inputs["generated"] = gen.String()

	total := 0
	for name, text := range inputs {
		got, warn := renderString(t, text, layout.Options{})
		if warn != "" {
			t.Errorf("%s: warnings: %s", name, warn)
		}
		cmd := exec.Command(fribidi, "--nopad", "--nobreak", "--reordernsm")
		cmd.Stdin = strings.NewReader(text)
		want, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: fribidi: %v", name, err)
		}
		in := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
		g := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
		w := strings.Split(strings.TrimSuffix(string(want), "\n"), "\n")
		if len(g) != len(w) || len(g) != len(in) {
			t.Fatalf("%s: %d input lines, hashiya %d, fribidi %d", name, len(in), len(g), len(w))
		}
		bad := 0
		for i := range g {
			total++
			if fg, fw := foldVisual(g[i]), foldVisual(w[i]); fg != fw {
				bad++
				if bad <= 5 {
					t.Errorf("%s:%d differs\ninput:   %s\nhashiya: %s\nfribidi: %s", name, i+1, in[i], fg, fw)
				}
			}
		}
		if bad > 0 {
			t.Errorf("%s: %d of %d lines differ", name, bad, len(g))
		}
	}
	t.Logf("%d lines compared", total)
}

func TestRenderSafety(t *testing.T) {
	in := "\x1b[31mred\x1b[0m \x1b]8;;http://x\x07link\x1b]8;;\x07 \x1bPq#0\x1b\\ \u009b2J \x7f\x00\n"
	out, _ := renderString(t, in, layout.Options{})
	for _, b := range []byte(out) {
		if b < 0x20 && b != '\n' || b == 0x7f {
			t.Fatalf("raw control %#x in %q", b, out)
		}
	}
	for _, r := range out {
		if r >= 0x80 && r < 0xA0 {
			t.Fatalf("C1 %U in %q", r, out)
		}
	}
	if !strings.HasPrefix(out, "␛[31mred␛[0m") {
		t.Errorf("got %q", out)
	}
}

func TestRenderInvalidUTF8(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(f, []byte("ok\nسل\xffام\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var o, e bytes.Buffer
	if err := renderFiles(&o, &e, nil, []string{f}, layout.Options{Shaping: layout.Terminal}); err != nil {
		t.Fatal(err)
	}
	if want := "ok\nما\uFFFDلس\n"; o.String() != want {
		t.Errorf("got %q, want %q", o.String(), want)
	}
	if want := f + ":2: invalid UTF-8 at byte offset 7"; !strings.Contains(e.String(), want) {
		t.Errorf("warning %q, want it to contain %q", e.String(), want)
	}
	err := renderFiles(&o, &e, nil, []string{filepath.Join(dir, "missing.txt")}, layout.Options{})
	if err == nil || !strings.Contains(err.Error(), "missing.txt") {
		t.Errorf("error %v does not name the file", err)
	}
}

func TestRenderWidthAndSeparators(t *testing.T) {
	out, _ := renderString(t, "سلام عليكم\r\nab\rcd\u2029ef\nij\u0085kl", layout.Options{Width: 8, Align: true, Shaping: layout.Terminal})
	want := "    مالس\n   مكيلع\nab\ncd\nef\nij\nkl\n"
	if out != want {
		t.Errorf("got %q, want %q", out, want)
	}
	cmd := newRenderCmd()
	var o bytes.Buffer
	cmd.SetOut(&o)
	cmd.SetIn(strings.NewReader("(abc) مرحبا\n"))
	cmd.SetArgs([]string{"--width", "0", "--dir", "rtl", "--shaping", "terminal", "-"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got := o.String(); got != "ابحرم (abc)\n" {
		t.Errorf("--dir rtl: %q", got)
	}
}
