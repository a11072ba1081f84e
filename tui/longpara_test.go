package tui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/bench/render/mixgen"
	"github.com/hashiya/hashiya/model"
	"github.com/hashiya/hashiya/text/layout"
	"github.com/hashiya/hashiya/text/segment"
)

// isolatedLongParagraph is one paragraph of mostly Arabic text, longer than 16,384 code
// points, inside an isolate (LRI … PDI) opened at its first character and closed at its
// last: resolved whole, it is an LTR paragraph whose Arabic runs sit in LTR order; a piece
// cut from its end would be an RTL paragraph of its own.
func isolatedLongParagraph(t *testing.T) string {
	t.Helper()
	sample := model.Sample()
	defer sample.Close()
	var b strings.Builder
	for i := 0; b.Len() < 3*16384*2; i++ {
		d, err := sample.Load(i % sample.Len())
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(strings.Join(strings.Fields(d.Text.String()), " "))
		b.WriteByte(' ')
	}
	return "\u2066" + b.String() + "معاهدة Berlin 2024 الدفاع المشترك\u2069"
}

func TestLongParagraphLastLineInWholeParagraphOrder(t *testing.T) {
	text := isolatedLongParagraph(t)
	if n := len([]rune(text)); n <= 16384 {
		t.Fatalf("the paragraph has %d code points, want more than 16,384", n)
	}
	path := filepath.Join(t.TempDir(), "isolated.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	const w, h = 80, 24
	a, err := openApp(t, w, h, path)
	if err != nil {
		t.Fatal(err)
	}
	press(t, a, a.keys.Bottom.Keys()[0])

	rs := []rune(text)
	opts := a.panes[0].layoutOptions(a.opts.Engine)
	whole := layout.LayoutParagraph(rs, 0, opts)
	want := whole.Lines[len(whole.Lines)-1].String()
	// The test means something only if resolving the end alone orders the line otherwise.
	tail := layout.LayoutParagraph(rs[len(rs)-16384:], len(rs)-16384, opts)
	if tail.Lines[len(tail.Lines)-1].String() == want {
		t.Fatalf("the last line reads the same resolved alone: %q", want)
	}

	rows := strings.Split(screen(a), "\n")
	for _, row := range rows {
		if strings.TrimRight(row, " ") == strings.TrimRight(want, " ") && strings.TrimSpace(want) != "" {
			return
		}
	}
	t.Errorf("no row shows the last line as the whole paragraph orders it\nwant %q\nscreen:\n%s", want, strings.Join(rows, "\n"))
}

// In a document that is one long paragraph, a far jump with synchronized scrolling must take
// the other pane to the same place, not to the paragraph's start.
func TestSyncScrollFarJumpInOneParagraphDocument(t *testing.T) {
	text := isolatedLongParagraph(t)
	dir := t.TempDir()
	var paths []string
	for _, name := range []string{"a.txt", "b.txt"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	a, err := openApp(t, 120, 30, paths...)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.panes) < 2 {
		t.Fatalf("%d pane(s) at 120 columns, want 2", len(a.panes))
	}
	press(t, a, a.keys.SyncScroll.Keys()[0], a.keys.Bottom.Keys()[0])
	other := a.panes[1]
	if got, want := other.view.line(other.top).Start, len([]rune(text))*9/10; got < want {
		t.Errorf("the other pane's first line starts at %d, want at least %d (near the end, where the focused pane is)", got, want)
	}
	assertCursorVisible(t, other)
}

// oneLineDocument is the sample corpus on one line, more than 100,000 code points, with
// brackets and numbers and no explicit bidi control: laid out in windows (TextParagraph).
func oneLineDocument(t *testing.T) string {
	t.Helper()
	sample := model.Sample()
	defer sample.Close()
	var b strings.Builder
	for i := 0; b.Len() < 250_000; i++ {
		d, err := sample.Load(i % sample.Len())
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(strings.Join(strings.Fields(d.Text.String()), " "))
		b.WriteString(" (") // a bracket pair around each document's end and the next one's start
	}
	return b.String() + "معاهدة Berlin 2024 (الدفاع) المشترك"
}

// The last line of a 100,000-code-point one-line document laid out in windows reads as the
// paragraph laid out whole does, and the first one too after a resize.
func TestOneLineDocumentLaidOutInWindowsReadsAsWhole(t *testing.T) {
	text := oneLineDocument(t)
	path := filepath.Join(t.TempDir(), "oneline.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := openApp(t, 80, 24, path)
	if err != nil {
		t.Fatal(err)
	}
	p := a.panes[0]
	if lp := p.view.para(0).lazy; lp == nil || !lp.Windowed() {
		t.Fatal("the paragraph is not laid out in windows")
	}
	hasRow := func(want string) bool {
		for _, row := range strings.Split(screen(a), "\n") {
			if strings.TrimRight(row, " ") == strings.TrimRight(want, " ") {
				return true
			}
		}
		return false
	}
	rs := []rune(text)
	press(t, a, a.keys.Bottom.Keys()[0])
	whole := layout.LayoutParagraph(rs, 0, p.layoutOptions(a.opts.Engine))
	if want := whole.Lines[len(whole.Lines)-1].String(); !hasRow(want) {
		t.Errorf("no row shows the last line as the whole paragraph lays it out: %q\n%s", want, screen(a))
	}
	press(t, a, a.keys.Top.Keys()[0])
	resize(t, a, 61, 24)
	whole = layout.LayoutParagraph(rs, 0, p.layoutOptions(a.opts.Engine))
	if want := whole.Lines[0].String(); !hasRow(want) {
		t.Errorf("after a resize, no row shows the first line as the whole paragraph lays it out: %q\n%s", want, screen(a))
	}
}

// In a document longer than the window the word steps see, w lands where it would in the
// whole text.
func TestWordStepsInLongDocumentSeeAWindowOfIt(t *testing.T) {
	text := oneLineDocument(t)
	path := filepath.Join(t.TempDir(), "oneline.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := openApp(t, 80, 24, path)
	if err != nil {
		t.Fatal(err)
	}
	p := a.panes[0]
	rs := []rune(text)
	if len(rs) < 4*windowReach {
		t.Fatalf("%d code points: not longer than the window", len(rs))
	}
	p.cursor = 3 * windowReach
	for range 5 {
		want := wordStartAfterCursor(rs, p.cursor)
		press(t, a, a.keys.NextWord.Keys()[0])
		if p.cursor != want {
			t.Fatalf("w: cursor %d, want %d", p.cursor, want)
		}
	}
}

// wordStartAfterCursor is where w goes from c, found in the whole text.
func wordStartAfterCursor(text []rune, c int) int {
	w, ok := segment.WordEndingAfter(text, c)
	if ok && w.Start <= c {
		w, ok = segment.WordEndingAfter(text, w.End)
	}
	if !ok {
		return c
	}
	return w.Start
}

// BenchmarkResizeOneLine50MB resizes the reader on a 50 MB one-line document (generated news),
// at its start and a tenth of the way in: a resize re-wraps the lines up to the one in view,
// without resolving bidi again.
func BenchmarkResizeOneLine50MB(b *testing.B) {
	var buf bytes.Buffer
	mixgen.New(1).Write(&buf, 50<<20, 60)
	path := filepath.Join(b.TempDir(), "oneline.txt")
	if err := os.WriteFile(path, bytes.ReplaceAll(buf.Bytes(), []byte{'\n'}, []byte{' '}), 0o644); err != nil {
		b.Fatal(err)
	}
	t := &testing.T{}
	for _, at := range []int{0, 10} {
		b.Run(fmt.Sprintf("at%d%%", at), func(b *testing.B) {
			c, err := model.Open([]string{path})
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			a := New(Options{Corpus: c, CorpusName: "bench", Annotator: "bench"})
			drive(t, a, a.Init())
			resize(t, a, 200, 50)
			p := a.panes[0]
			p.cursor = p.view.text.Len() * at / 100
			p.ensureVisible()
			a.View()
			w := 200
			for b.Loop() {
				w = 399 - w // 199, 200, 199, …
				resize(t, a, w, 50)
				a.View()
			}
		})
	}
}
