package serve

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/wish/v2/testsession"
	"github.com/charmbracelet/x/ansi"
	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/store"
	"github.com/hashiya/hashiya/internal/pgtest"
	"github.com/hashiya/hashiya/model"
	gossh "golang.org/x/crypto/ssh"
)

// newSigner makes a fresh ed25519 client key.
func newSigner(t *testing.T) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// fixture is a server on the sample corpus with a team of its own, in t.TempDir().
type fixture struct {
	t       *testing.T
	dir     string
	team    string
	dbName  string // the database's path or URL
	db      *store.DB
	keys    map[string]gossh.Signer
	srv     *Server
	addr    string
	logBuf  *syncBuffer
	overlap Overlap
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// members are name:role pairs; each gets a key.
func newFixture(t *testing.T, overlap Overlap, members ...string) *fixture {
	t.Helper()
	return newFixtureOn(t, "", overlap, members...)
}

// newFixtureOn is newFixture on the database dbName (a path or URL); "" is a new
// SQLite file in the fixture's directory.
func newFixtureOn(t *testing.T, dbName string, overlap Overlap, members ...string) *fixture {
	t.Helper()
	f := &fixture{t: t, dir: t.TempDir(), keys: map[string]gossh.Signer{}, logBuf: &syncBuffer{}, overlap: overlap}
	f.team = filepath.Join(f.dir, "team.toml")
	for _, m := range members {
		name, role, _ := strings.Cut(m, ":")
		f.addMember(name, role)
	}
	if dbName == "" {
		dbName = filepath.Join(f.dir, "project.db")
	}
	f.dbName = dbName
	db, err := store.Open(dbName)
	if err != nil {
		t.Fatal(err)
	}
	f.db = db
	t.Cleanup(func() { db.Close() })
	return f
}

func (f *fixture) addMember(name, role string) {
	f.t.Helper()
	s := newSigner(f.t)
	f.keys[name] = s
	pub := filepath.Join(f.dir, name+".pub")
	if err := os.WriteFile(pub, gossh.MarshalAuthorizedKey(s.PublicKey()), 0o644); err != nil {
		f.t.Fatal(err)
	}
	if _, err := AddMember(f.team, name, role, pub); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) config() Config {
	return Config{
		Listen: "127.0.0.1:0", TeamFile: f.team, HostKey: newSigner(f.t), Corpus: model.Sample(),
		CorpusName: "sample", DB: f.db, Out: filepath.Join(f.dir, "annotations.jsonl"),
		Overlap: f.overlap, Schema: annotations.DefaultSchema(), TeamPoll: 50 * time.Millisecond,
		Log: slog.New(slog.NewTextHandler(f.logBuf, nil)),
	}
}

// start serves cfg on a loopback port through wish's test helper.
func (f *fixture) start(cfg Config) *Server {
	f.t.Helper()
	srv, err := New(cfg)
	if err != nil {
		f.t.Fatal(err)
	}
	f.srv = srv
	f.addr = testsession.Listen(f.t, srv.SSH())
	go srv.watchTeam(f.t.Context())
	return srv
}

func (f *fixture) clientConfig(user string, signers ...gossh.Signer) *gossh.ClientConfig {
	return &gossh.ClientConfig{
		User:            user,
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(signers...)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
	}
}

// dial opens an SSH connection as name (by their key).
func (f *fixture) dial(name string) (*gossh.Client, error) {
	return gossh.Dial("tcp", f.addr, f.clientConfig(name, f.keys[name]))
}

// reader is one PTY session running the reader, its screen output collected.
type reader struct {
	t    *testing.T
	sess *gossh.Session
	in   io.WriteCloser
	out  *syncBuffer
	done chan error
}

func (f *fixture) openReader(cfg *gossh.ClientConfig) *reader {
	f.t.Helper()
	return f.openReaderEnv(cfg)
}

// openReaderEnv is openReader sending environment variables (name, value pairs) first.
func (f *fixture) openReaderEnv(cfg *gossh.ClientConfig, env ...string) *reader {
	f.t.Helper()
	sess, err := testsession.NewClientSession(f.t, f.addr, cfg)
	if err != nil {
		f.t.Fatal(err)
	}
	for i := 0; i+1 < len(env); i += 2 {
		if err := sess.Setenv(env[i], env[i+1]); err != nil {
			f.t.Fatal(err)
		}
	}
	r := &reader{t: f.t, sess: sess, out: &syncBuffer{}, done: make(chan error, 1)}
	sess.Stdout = r.out
	sess.Stderr = r.out
	if r.in, err = sess.StdinPipe(); err != nil {
		f.t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{}); err != nil {
		f.t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		f.t.Fatal(err)
	}
	go func() { r.done <- sess.Wait() }()
	return r
}

// screen is what the session printed so far, without escape sequences.
func (r *reader) screen() string { return ansi.Strip(r.out.String()) }

// waitFor polls the output until it holds want; the limit is for slow machines, not
// a timing assertion.
func (r *reader) waitFor(want string) {
	r.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(r.screen(), want) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	scr := r.screen()
	if len(scr) > 4000 { // the end is the screen as it is now
		scr = "…" + scr[len(scr)-4000:]
	}
	if os.Getenv("SERVE_TEST_RAW") != "" {
		raw := r.out.String()
		os.WriteFile(os.Getenv("SERVE_TEST_RAW"), []byte(raw), 0o644)
	}
	r.t.Fatalf("the session never showed %q; it showed:\n%s", want, scr)
}

// focusedLoaded matches the focused pane's title once its document is in: its language
// is known then.
var focusedLoaded = regexp.MustCompile(`▸1/5 \S+ ar · rtl`)

// waitReady waits until the session is name's and the focused pane shows its document,
// so a key then acts on it.
func (r *reader) waitReady(name string) {
	r.t.Helper()
	r.waitFor("annotator: " + name)
	deadline := time.Now().Add(20 * time.Second)
	for !focusedLoaded.MatchString(r.screen()) {
		if time.Now().After(deadline) {
			r.t.Fatalf("the first document never loaded")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// press types a binding's first key as a terminal sends it.
func (r *reader) press(keys ...string) {
	r.t.Helper()
	for _, k := range keys {
		b := k
		if k == "space" {
			b = " "
		}
		if _, err := io.WriteString(r.in, b); err != nil {
			r.t.Fatal(err)
		}
	}
}

// wait is the session's end: nil for exit status 0.
func (r *reader) wait() error {
	r.t.Helper()
	select {
	case err := <-r.done:
		return err
	case <-time.After(30 * time.Second):
		r.t.Fatalf("the session did not end; it showed:\n%s", r.screen())
		return nil
	}
}

func exitStatus(err error) int {
	if err == nil {
		return 0
	}
	if e, ok := err.(*gossh.ExitError); ok {
		return e.ExitStatus()
	}
	return -1
}

// backends are the databases the several-servers tests run on, each giving a fresh one
// by name (a path or URL) that several handles may open.
var backends = []struct {
	name string
	db   func(t *testing.T) string
}{
	{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "project.db") }},
	{"postgres", func(t *testing.T) string { return pgtest.URL(t) }},
}

// onBackends runs test once per backend, as a subtest named after it.
func onBackends(t *testing.T, test func(t *testing.T, dbName string)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { test(t, b.db(t)) })
	}
}
