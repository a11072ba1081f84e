package serve

import (
	"bufio"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/store"
	"github.com/hashiya/hashiya/internal/pgtest"
	"github.com/hashiya/hashiya/model"
)

// serverHelperEnv makes the re-executed test binary a second team server: it serves
// the team file in the directory the variable names, on the database serverHelperDB
// names, as server-a, lets sara in, says "ready" and waits to be killed.
const (
	serverHelperEnv = "HASHIYA_SERVE_HELPER_DIR"
	serverHelperDB  = "HASHIYA_SERVE_HELPER_DB"
)

func TestMain(m *testing.M) {
	if dir := os.Getenv(serverHelperEnv); dir != "" {
		os.Exit(serverHelper(dir))
	}
	pgtest.Main(m)
}

func serverHelper(dir string) int {
	fail := func(err error) int { fmt.Println("error:", err); return 1 }
	db, err := store.Open(os.Getenv(serverHelperDB))
	if err != nil {
		return fail(err)
	}
	srv, err := New(Config{Name: "server-a", Listen: "127.0.0.1:0", TeamFile: filepath.Join(dir, "team.toml"),
		Corpus: model.Sample(), DB: db, Overlap: 1, Schema: annotations.DefaultSchema(), Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		return fail(err)
	}
	if _, _, err := srv.join("sara", "helper"); err != nil {
		return fail(err)
	}
	fmt.Println("ready")
	bufio.NewReader(os.Stdin).ReadString('\n')
	return 0
}

// TestAnnotatorLiveOnOneServerRefusedOnAnother: two Server values on one database; sara
// in on A is refused on B, told where she is live; once she leaves A, B lets her in.
func TestAnnotatorLiveOnOneServerRefusedOnAnother(t *testing.T) {
	onBackends(t, testLiveOnOneServerRefusedOnAnother)
}

func testLiveOnOneServerRefusedOnAnother(t *testing.T, dbName string) {
	f := newFixtureOn(t, dbName, 1, "sara", "bob")
	cfg := f.config()
	cfg.Name = "server-a"
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ls, _, err := a.join("sara", "key-1")
	if err != nil {
		t.Fatal(err)
	}
	cfg = f.config()
	cfg.Name = "server-b"
	cfg.DB = openStore(t, dbName)
	f.start(cfg)
	r := f.openReader(f.clientConfig("sara", f.keys["sara"]))
	if err := r.wait(); exitStatus(err) != 1 {
		t.Fatalf("sara on B while live on A: %v, want exit status 1:\n%s", err, r.screen())
	}
	if want := "sara is live on the server server-a (hashiya pid "; !strings.Contains(r.screen(), want) {
		t.Fatalf("sara on B was told %q, want %q", r.screen(), want)
	}
	bob := f.openReader(f.clientConfig("bob", f.keys["bob"])) // someone else is let in
	bob.waitReady("bob")
	a.leave(ls, "sara", "key-1")
	sara := f.openReader(f.clientConfig("sara", f.keys["sara"]))
	sara.waitReady("sara")
}

// TestServerKilledFreesItsAnnotators: a server process killed while sara is live on it
// frees her at once for a server on the same host (its pid is gone); on another host
// the lease goes stale after store.StaleAfter (the store's TestLeaseTakeover).
func TestServerKilledFreesItsAnnotators(t *testing.T) {
	onBackends(t, testServerKilledFreesItsAnnotators)
}

func testServerKilledFreesItsAnnotators(t *testing.T, dbName string) {
	f := newFixtureOn(t, dbName, 1, "sara")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), serverHelperEnv+"="+f.dir, serverHelperDB+"="+dbName)
	stdin, _ := cmd.StdinPipe()
	defer stdin.Close()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if strings.TrimSpace(line) != "ready" {
		t.Fatalf("the other server: %q", line)
	}
	cfg := f.config()
	cfg.Name = "server-b"
	b, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = b.join("sara", "key-1")
	if want := fmt.Sprintf("sara is live on the server server-a (hashiya pid %d on ", cmd.Process.Pid); err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("sara while server-a serves her: %v, want %q", err, want)
	}
	cmd.Process.Kill()
	cmd.Wait()
	deadline := time.Now().Add(20 * time.Second)
	for {
		ls, _, err := b.join("sara", "key-1")
		if err == nil {
			b.leave(ls, "sara", "key-1")
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("sara still refused after server-a was killed: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
