package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashiya/hashiya/internal/pgtest"
)

// TestTwoServersOnePostgreSQL is the scenario on one PostgreSQL of the test's own: restarted
// while sara's edit is in flight, stopped while bob tags.
func TestTwoServersOnePostgreSQL(t *testing.T) {
	c := pgtest.Private(t)
	twoServersOneDatabase(t, c.URL(t), c)
}

// TestServeUnreachablePostgreSQL starts hashiya serve on a database nobody listens for: it
// ends at once with an error naming the host and the database, never the password.
func TestServeUnreachablePostgreSQL(t *testing.T) {
	bin := buildHashiya(t)
	dir := t.TempDir()
	port := freePort(t) // nothing listens there: the server refuses at once
	url := "postgres://team:s3cret-pw@127.0.0.1:" + strconv.Itoa(port) + "/project_x"
	cmd := exec.Command(bin, "serve", "--listen", "127.0.0.1:"+strconv.Itoa(freePort(t)),
		"--team", filepath.Join(dir, "team.toml"), "--host-key", filepath.Join(dir, "host"),
		"--db", url, "--out", filepath.Join(dir, "out.jsonl"), "--log", filepath.Join(dir, "serve.log"))
	cmd.Dir = dir // a build that took the URL for a file path makes it here, not in the source tree
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+dir, "XDG_STATE_HOME="+dir, "XDG_DATA_HOME="+dir)
	done := make(chan struct{})
	var out []byte
	var err error
	go func() { out, err = cmd.CombinedOutput(); close(done) }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("hashiya serve on an unreachable database did not end in 60 s:\n%s", out)
	}
	said := string(out)
	if exitCode(err) == 0 || !strings.Contains(said, "127.0.0.1") || !strings.Contains(said, "project_x") {
		t.Errorf("serve on an unreachable database: exit %d, said %q; want an error naming 127.0.0.1 and project_x", exitCode(err), said)
	}
	if strings.Contains(said, "s3cret-pw") {
		t.Errorf("the error shows the password: %q", said)
	}
}
