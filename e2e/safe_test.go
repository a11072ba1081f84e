package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestFileNameRetitlesTerminal opens files whose names hold a window-title sequence and
// the sequence that leaves the alternate screen, in the real binary: tmux must keep the
// title hashiya sets (with the names' controls as pictures) and stay on the alternate
// screen.
func TestFileNameRetitlesTerminal(t *testing.T) {
	need(t, "tmux")
	bin := buildHashiya(t)
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	os.MkdirAll(docs, 0o755)
	for name, text := range map[string]string{"t\a\x1b]0;PWNED\a.txt": "سلام عليكم\n", "x\x1b[?1049l.txt": "hello\n"} {
		if err := os.WriteFile(filepath.Join(docs, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The glob keeps the names' bytes out of the command line tmux hands to the shell.
	s := startSession(t, 120, 30, annotatorEnv(dir), bin+" --out "+filepath.Join(dir, "a.jsonl")+" "+docs+"/*.txt; sleep 60")
	s.waitFor("doc 1,2 of 2")
	out, err := exec.Command("tmux", "-S", s.sock, "display", "-p", "-t", "0", "#{pane_title}|#{alternate_on}").Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.TrimSpace(string(out))
	if !strings.HasPrefix(got, "hashiya · ") || !strings.Contains(got, "t␇␛]0;PWNED␇.txt") || !strings.HasSuffix(got, "|1") {
		t.Errorf("title|alternate screen = %q; want hashiya's title with the controls as pictures, on the alternate screen", got)
	}
	s.keys("q")
}
