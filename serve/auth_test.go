package serve

import (
	"os"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/tui"
	gossh "golang.org/x/crypto/ssh"
)

func TestUnknownKeyRefusedBeforeAnyScreen(t *testing.T) {
	f := newFixture(t, 1, "sara")
	f.start(f.config())
	stranger := newSigner(t)
	_, err := gossh.Dial("tcp", f.addr, f.clientConfig("sara", stranger))
	if err == nil || !strings.Contains(err.Error(), "unable to authenticate") {
		t.Fatalf("an unknown key (as user sara) got in: %v", err)
	}
	if fp := gossh.FingerprintSHA256(stranger.PublicKey()); !strings.Contains(f.logBuf.String(), fp) {
		t.Errorf("the refusal is not logged with the key's fingerprint %s:\n%s", fp, f.logBuf.String())
	}
}

func TestPasswordAndKeyboardInteractiveRefused(t *testing.T) {
	f := newFixture(t, 1, "sara")
	f.start(f.config())
	for name, m := range map[string]gossh.AuthMethod{
		"password": gossh.Password("sara"),
		"keyboard-interactive": gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
			return []string{"sara"}, nil
		}),
	} {
		cfg := &gossh.ClientConfig{User: "sara", Auth: []gossh.AuthMethod{m}, HostKeyCallback: gossh.InsecureIgnoreHostKey()}
		if _, err := gossh.Dial("tcp", f.addr, cfg); err == nil {
			t.Errorf("%s authentication got in", name)
		}
	}
}

// TestIdentityIsTheProvedKeyNotTheUserName logs in as user "sara" with bob's key: the
// session is bob's. (An offered but unproved key, CVE-2024-45337, needs a client that
// offers a key it cannot sign with: the end-to-end test does that with OpenSSH.)
func TestIdentityIsTheProvedKeyNotTheUserName(t *testing.T) {
	f := newFixture(t, 0, "sara", "bob")
	f.start(f.config())
	r := f.openReader(f.clientConfig("sara", f.keys["bob"]))
	r.waitFor("annotator: bob")
	if strings.Contains(r.screen(), "annotator: sara") {
		t.Fatalf("the session took the user name or an unproved key as its identity:\n%s", r.screen())
	}
	r.press(tui.DefaultKeyMap().Quit.Keys()[0])
	if err := r.wait(); err != nil {
		t.Fatalf("quit: %v", err)
	}
}

func TestNoPTYGetsOneLineAndExitStatus1(t *testing.T) {
	f := newFixture(t, 1, "sara")
	f.start(f.config())
	for _, cmd := range []string{"", "ls /"} {
		c, err := f.dial("sara")
		if err != nil {
			t.Fatal(err)
		}
		sess, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		out, err := sess.CombinedOutput(cmd)
		if exitStatus(err) != 1 {
			t.Errorf("ssh -T %q: exit %v, want status 1", cmd, err)
		}
		if got := strings.TrimSpace(string(out)); got != noTerminal {
			t.Errorf("ssh -T %q said %q, want %q", cmd, got, noTerminal)
		}
		c.Close()
	}
}

func TestForwardingAndSubsystemsRefused(t *testing.T) {
	f := newFixture(t, 1, "sara")
	f.start(f.config())
	c, err := f.dial("sara")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if l, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		l.Close()
		t.Error("remote port forwarding was granted")
	}
	if conn, err := c.Dial("tcp", f.addr); err == nil {
		conn.Close()
		t.Error("local port forwarding (direct-tcpip) was granted")
	}
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	for _, req := range []string{"auth-agent-req@openssh.com", "x11-req"} {
		ok, err := sess.SendRequest(req, true, nil)
		if err != nil || ok {
			t.Errorf("%s: granted %v (%v)", req, ok, err)
		}
	}
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Error("the sftp subsystem was granted")
	}
	log := f.logBuf.String()
	for _, what := range []string{"remote port forwarding", "local port forwarding", "agent forwarding", "X11 forwarding", "subsystem"} {
		if !strings.Contains(log, what) {
			t.Errorf("the log has no refusal of %s:\n%s", what, log)
		}
	}
}

// TestNoHostKeyWrittenIntoTheWorkingDirectory: the server uses the host key it is given
// and leaves no id_ed25519 of its own behind (wish makes one where none is set).
func TestNoHostKeyWrittenIntoTheWorkingDirectory(t *testing.T) {
	t.Chdir(t.TempDir())
	f := newFixture(t, 1, "sara")
	cfg := f.config()
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat("id_ed25519"); err == nil {
		t.Fatal("New wrote id_ed25519 into the working directory")
	}
	if got, want := srv.SSH().HostSigners[0].PublicKey().Marshal(), cfg.HostKey.PublicKey().Marshal(); string(got) != string(want) {
		t.Fatal("the server does not use the host key it was given")
	}
}
