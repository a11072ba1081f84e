// Package pgtest gives tests a real PostgreSQL: a throwaway cluster made with
// the server's own initdb and pg_ctl, listening on a Unix socket only, and a
// fresh database per test.
//
// Shared clusters: when HASHIYA_TEST_POSTGRES names a server (as .ci/run
// does), tests create their databases there; otherwise the first test that
// asks starts a cluster for the whole test binary, stopped by Main. A test
// that stops or restarts PostgreSQL takes a Private cluster of its own, so
// that the packages testing in parallel never see it go.
//
// Without PostgreSQL a test is skipped, and fails when CI is set: CI must
// never pass by skipping.
package pgtest

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// EnvURL names an existing server to create test databases on, as a URL
// whose user may create databases (its database part is ignored).
const EnvURL = "HASHIYA_TEST_POSTGRES"

// Cluster is one running PostgreSQL started by this package.
type Cluster struct {
	Dir    string // the cluster's directory: data/, sock/, log
	Socket string // the directory holding the Unix socket
	bin    string // the directory of initdb, pg_ctl and postgres
	runAs  *user.User
	admin  string // URL of its postgres database
}

// Missing says why no cluster can be started here ("" when one can).
func Missing() string {
	_, err := binDir()
	if err != nil {
		return err.Error()
	}
	return ""
}

// binDir finds PostgreSQL's server programs: on PATH, or Debian's
// /usr/lib/postgresql/N/bin.
func binDir() (string, error) {
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if _, err := exec.LookPath("initdb"); err == nil {
			return filepath.Dir(p), nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i], nil
		}
	}
	return "", errors.New("no PostgreSQL server programs (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin: install Debian's postgresql package")
}

// unavailable skips the test, or fails it under CI.
func unavailable(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("PostgreSQL is required under CI: %s", why)
	}
	t.Skipf("no PostgreSQL: %s", why)
}

// Start makes and starts a new cluster in a fresh directory under /var/tmp
// (the server runs as the postgres user when we are root, and that user may
// not be able to read the test's temporary directory). Stop it with Stop.
func Start() (*Cluster, error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	sweepAbandoned()
	dir, err := os.MkdirTemp("/var/tmp", "hashiya-pg-")
	if err != nil {
		return nil, err
	}
	c := &Cluster{Dir: dir, Socket: filepath.Join(dir, "sock"), bin: bin}
	if os.Geteuid() == 0 {
		if c.runAs, err = user.Lookup("postgres"); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("running as root, and there is no postgres user to run PostgreSQL as: %w", err)
		}
	}
	if err := c.create(); err != nil {
		c.remove()
		return nil, err
	}
	if err := c.start(); err != nil {
		c.remove()
		return nil, err
	}
	c.admin = c.urlFor("postgres")
	return c, nil
}

func (c *Cluster) create() error {
	if err := os.WriteFile(filepath.Join(c.Dir, "owner"), []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
		return err
	}
	if err := os.Mkdir(c.Socket, 0o755); err != nil {
		return err
	}
	if c.runAs != nil {
		uid, _ := strconv.Atoi(c.runAs.Uid)
		gid, _ := strconv.Atoi(c.runAs.Gid)
		for _, p := range []string{c.Dir, c.Socket} {
			if err := os.Chown(p, uid, gid); err != nil {
				return err
			}
		}
	}
	return c.run("initdb", "-D", c.data(), "-A", "trust", "-U", "postgres", "-E", "UTF8",
		"--locale=C.UTF-8", "--no-sync")
}

func (c *Cluster) data() string { return filepath.Join(c.Dir, "data") }

// start runs the server: socket only, no TCP; fsync stays on so that what
// the tests call durable is.
func (c *Cluster) start() error {
	opts := "-k " + c.Socket + " -c listen_addresses= -c max_connections=200 -c shared_buffers=32MB"
	return c.run("pg_ctl", "-D", c.data(), "-l", filepath.Join(c.Dir, "log"), "-o", opts, "-w", "-t", "60", "start")
}

// run runs one of the server programs, as postgres when we are root.
func (c *Cluster) run(prog string, args ...string) error {
	cmd := exec.Command(filepath.Join(c.bin, prog), args...)
	if c.runAs != nil {
		uid, _ := strconv.Atoi(c.runAs.Uid)
		gid, _ := strconv.Atoi(c.runAs.Gid)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
		cmd.Env = append(os.Environ(), "HOME="+c.Dir)
	}
	cmd.Dir = c.Dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %v\n%s%s", prog, strings.Join(args, " "), err, out.String(), c.logTail())
	}
	return nil
}

func (c *Cluster) logTail() string {
	b, err := os.ReadFile(filepath.Join(c.Dir, "log"))
	if err != nil || len(b) == 0 {
		return ""
	}
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return "server log:\n" + string(b)
}

// urlFor is the URL of database name on this cluster's socket.
func (c *Cluster) urlFor(name string) string {
	return "postgres://postgres@/" + url.PathEscape(name) + "?host=" + url.QueryEscape(c.Socket) + "&sslmode=disable"
}

// Stop stops the server at once (as a crash would) and keeps its files.
func (c *Cluster) Stop() error {
	return c.run("pg_ctl", "-D", c.data(), "-m", "immediate", "-w", "stop")
}

// StartAgain starts a stopped cluster on the same socket.
func (c *Cluster) StartAgain() error { return c.start() }

// Restart stops the server abruptly and starts it again: every connection
// is cut, and what was committed must still be there.
func (c *Cluster) Restart() error {
	if err := c.Stop(); err != nil {
		return err
	}
	return c.start()
}

// Close stops the server and removes its directory.
func (c *Cluster) Close() error {
	err := c.Stop()
	if err != nil && !c.running() {
		err = nil
	}
	c.remove()
	return err
}

func (c *Cluster) running() bool {
	_, err := os.Stat(filepath.Join(c.data(), "postmaster.pid"))
	return err == nil
}

func (c *Cluster) remove() { os.RemoveAll(c.Dir) }

// sweepAbandoned stops and removes clusters left by test processes that
// were killed before they could stop them.
func sweepAbandoned() {
	dirs, _ := filepath.Glob("/var/tmp/hashiya-pg-*")
	for _, d := range dirs {
		b, err := os.ReadFile(filepath.Join(d, "owner"))
		if err != nil {
			continue
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil || pid == os.Getpid() || syscall.Kill(pid, 0) == nil || errors.Is(syscall.Kill(pid, 0), syscall.EPERM) {
			continue
		}
		if pb, err := os.ReadFile(filepath.Join(d, "data", "postmaster.pid")); err == nil {
			if spid, err := strconv.Atoi(strings.SplitN(string(pb), "\n", 2)[0]); err == nil {
				syscall.Kill(spid, syscall.SIGQUIT)
				for i := 0; i < 50 && syscall.Kill(spid, 0) == nil; i++ {
					time.Sleep(100 * time.Millisecond)
				}
			}
		}
		os.RemoveAll(d)
	}
}

var shared struct {
	once    sync.Once
	cluster *Cluster
	admin   string
	err     error
}

// sharedAdmin is the admin URL of the server tests create databases on.
func sharedAdmin() (string, error) {
	shared.once.Do(func() {
		if u := os.Getenv(EnvURL); u != "" {
			shared.admin = u
			return
		}
		shared.cluster, shared.err = Start()
		if shared.err == nil {
			shared.admin = shared.cluster.admin
		}
	})
	return shared.admin, shared.err
}

// Main runs a package's tests and stops the cluster they started, if any:
// call it from TestMain in every package that uses this one.
func Main(m *testing.M) {
	code := m.Run()
	if shared.cluster != nil {
		if err := shared.cluster.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "pgtest:", err)
		}
	}
	os.Exit(code)
}

// URL is a fresh, empty database for this test on the shared server,
// dropped when the test ends.
func URL(t testing.TB) string {
	t.Helper()
	admin, err := sharedAdmin()
	if err != nil {
		unavailable(t, err.Error())
	}
	return newDatabase(t, admin)
}

// Private starts a cluster of the test's own, closed when it ends.
func Private(t testing.TB) *Cluster {
	t.Helper()
	if why := Missing(); why != "" {
		unavailable(t, why)
	}
	c, err := Start()
	if err != nil {
		t.Fatalf("starting PostgreSQL: %v", err)
	}
	t.Cleanup(func() {
		if err := c.Close(); err != nil {
			t.Errorf("stopping PostgreSQL: %v", err)
		}
	})
	return c
}

// URL is a fresh database on this cluster, dropped when the test ends.
func (c *Cluster) URL(t testing.TB) string {
	t.Helper()
	return newDatabase(t, c.admin)
}

// AdminURL is the URL of the cluster's postgres database.
func (c *Cluster) AdminURL() string { return c.admin }
