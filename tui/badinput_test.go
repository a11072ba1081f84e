package tui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashiya/hashiya/model"
)

// openApp opens paths as the reader would and returns the app, or the refusal.
func openApp(t *testing.T, w, h int, paths ...string) (*App, error) {
	t.Helper()
	c, err := model.Open(paths)
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { c.Close() })
	a := New(Options{Corpus: c, CorpusName: "bad", Annotator: "test"})
	drive(t, a, a.Init())
	resize(t, a, w, h)
	return a, nil
}

func TestBadInputOpensWithWarningOrIsRefused(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	empty := write("empty.txt", nil)
	binary := write("image.txt", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 1, 2, 3}, 512)...))
	invalid := write("invalid.txt", []byte("سلام \xff\xfe world\nline two \xc3\n"))
	escapes := write("escapes.txt", []byte("بوتين \x1b[31mred\x1b[0m \x1b]0;title\x07 \x9b2J done\n"))
	broken := write("broken.jsonl", []byte("{\"id\":\"a\",\"text\":\"مرحبا\"}\n{broken\n{\"id\":\"b\"}\n{\"id\":\"c\",\"text\":42}\n{\"id\":\"d\",\"text\":\"سلام\"}\n"))

	t.Run("empty", func(t *testing.T) {
		a, err := openApp(t, 80, 24, empty)
		if err != nil {
			t.Fatalf("an empty file should open: %v", err)
		}
		checkFrame(t, a, 80, 24)
		if !strings.Contains(screen(a), "empty.txt") {
			t.Errorf("no warning naming the empty file:\n%s", screen(a))
		}
	})
	t.Run("binary is refused", func(t *testing.T) {
		_, err := openApp(t, 80, 24, binary)
		if err == nil || !strings.Contains(err.Error(), "image.txt") {
			t.Fatalf("binary file not refused by name: %v", err)
		}
	})
	t.Run("invalid UTF-8", func(t *testing.T) {
		a, err := openApp(t, 80, 24, invalid)
		if err != nil {
			t.Fatal(err)
		}
		scr := screen(a)
		if !strings.Contains(scr, "invalid.txt:1:") || !strings.Contains(scr, "\uFFFD") {
			t.Errorf("want a warning at invalid.txt:1 and U+FFFD in the text:\n%s", scr)
		}
	})
	t.Run("escape sequences stay visible", func(t *testing.T) {
		a, err := openApp(t, 80, 24, escapes)
		if err != nil {
			t.Fatal(err)
		}
		raw := a.View().Content
		if strings.Contains(raw, "\x1b[31m") || strings.Contains(raw, "\x1b]0;") || strings.Contains(raw, "\x07") || strings.Contains(raw, "\u009b") {
			t.Fatalf("a document's escape sequence reached the terminal: %q", raw)
		}
		if scr := screen(a); !strings.Contains(scr, "␛") || !strings.Contains(scr, "31mred") {
			t.Errorf("ESC is not shown as ␛:\n%s", scr)
		}
	})
	t.Run("broken JSONL", func(t *testing.T) {
		a, err := openApp(t, 80, 24, broken)
		if err != nil {
			t.Fatal(err)
		}
		if a.corpus.Len() != 2 {
			t.Errorf("want the 2 good documents, got %d", a.corpus.Len())
		}
		press(t, a, "!")
		scr := screen(a)
		for _, line := range []string{"broken.jsonl:2", "broken.jsonl:3", "broken.jsonl:4"} {
			if !strings.Contains(scr, line) {
				t.Errorf("warning list lacks %s:\n%s", line, scr)
			}
		}
	})
	t.Run("50 MB single line", func(t *testing.T) {
		if testing.Short() {
			t.Skip("builds a 50 MB file")
		}
		word := []byte("معاهدة الدفاع المشترك treaty 2024 ")
		huge := write("huge.txt", bytes.Repeat(word, 50<<20/len(word)))
		// Opening it takes seconds, many more under the race detector on a busy
		// machine: the load must not be taken for a timer and dropped.
		waitLonger(t, 3*time.Minute)
		start := time.Now()
		a, err := openApp(t, 120, 40, huge)
		if err != nil {
			t.Fatal(err)
		}
		checkFrame(t, a, 120, 40)
		press(t, a, "G")
		checkFrame(t, a, 120, 40)
		assertCursorVisible(t, a.focused())
		press(t, a, "g", "j", "ctrl+d")
		assertCursorVisible(t, a.focused())
		t.Logf("50 MB one-line document: opened, drawn, jumped to the end in %v", time.Since(start))
	})
}
