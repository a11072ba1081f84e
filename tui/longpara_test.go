package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/model"
	"github.com/hashiya/hashiya/text/layout"
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
