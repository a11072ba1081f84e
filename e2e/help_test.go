package e2e

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var (
	claimKeyRE = regexp.MustCompile(`(^|\s)c\s+claim(\s|$)`)
	undoKeyRE  = regexp.MustCompile(`(^|\s)u\s+undo(\s|$)`)
	helpRowsRE = regexp.MustCompile(`Help · rows \d+–\d+ of \d+`)
)

// TestHelpScrollsToClaimAndUndoAt80x24: ? at 80x24 used to show two columns of
// motion keys and nothing to annotate with; now it pages (its own page key, pgdn)
// to the claim and undo keys, saying which rows show, and esc closes it.
func TestHelpScrollsToClaimAndUndoAt80x24(t *testing.T) {
	bin := buildHashiya(t)
	dir := t.TempDir()
	s := startSession(t, 80, 24, annotatorEnv(dir), readerCmd(bin, filepath.Join(dir, "annotations.jsonl")))
	s.waitFor("▸1/5")

	s.keys("?")
	scr := s.waitFor("Help · rows 1–")
	first := helpRowsRE.FindString(scr)
	seenClaim, seenUndo := claimKeyRE.MatchString(scr), undoKeyRE.MatchString(scr)
	for i := 0; i < 8 && !(seenClaim && seenUndo); i++ {
		s.keys("NPage")
		scr = s.waitFor("Help · rows")
		for tries := 0; helpRowsRE.FindString(scr) == first && tries < 200; tries++ {
			time.Sleep(10 * time.Millisecond) // until the page key's frame is drawn
			scr = s.capture()
		}
		first = helpRowsRE.FindString(scr)
		seenClaim = seenClaim || claimKeyRE.MatchString(scr)
		seenUndo = seenUndo || undoKeyRE.MatchString(scr)
	}
	if !seenClaim || !seenUndo {
		t.Fatalf("paging the help never showed the claim (%v) and undo (%v) keys; last screen:\n%s", seenClaim, seenUndo, scr)
	}
	for _, line := range strings.Split(scr, "\n") {
		if len([]rune(line)) > 80 {
			t.Errorf("a line wider than the terminal: %q", line)
		}
	}

	s.keys("Escape")
	s.waitFor("▸1/5")
	s.keys("q")
	s.waitFor("HASHIYA-EXIT=0")
}
