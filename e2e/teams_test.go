package e2e

import (
	"path/filepath"
	"strings"
	"testing"
)

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

// TestTwoAnnotatorsOneDatabase runs two readers with different annotators on one
// database at once (two tmux sessions): both save, and after both quit the training
// file holds the work of each.
func TestTwoAnnotatorsOneDatabase(t *testing.T) {
	bin := buildHashiya(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "annotations.jsonl")
	db := filepath.Join(dir, "project.db")
	cmd := func(who string) string {
		return bin + " --db " + db + " --out " + out + " --annotator " + who + "; echo HASHIYA-EXIT=$?; sleep 60"
	}
	alice := startSession(t, 120, 40, annotatorEnv(dir), cmd("alice"))
	bob := startSession(t, 120, 40, annotatorEnv(dir), cmd("bob"))
	alice.waitFor("▸1/5")
	bob.waitFor("▸1/5")
	alice.waitMatch(firstDocRead)
	bob.waitMatch(firstDocRead)
	alice.keys("1") // PERSON on the first word
	bob.keys("w", "2")
	alice.waitFor("saved 1 edit")
	bob.waitFor("saved 1 edit")
	if scr := alice.capture(); !containsAll(scr, "project.db") {
		t.Errorf("the status bar does not show the database:\n%s", scr)
	}
	alice.keys("q")
	alice.waitFor("HASHIYA-EXIT=0")
	bob.keys("q")
	bob.waitFor("HASHIYA-EXIT=0")

	by := map[string]int{}
	for _, r := range readRecords(t, out) {
		by[r.Annotator] += len(r.Spans)
	}
	if by["alice"] != 1 || by["bob"] != 1 {
		t.Fatalf("spans per annotator in %s: %v, want one each of alice and bob", out, by)
	}
	keepArtifact(t, out)
}

// TestSameAnnotatorTwiceRefused starts a second reader of the same annotator on one
// database: it is refused naming the holder's pid, and the first goes on saving.
func TestSameAnnotatorTwiceRefused(t *testing.T) {
	bin := buildHashiya(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "annotations.jsonl")
	first := startSession(t, 120, 40, annotatorEnv(dir), readerCmd(bin, out))
	first.waitFor("▸1/5")
	second := startSession(t, 120, 40, annotatorEnv(dir), readerCmd(bin, out))
	second.waitFor("HASHIYA-EXIT=1")
	if scr := second.capture(); !containsAll(scr, "pid", "annotations.db") {
		t.Errorf("the refusal does not name the holder and the database:\n%s", scr)
	}
	first.waitMatch(firstDocRead)
	first.keys("1")
	first.waitFor("saved 1 edit")
	first.keys("q")
	first.waitFor("HASHIYA-EXIT=0")
}
