package e2e

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSearchHistoryAcrossRestarts searches in one run of the reader and finds the search
// again with ↑ in the prompt of the next run, as the same annotator.
func TestSearchHistoryAcrossRestarts(t *testing.T) {
	bin := buildHashiya(t)
	dir := t.TempDir()
	env := []string{"XDG_CONFIG_HOME=" + dir, "XDG_STATE_HOME=" + dir, "USER=e2e", "TERM=tmux-256color"}
	run := bin + " --out " + filepath.Join(dir, "annotations.jsonl")
	s := startSession(t, 100, 30, env, run+"; "+run+"; echo SECOND-EXIT=$?; sleep 60")
	s.waitFor("▸1/5")
	s.keys("/")
	s.text("November")
	s.keys("M-Enter") // every document
	s.waitFor("hit(s) in 1 of 5 documents")
	s.keys("Escape") // alone: ESC then q at once reads as alt+q
	s.waitFor("▸1/5")
	s.keys("q")
	// The second run's first screen (the first run's status line says where the
	// annotations go only until a search replaces it).
	s.waitFor("annotations →")
	s.keys("/", "Up")
	scr := s.waitFor("/November")
	if strings.Contains(scr, "SECOND-EXIT") {
		t.Fatalf("the second run ended:\n%s", scr)
	}
	s.keys("Escape")
	for deadline := time.Now().Add(20 * time.Second); strings.Contains(s.capture(), "/November█"); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("esc did not close the search prompt")
		}
	}
	s.keys("q")
	s.waitFor("SECOND-EXIT=0")
}
