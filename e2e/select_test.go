package e2e

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestSelectFromFinalFullStopTagsLastWord presses G v b 1 in the real binary: G puts the
// cursor on the closing full stop of the first sample document (where v used to crash
// the reader), v b selects back to the last word, 1 tags it PERSON. The span must be in
// the training file after quitting.
func TestSelectFromFinalFullStopTagsLastWord(t *testing.T) {
	bin := buildHashiya(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "annotations.jsonl")
	s := startSession(t, 120, 40, annotatorEnv(dir), readerCmd(bin, out))
	s.waitFor("▸1/5")
	s.waitMatch(firstDocRead)
	s.keys("G", "v", "b", "1")
	scr := s.waitFor("saved 1 edit")
	if strings.Contains(scr, "HASHIYA-EXIT") {
		t.Fatalf("the reader ended:\n%s", scr)
	}
	s.keys("q")
	s.waitFor("HASHIYA-EXIT=0")

	var found []string
	for _, r := range readRecords(t, out) {
		text := []rune(r.Text)
		for _, sp := range r.Spans {
			if sp.Start < 0 || sp.End > len(text) || string(text[sp.Start:sp.End]) != sp.Text {
				t.Fatalf("span %+v does not match text[start:end] of %s", sp, r.Meta.ID)
			}
			found = append(found, sp.Label+" "+sp.Text)
			if sp.Label == "PERSON" && sp.Text == "طهران" && sp.End == len(text)-1 {
				keepArtifact(t, out)
				return
			}
		}
	}
	t.Fatalf("no PERSON span on the last word «طهران» before the full stop; spans: %v", found)
}
