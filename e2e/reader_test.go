package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReaderInTmux opens the sample corpus, switches panes, searches for كوريا typed in
// Arabic, presses n without leaving the Arabic layout, quits, and checks the terminal
// got its modes back.
func TestReaderInTmux(t *testing.T) {
	need(t, "script")
	bin := buildHashiya(t)
	dir := t.TempDir()
	raw := filepath.Join(dir, "raw.log")
	env := []string{"XDG_CONFIG_HOME=" + dir, "XDG_STATE_HOME=" + dir, "USER=e2e", "TERM=tmux-256color"}
	// script(1) records the raw bytes the program sends, so the test can see the mode
	// switches that capture-pane cannot.
	// --out keeps the training file in the temporary directory, not the package's.
	cmd := "script -q -f -c '" + bin + " --out " + filepath.Join(dir, "annotations.jsonl") + "' " + raw + "; echo HASHIYA-EXIT=$?; sleep 60"
	s := startSession(t, 120, 40, env, cmd)

	scr := s.waitFor("▸1/5")
	if !strings.Contains(scr, "2/5") || !strings.Contains(scr, "3/5") {
		t.Fatalf("three panes expected at 120 columns:\n%s", scr)
	}

	s.keys("Tab")
	s.waitFor("▸2/5")

	s.keys("/")
	s.text("كوريا")
	s.keys("Enter")
	scr = s.waitFor("match(es) in")
	if !strings.Contains(scr, "match 1 of") {
		t.Fatalf("the focused pane did not land on its first match:\n%s", scr)
	}

	s.text("ى") // n on the Arabic (101) layout
	s.waitFor("match 2 of")

	s.keys("q")
	scr = s.waitFor("HASHIYA-EXIT=0")
	if strings.Contains(scr, "▸") {
		t.Fatalf("the reader's screen is still there after quitting:\n%s", scr)
	}
	out := rawOutput(t, raw)
	if !bytes.Contains(out, []byte("\x1b[8l")) {
		t.Error("the program never asked the terminal not to reorder (CSI 8 l)")
	}
	if i, j := lastIndex(out, "\x1b[8h"), lastIndex(out, "\x1b[8l"); i < j || i < 0 {
		t.Error("the terminal's bidi mode was not restored at exit (CSI 8 h)")
	}
	if !bytes.Contains(out, []byte("\x1b[?1049l")) {
		t.Error("the alternate screen was not left at exit")
	}
}

// TestOpensPathsInTmux opens a JSONL corpus and a text file given on the command line.
func TestOpensPathsInTmux(t *testing.T) {
	bin := buildHashiya(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	txt := filepath.Join(dir, "note.txt")
	if err := os.WriteFile(corpus, []byte(`{"id":"doc-a","text":"سلام دنیا"}`+"\n"+`{"id":"doc-b","text":"hello"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(txt, []byte("plain text\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := []string{"XDG_CONFIG_HOME=" + dir, "XDG_STATE_HOME=" + dir, "USER=e2e", "TERM=tmux-256color"}
	s := startSession(t, 120, 30, env, bin+" --out "+filepath.Join(dir, "a.jsonl")+" "+corpus+" "+txt+"; echo HASHIYA-EXIT=$?; sleep 60")
	scr := s.waitFor("▸1/3")
	for _, want := range []string{"doc-a", "doc-b", "note.txt"} {
		if !strings.Contains(scr, want) {
			t.Errorf("screen lacks %q:\n%s", want, scr)
		}
	}
	s.keys("q")
	s.waitFor("HASHIYA-EXIT=0")
}
