package e2e

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPickerOpensTypedDocumentInTmux: o, type 003, enter opens 003 (it once opened
// whatever row the highlight had been on).
func TestPickerOpensTypedDocumentInTmux(t *testing.T) {
	bin := buildHashiya(t)
	dir := t.TempDir()
	s := startSession(t, 120, 40, annotatorEnv(dir), bin+" --out "+filepath.Join(dir, "a.jsonl")+"; echo HASHIYA-EXIT=$?; sleep 60")
	s.waitFor("▸1/5")
	s.keys("]", "]", "]", "]") // the list opens with the highlight on 004's row
	s.waitFor("▸5/5")
	s.keys("o")
	s.waitFor("documents · id, title and meta")
	s.text("003")
	s.waitFor("open: 003")
	s.keys("Enter")
	scr := s.waitFor("▸4/5 003_")
	if strings.Contains(scr, "open: ") {
		t.Fatalf("the picker is still open:\n%s", scr)
	}
	s.keys("q")
	s.waitFor("HASHIYA-EXIT=0")
}

// TestRestartRestoresPlaceInTmux moves to another document, scrolls, moves the cursor
// and the focus, quits and starts again: the panes come back as they were, cursor
// (reverse video, so compared with attributes) included.
func TestRestartRestoresPlaceInTmux(t *testing.T) {
	bin := buildHashiya(t)
	dir := t.TempDir()
	cmd := bin + " --out " + filepath.Join(dir, "a.jsonl") + "; echo HASHIYA-EXIT=$?; " +
		"echo RESTART; read go; " + bin + " --out " + filepath.Join(dir, "a.jsonl") + "; echo HASHIYA-EXIT2=$?; sleep 60"
	s := startSession(t, 120, 30, annotatorEnv(dir), cmd)
	s.waitFor("▸1/5")
	s.keys("Tab", "]", "]")
	s.waitFor("▸4/5")
	s.keys("PageDown", "w", "w", "w")
	before := s.settled()
	s.keys("q")
	s.waitFor("RESTART") // the shell waits for enter: the second reader would hide this line at once
	s.keys("Enter")
	s.waitFor("▸4/5")
	deadline := time.Now().Add(20 * time.Second)
	var after string
	for time.Now().Before(deadline) {
		if after = panesRows(s.captureStyled()); after == before {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if after != before {
		t.Fatalf("after a restart the panes differ:\n--- before\n%s\n--- after\n%s", before, after)
	}
	s.keys("q")
	s.waitFor("HASHIYA-EXIT2=0")
}

// settled is panesRows once two captures a while apart agree: every key sent is drawn.
func (s *session) settled() string {
	s.t.Helper()
	prev := panesRows(s.captureStyled())
	for range 100 {
		time.Sleep(200 * time.Millisecond)
		cur := panesRows(s.captureStyled())
		if cur == prev {
			return cur
		}
		prev = cur
	}
	s.t.Fatal("the screen never settled")
	return ""
}

// panesRows are the rows of the panes: the screen without its header, status and help
// lines (which say what was saved, and so differ between runs).
func panesRows(scr string) string {
	lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
	if len(lines) < 4 {
		return scr
	}
	return strings.Join(lines[1:len(lines)-2], "\n")
}
