package e2e

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// record is the part of a training record this test reads.
type record struct {
	Text      string              `json:"text"`
	Annotator string              `json:"_annotator_id"`
	Meta      struct{ ID string } `json:"meta"`
	Spans     []struct {
		Start, End  int
		Label, Text string
	} `json:"spans"`
	Claims []struct {
		ID      string                          `json:"id"`
		Links   []struct{ To, Relation string } `json:"links"`
		Cluster string                          `json:"cluster"`
	} `json:"claims"`
}

func readRecords(t *testing.T, path string) []record {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []record
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var r record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%s:%d: %v", path, i+1, err)
		}
		out = append(out, r)
	}
	return out
}

// readerCmd runs hashiya on the sample corpus writing to out, then parks the pane.
func readerCmd(bin, out string) string {
	return bin + " --out " + out + "; echo HASHIYA-EXIT=$?; sleep 60"
}

func annotatorEnv(dir string) []string {
	return []string{"XDG_CONFIG_HOME=" + dir, "XDG_STATE_HOME=" + dir, "XDG_DATA_HOME=" + dir, "USER=e2e", "TERM=tmux-256color"}
}

var savedRE = regexp.MustCompile(`saved (\d+) edit`)

// TestAnnotateLinkRestartAndKill tags an entity, makes claims in two documents, links
// them as contradicting, quits, restarts and finds it all; then kills the reader with
// SIGKILL in the middle of a burst of edits and checks that every edit the screen had
// confirmed is in the files after a restart.
func TestAnnotateLinkRestartAndKill(t *testing.T) {
	bin := buildHashiya(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "annotations.jsonl")

	s := startSession(t, 120, 40, annotatorEnv(dir), readerCmd(bin, out))
	s.waitFor("▸1/5")
	s.waitMatch(firstDocRead) // a key before the text is there does nothing
	s.keys("1")               // PERSON: بوتين, the first word of the first document
	s.waitFor("saved 1 edit")
	s.keys("w", "c") // a claim on the next word; its form opens
	s.waitFor("Claim c")
	s.waitFor("saved 2 edit")
	s.keys("Escape")
	s.waitFor("▸1/5") // the form is closed (a key right after Escape would read as alt+key)
	s.keys("Tab", "w", "c")
	s.waitFor("Claim c")
	s.waitFor("saved 3 edit")
	s.keys("Escape")
	s.waitFor("▸2/5")
	s.keys("BTab", "L", "Tab", "Enter")
	s.waitFor("relation:")
	s.keys("2") // contradicts
	s.waitFor("saved 4 edit")
	s.keys("q")
	s.waitFor("HASHIYA-EXIT=0")

	recs := readRecords(t, out)
	persons, contradicts, clusters := 0, 0, map[string]int{}
	for _, r := range recs {
		for _, sp := range r.Spans {
			if sp.Label == "PERSON" && sp.Text == "بوتين" {
				persons++
			}
		}
		for _, c := range r.Claims {
			clusters[c.Cluster]++
			for _, l := range c.Links {
				if l.Relation == "contradicts" {
					contradicts++
				}
			}
		}
	}
	if persons != 1 || contradicts != 2 || len(clusters) != 1 {
		t.Fatalf("after quit: %d PERSON بوتين, %d contradicts links (want both ways), clusters %v", persons, contradicts, clusters)
	}
	keepArtifact(t, out)

	// Restart: everything is found again, on screen. The reader first comes back where it
	// was left, once it has read that place: the focus on the second pane, each cursor on
	// its claim. Keys wait for it: one sent before the place is read cancels the restore,
	// one sent after lands elsewhere; either way the test raced the program.
	s2 := startSession(t, 120, 40, annotatorEnv(dir), readerCmd(bin, out))
	s2.waitFor("▸2/5")
	s2.waitMatch(firstDocRead) // its cursor is restored once its text is read
	s2.keys("BTab")
	s2.waitFor("▸1/5")
	s2.keys("b")                                   // from the claim back to the first word
	s2.waitFor(visualOf(t, bin, "PERSON «بوتين»")) // the screen shows visual order

	s2.keys("w")
	scr := s2.waitFor("CLAIM c")
	if !strings.Contains(scr, "contradicts") {
		t.Fatalf("the restarted reader does not show the link:\n%s", scr)
	}
	s2.keys("q")
	s2.waitFor("HASHIYA-EXIT=0")

	killDuringBurst(t, bin, dir, out, persons)
}

func killDuringBurst(t *testing.T, bin, dir, out string, personsBefore int) {
	t.Helper()
	s := startSession(t, 120, 40, annotatorEnv(dir), "exec "+bin+" --out "+out)
	s.waitFor("▸1/5") // the place restored (if it is read before the burst) has this focus too
	s.waitMatch(firstDocRead)
	pid := panePID(t, s)
	// A scripted burst: tag the next 60 words as PERSON, sent as fast as tmux types.
	var burst []string
	for i := 0; i < 60; i++ {
		burst = append(burst, "w", "1")
	}
	s.keys(burst...)
	confirmed := 0
	for confirmed < 10 {
		if m := savedRE.FindStringSubmatch(s.waitFor("saved ")); m != nil {
			confirmed, _ = strconv.Atoi(m[1])
		}
	}
	// The screen has confirmed `confirmed` edits (maybe more by now): kill without warning.
	scr := s.capture()
	if m := savedRE.FindStringSubmatch(scr); m != nil {
		confirmed, _ = strconv.Atoi(m[1])
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatalf("kill %d: %v", pid, err)
	}
	waitGone(t, pid) // its lease is taken over once the process is gone

	// Restart and quit cleanly: the training file is written from the database.
	s2 := startSession(t, 120, 40, annotatorEnv(dir), readerCmd(bin, out))
	s2.waitFor("▸1/5")
	s2.keys("q")
	s2.waitFor("HASHIYA-EXIT=0")
	persons := 0
	for _, r := range readRecords(t, out) {
		for _, sp := range r.Spans {
			if sp.Label == "PERSON" {
				persons++
			}
		}
	}
	if persons < personsBefore+confirmed {
		t.Fatalf("the screen confirmed %d edits before SIGKILL, but only %d of them are in %s", confirmed, persons-personsBefore, out)
	}
	t.Logf("SIGKILL after %d confirmed edits: %d found after restart", confirmed, persons-personsBefore)
	keepArtifact(t, out)
}

// waitGone waits until process pid has ended and been reaped.
func waitGone(t *testing.T, pid int) {
	t.Helper()
	for i := 0; i < 500; i++ {
		if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("process %d still exists 5 s after SIGKILL", pid)
}

func panePID(t *testing.T, s *session) int {
	t.Helper()
	b, err := exec.Command("tmux", "-S", s.sock, "display-message", "-p", "-t", "0", "#{pane_pid}").Output()
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	return pid
}

// keepArtifact copies a produced training file where .ci/run's Python offsets check
// reads it (HASHIYA_E2E_ARTIFACTS), so an independent reader checks every span.
func keepArtifact(t *testing.T, path string) {
	dir := os.Getenv("HASHIYA_E2E_ARTIFACTS")
	if dir == "" {
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "annotations-"+t.Name()+".jsonl"), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// visualOf is how the reader draws s inside its left-to-right chrome, by the same engine.
func visualOf(t *testing.T, bin, s string) string {
	t.Helper()
	cmd := exec.Command(bin, "render", "--width", "0", "--dir", "ltr")
	cmd.Stdin = strings.NewReader(s)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("hashiya render: %v", err)
	}
	return strings.TrimRight(string(out), "\n")
}
