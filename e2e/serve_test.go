package e2e

import (
	"net"
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

// server is one `hashiya serve` process.
type server struct {
	cmd     *exec.Cmd
	hostKey string // the fingerprint it printed
	exited  chan error
}

var hostKeyRE = regexp.MustCompile(`host key (SHA256:\S+)`)

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startServer runs hashiya serve and waits for its "listening" line.
func startServer(t *testing.T, bin, dir string, port int) *server {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--listen", "127.0.0.1:"+strconv.Itoa(port),
		"--team", filepath.Join(dir, "team.toml"), "--host-key", filepath.Join(dir, "host_ed25519"),
		"--db", filepath.Join(dir, "project.db"), "--out", filepath.Join(dir, "annotations.jsonl"),
		"--log", filepath.Join(dir, "serve.log"))
	return runServer(t, cmd, dir)
}

// stop sends SIGTERM and wants exit status 0.
func (s *server) stop(t *testing.T) {
	t.Helper()
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.exited:
		if err != nil {
			t.Fatalf("hashiya serve after SIGTERM: %v, want exit status 0", err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("hashiya serve did not stop on SIGTERM")
	}
}

func keygen(t *testing.T, path, comment string, passphrase string) {
	t.Helper()
	out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-C", comment, "-f", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
}

// sshArgs are the client flags, with the user's own ssh config and agent out of
// the way (HOME is the test's directory) and no prompt for a password.
func sshArgs(dir, key string, port int, extra ...string) []string {
	args := []string{"-F", "/dev/null", "-i", key, "-p", strconv.Itoa(port),
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=" + filepath.Join(dir, "known_hosts"),
		"-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes"}
	args = append(args, extra...)
	return append(args, "127.0.0.1")
}

func sshEnv(dir string) []string {
	return []string{"HOME=" + dir, "TERM=tmux-256color", "SSH_AUTH_SOCK="}
}

// connect runs ssh in tmux as the issue says; the shell prints ssh's exit status after.
func connect(t *testing.T, dir, key string, port int) *session {
	t.Helper()
	cmd := "ssh " + strings.Join(sshArgs(dir, key, port), " ") + "; echo SSH-EXIT=$?; sleep 60"
	return startSession(t, 120, 40, sshEnv(dir), cmd)
}

var focusedLoadedRE = regexp.MustCompile(`▸1/5 \S+ ar · rtl`)

func (s *session) waitForRE(re *regexp.Regexp) {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if re.MatchString(s.capture()) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("screen never matched %s; last screen:\n%s", re, s.capture())
}

// TestServeTeamOverSSH is issue 11's "done when", with the real OpenSSH client.
func TestServeTeamOverSSH(t *testing.T) {
	need(t, "ssh")
	need(t, "ssh-keygen")
	need(t, "tmux")
	bin := buildHashiya(t)
	dir := t.TempDir()
	team := filepath.Join(dir, "team.toml")
	for _, who := range []string{"sara", "bob"} {
		keygen(t, filepath.Join(dir, who), who+"@e2e", "")
		out, err := exec.Command(bin, "team", "add", who, "--key", filepath.Join(dir, who+".pub"), "--team", team).CombinedOutput()
		if err != nil {
			t.Fatalf("team add %s: %v\n%s", who, err, out)
		}
	}
	keygen(t, filepath.Join(dir, "stranger"), "stranger@e2e", "")
	port := freePort(t)
	srv := startServer(t, bin, dir, port)

	// Each annotator sees the sample, tags a word, quits.
	for i, who := range []string{"sara", "bob"} {
		s := connect(t, dir, filepath.Join(dir, who), port)
		s.waitFor("annotator: " + who)
		s.waitForRE(focusedLoadedRE)
		if i == 1 {
			s.keys("w")
		}
		s.keys(strconv.Itoa(i + 1)) // sara: PERSON on the first word; bob: ORG on the second
		s.waitFor("saved 1 edit")
		s.keys("q")
		s.waitFor("SSH-EXIT=0")
	}

	// Unknown key: refused before any screen.
	out, err := exec.Command("ssh", sshArgs(dir, filepath.Join(dir, "stranger"), port, "-T")...).CombinedOutput()
	if code := exitCode(err); code != 255 || !strings.Contains(string(out), "Permission denied (publickey)") {
		t.Errorf("an unknown key: exit %d, said %q; want 255 and Permission denied", code, out)
	}
	// No PTY: one line and status 1.
	out, err = exec.Command("ssh", sshArgs(dir, filepath.Join(dir, "sara"), port, "-T")...).CombinedOutput()
	if code := exitCode(err); code != 1 || !strings.Contains(string(out), "on a terminal only") {
		t.Errorf("ssh -T: exit %d, said %q; want 1 and the message", code, out)
	}

	srv.stop(t)
	first := srv.hostKey
	fi, err := os.Stat(filepath.Join(dir, "host_ed25519"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("host key file: %v, mode %v; want 0600", err, fi.Mode().Perm())
	}
	out1 := filepath.Join(dir, "annotations.jsonl")
	by := map[string]int{}
	for _, r := range readRecords(t, out1) {
		by[r.Annotator] += len(r.Spans)
	}
	if by["sara"] != 1 || by["bob"] != 1 {
		t.Fatalf("spans per annotator in the training file: %v, want one each of sara and bob", by)
	}
	keepArtifact(t, out1)

	// Restart: same host key; sara's tag is there; ssh sees no changed host key.
	srv = startServer(t, bin, dir, port)
	if srv.hostKey != first {
		t.Errorf("host key fingerprint changed across restarts: %s then %s", first, srv.hostKey)
	}
	s := connect(t, dir, filepath.Join(dir, "sara"), port)
	s.waitFor("annotator: sara")
	s.waitForRE(focusedLoadedRE)
	s.keys("w", "b") // back onto the first word: the status line describes what is there
	scr := s.waitFor("PERSON «")
	if strings.Contains(scr, "CHANGED") {
		t.Errorf("ssh warned of a changed host key:\n%s", scr)
	}
	s.keys("q")
	s.waitFor("SSH-EXIT=0")

	// A key offered but not proved (its private half locked) before bob's: the session is
	// bob's, not the offered key's owner (CVE-2024-45337).
	locked := filepath.Join(dir, "locked")
	keygen(t, locked, "locked", "a passphrase nobody types")
	sara, _ := os.ReadFile(filepath.Join(dir, "sara.pub"))
	os.WriteFile(locked+".pub", sara, 0o644) // ssh offers the .pub beside a locked key
	cmd := "ssh " + strings.Join(sshArgs(dir, locked, port, "-i", filepath.Join(dir, "bob")), " ") + "; echo SSH-EXIT=$?; sleep 60"
	s = startSession(t, 120, 40, sshEnv(dir), cmd)
	scr = s.waitFor("annotator: ")
	if !strings.Contains(scr, "annotator: bob") {
		t.Errorf("offered sara's key, proved bob's: the session is not bob's:\n%s", scr)
	}
	s.keys("q")
	s.waitFor("SSH-EXIT=0")

	// SIGKILL loses nothing the screen confirmed: bob tags a third word, the server is
	// killed, and after a restart the tag is there.
	s = connect(t, dir, filepath.Join(dir, "bob"), port)
	s.waitFor("annotator: bob")
	s.waitForRE(focusedLoadedRE)
	s.keys("w", "w", "3")
	s.waitFor("saved 1 edit")
	srv.cmd.Process.Kill()
	<-srv.exited
	s.waitFor("SSH-EXIT=")
	srv = startServer(t, bin, dir, port)
	s = connect(t, dir, filepath.Join(dir, "bob"), port)
	s.waitFor("annotator: bob")
	s.waitForRE(focusedLoadedRE)
	s.keys("w", "w")
	s.waitFor("GPE «")
	s.keys("q")
	s.waitFor("SSH-EXIT=0")
	srv.stop(t)
	by = map[string]int{}
	for _, r := range readRecords(t, out1) {
		by[r.Annotator] += len(r.Spans)
	}
	if by["sara"] != 1 || by["bob"] != 2 {
		t.Errorf("spans per annotator after SIGKILL and restart: %v, want sara 1, bob 2", by)
	}
	log, _ := os.ReadFile(filepath.Join(dir, "serve.log"))
	for _, want := range []string{"connect", "disconnect", "unknown key", "no terminal"} {
		if !strings.Contains(string(log), want) {
			t.Errorf("the server log has no %q:\n%s", want, log)
		}
	}
}

func exitCode(err error) int {
	if err == nil {
		return 0
	}
	if e, ok := err.(*exec.ExitError); ok {
		return e.ExitCode()
	}
	return -1
}
