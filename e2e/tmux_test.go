// Package e2e drives the real hashiya binary in tmux: keys go in with send-keys, the
// screen comes back with capture-pane, exactly as an annotator's terminal would see it.
package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// session is one tmux server (private socket) running one command.
type session struct {
	t    *testing.T
	sock string
}

func need(t *testing.T, bin string) {
	t.Helper()
	if _, err := exec.LookPath(bin); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is required in CI (.ci/run installs it): %v", bin, err)
		}
		t.Skipf("%s not installed", bin)
	}
}

// buildHashiya compiles the binary under test once per test binary run.
func buildHashiya(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "hashiya")
	cmd := exec.Command("go", "build", "-o", out, "../cmd/hashiya")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	return out
}

func startSession(t *testing.T, w, h int, env []string, command string) *session {
	t.Helper()
	need(t, "tmux")
	s := &session{t: t, sock: filepath.Join(t.TempDir(), "tmux.sock")}
	// The program starts in a directory of its own, so a default ./annotations.jsonl never
	// lands in the source tree.
	args := []string{"-S", s.sock, "-f", "/dev/null", "new-session", "-d", "-c", t.TempDir(), "-x", strconv.Itoa(w), "-y", strconv.Itoa(h)}
	for _, e := range env {
		args = append(args, "-e", e)
	}
	args = append(args, command)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "-S", s.sock, "kill-server").Run() })
	return s
}

// keys sends tmux key names (Tab, Enter, Escape, C-c).
func (s *session) keys(keys ...string) {
	s.t.Helper()
	args := append([]string{"-S", s.sock, "send-keys", "-t", "0"}, keys...)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		s.t.Fatalf("send-keys %v: %v\n%s", keys, err, out)
	}
}

// captureStyled is the screen with its colours and attributes as escape sequences
// (capture-pane -e).
func (s *session) captureStyled() string {
	s.t.Helper()
	out, err := exec.Command("tmux", "-S", s.sock, "capture-pane", "-p", "-e", "-t", "0").Output()
	if err != nil {
		s.t.Fatalf("capture-pane -e: %v", err)
	}
	return string(out)
}

// text types literal text (UTF-8, any layout).
func (s *session) text(txt string) {
	s.t.Helper()
	if out, err := exec.Command("tmux", "-S", s.sock, "send-keys", "-t", "0", "-l", txt).CombinedOutput(); err != nil {
		s.t.Fatalf("send-keys -l %q: %v\n%s", txt, err, out)
	}
}

func (s *session) capture() string {
	s.t.Helper()
	out, err := exec.Command("tmux", "-S", s.sock, "capture-pane", "-p", "-t", "0").Output()
	if err != nil {
		s.t.Fatalf("capture-pane: %v", err)
	}
	return string(out)
}

// waitFor polls the screen until it holds want; the generous limit is for slow CI
// machines, not a timing assertion.
func (s *session) waitFor(want string) string {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var scr string
	for time.Now().Before(deadline) {
		scr = s.capture()
		if strings.Contains(scr, want) {
			return scr
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("screen never showed %q; last screen:\n%s", want, scr)
	return ""
}

// firstDocRead matches the first pane's title once the sample's first document is read:
// its language is known only then (the gap before it depends on the width). Keys meant
// for the text wait for it.
var firstDocRead = regexp.MustCompile(`1/5 000_2cbddc3528754449\.txt +ar · rtl`)

// waitMatch is waitFor for a pattern.
func (s *session) waitMatch(re *regexp.Regexp) string {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var scr string
	for time.Now().Before(deadline) {
		if scr = s.capture(); re.MatchString(scr) {
			return scr
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("screen never matched %s; last screen:\n%s", re, scr)
	return ""
}

// rawOutput reads what script(1) recorded of the program's output to the terminal.
func rawOutput(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func lastIndex(b []byte, s string) int { return bytes.LastIndex(b, []byte(s)) }
