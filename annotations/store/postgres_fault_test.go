package store

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/internal/pgtest"
)

// spansInExport counts each document's spans in the training records.
func spansInExport(t *testing.T, db *DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, r := range training(t, sqliteBackend{db}) {
		out[r.Meta.ID+"/"+r.AnnotatorID] = len(r.Spans)
	}
	return out
}

func burstDoc(i int) annotations.DocInfo {
	return annotations.DocInfo{ID: fmt.Sprintf("r-%03d", i), Text: docA.Text}
}

// PostgreSQL restarted between edits: the next edit commits (the pool
// reconnects), the session and its lease are still there, and the heartbeat
// goes on.
func TestPostgresRestartBetweenEditsLosesNothing(t *testing.T) {
	c := pgtest.Private(t)
	db := openDB(t, c.URL(t))
	db.heartbeatEvery = 50 * time.Millisecond
	s := openSession(t, db, "alice")
	for i := range 5 {
		must(t, s, annotations.AddSpan{Doc: burstDoc(i), Label: "GPE", Start: 0, End: 3})
	}
	// A read while the server is down waits for it to be back.
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	read := make(chan error)
	go func() {
		_, _, err := s.DocProgress()
		read <- err
	}()
	time.Sleep(200 * time.Millisecond)
	if err := c.StartAgain(); err != nil {
		t.Fatal(err)
	}
	if err := <-read; err != nil {
		t.Fatalf("a read while PostgreSQL restarted: %v", err)
	}
	restarted := time.Now().UnixMilli()
	for i := 5; i < 10; i++ {
		must(t, s, annotations.AddSpan{Doc: burstDoc(i), Label: "GPE", Start: 0, End: 3})
	}
	if v := view(t, s, burstDoc(0).ID); len(v.Spans) != 1 || !v.CanUndo {
		t.Fatalf("a document from before the restart: %+v", v)
	}
	must(t, s, annotations.Undo{Doc: burstDoc(0).ID})
	got := spansInExport(t, db)
	for i := range 10 {
		want := 1
		if i == 0 {
			want = 0
		}
		if n := got[burstDoc(i).ID+"/alice"]; n != want {
			t.Fatalf("document %d after the restart: %d spans in the export, want %d", i, n, want)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		var beat int64
		if err := db.row("SELECT heartbeat FROM leases").Scan(&beat); err == nil && beat > restarted+100 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the heartbeat did not go on after the restart")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if _, err := db.Session("alice"); err == nil || !strings.Contains(err.Error(), "this process") {
		t.Fatalf("alice's lease after the restart: %v, want it still held by this session", err)
	}
}

// PostgreSQL restarted while edits are in flight: each edit either returns
// an error or is committed, every confirmed one is in the export, once, and
// every session goes on editing after each restart.
func TestPostgresRestartDuringEditsLosesNothingConfirmed(t *testing.T) {
	c := pgtest.Private(t)
	db := openDB(t, c.URL(t))
	var wg sync.WaitGroup
	stop := make(chan struct{})
	type result struct {
		annotator string
		confirmed []int
		failed    []error
	}
	var mu sync.Mutex
	results := make([]result, 3)
	for w := range results {
		s := openSession(t, db, fmt.Sprintf("ann%d", w))
		results[w].annotator = s.Annotator()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				_, err := s.Apply(annotations.AddSpan{Doc: burstDoc(i), Label: "GPE", Start: 0, End: 3})
				mu.Lock()
				if err != nil {
					results[w].failed = append(results[w].failed, err)
				} else {
					results[w].confirmed = append(results[w].confirmed, i)
				}
				mu.Unlock()
			}
		}()
	}
	// each session confirms n more edits (however loaded the machine is)
	more := func(n int) {
		t.Helper()
		mu.Lock()
		want := make([]int, len(results))
		for w, r := range results {
			want[w] = len(r.confirmed) + n
		}
		mu.Unlock()
		deadline := time.Now().Add(2 * time.Minute)
		for {
			mu.Lock()
			done := true
			for w, r := range results {
				done = done && len(r.confirmed) >= want[w]
			}
			mu.Unlock()
			if done {
				return
			}
			if time.Now().After(deadline) {
				close(stop)
				wg.Wait()
				t.Fatalf("the sessions stopped confirming edits: %+v", results)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	more(5)
	for range 2 {
		if err := c.Restart(); err != nil {
			t.Fatal(err)
		}
		more(5)
	}
	close(stop)
	wg.Wait()
	got := spansInExport(t, db)
	total := 0
	for _, r := range results {
		for _, i := range r.confirmed {
			if n := got[burstDoc(i).ID+"/"+r.annotator]; n != 1 {
				t.Fatalf("%s: confirmed edit %d has %d spans in the export, want 1", r.annotator, i, n)
			}
		}
		total += len(r.confirmed)
		for _, err := range r.failed { // a failure is shown, naming the database, never a silent loss
			if !strings.Contains(err.Error(), "PostgreSQL") {
				t.Errorf("%s: an edit failed without saying where: %v", r.annotator, err)
			}
		}
		t.Logf("%s: %d edits confirmed, %d failed", r.annotator, len(r.confirmed), len(r.failed))
	}
	var ops int
	if err := db.row("SELECT count(*) FROM ops").Scan(&ops); err != nil || ops < total {
		t.Fatalf("%d operations logged for %d confirmed edits (%v)", ops, total, err)
	}
	var twice int
	if err := db.row(`SELECT count(*) FROM (SELECT annotator, doc FROM ops GROUP BY annotator, doc HAVING count(*) > 1) x`).Scan(&twice); err != nil || twice != 0 {
		t.Fatalf("%d edits logged twice (%v)", twice, err)
	}
}

// errCut is what a connection cut as the server answered COMMIT looks like.
var errCut = io.ErrUnexpectedEOF

// A COMMIT whose answer was lost is found committed, and not applied again.
func TestPostgresLostCommitIsNotAppliedTwice(t *testing.T) {
	db := openDB(t, pgtest.URL(t))
	s := openSession(t, db, "alice")
	sp := must(t, s, annotations.AddSpan{Doc: docA, Label: "GPE", Start: 0, End: 3}).Span
	lose := func() { db.afterCommit = func() error { db.afterCommit = nil; return errCut } }
	lose()
	must(t, s, annotations.SetLabel{Doc: docA.ID, Span: sp.ID, Label: "NORP"})
	var n int
	if err := db.row("SELECT count(*) FROM ops WHERE name LIKE 'set-label%'").Scan(&n); err != nil || n != 1 {
		t.Fatalf("the edit whose commit answer was lost is logged %d times (%v), want once", n, err)
	}
	// Even if whether it committed cannot be known, the retry does not apply it twice.
	db.noStatus = true
	lose()
	_, err := s.Apply(annotations.SetLabel{Doc: docA.ID, Span: sp.ID, Label: "ORG"})
	if err == nil || !strings.Contains(err.Error(), "not applied again") {
		t.Fatalf("a retry of a committed edit: %v, want a refusal saying it is not applied again", err)
	}
	if err := db.row("SELECT count(*) FROM ops WHERE name LIKE 'set-label%'").Scan(&n); err != nil || n != 2 {
		t.Fatalf("set-label logged %d times (%v), want 2", n, err)
	}
	if v := view(t, s, docA.ID); v.Spans[0].Label != "ORG" {
		t.Fatalf("after the lost commit the session shows %q, want the committed ORG", v.Spans[0].Label)
	}
	must(t, s, annotations.Undo{Doc: docA.ID})
	if v := view(t, s, docA.ID); v.Spans[0].Label != "NORP" {
		t.Fatalf("undo after the lost commit gave %q, want NORP", v.Spans[0].Label)
	}
}

// A database that cannot be reached at start is named by host and
// database, never with its password.
func TestPostgresUnreachableNamesHostAndDatabaseNotPassword(t *testing.T) {
	const password = "s3cret-Pa55"
	tcp := "postgres://alice:" + password + "@127.0.0.1:1/projectdb?connect_timeout=3&sslmode=disable"
	c := pgtest.Private(t)
	sock := strings.Replace(c.AdminURL(), "postgres://postgres@", "postgres://postgres:"+password+"@", 1)
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{tcp, sock} {
		_, err := Open(u)
		if err == nil {
			t.Fatalf("%s: opened", Redact(u))
		}
		msg := err.Error()
		if strings.Contains(msg, password) {
			t.Fatalf("the error shows the password: %s", msg)
		}
		if !strings.Contains(msg, "unreachable") {
			t.Errorf("the error does not say the server is unreachable: %s", msg)
		}
		if u == tcp && (!strings.Contains(msg, "127.0.0.1:1") || !strings.Contains(msg, `"projectdb"`)) {
			t.Errorf("the error does not name host and database: %s", msg)
		}
		if u == sock && !strings.Contains(msg, c.Socket) {
			t.Errorf("the error does not name the socket: %s", msg)
		}
	}
	if r := Redact(tcp); strings.Contains(r, password) || !strings.Contains(r, "alice@127.0.0.1:1/projectdb") {
		t.Errorf("Redact: %s", r)
	}
}

// The pool opens at most pool_max_conns connections (10 unless the URL
// says), however many sessions and exports run at once.
func TestPostgresPoolIsBounded(t *testing.T) {
	url := pgtest.URL(t)
	if _, err := Open(url + "&pool_max_conns=zero"); err == nil || !strings.Contains(err.Error(), "pool_max_conns") {
		t.Fatalf("a bad pool_max_conns: %v", err)
	}
	def := openDB(t, url)
	if n := def.sql.Stats().MaxOpenConnections; n != DefaultPoolMaxConns {
		t.Fatalf("default pool bound %d, want %d", n, DefaultPoolMaxConns)
	}
	db := openDB(t, url+"&pool_max_conns=3")
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for w := range 12 {
		s := openSession(t, db, fmt.Sprintf("ann%d", w))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 5 {
				if _, err := s.Apply(annotations.AddSpan{Doc: burstDoc(i), Label: "GPE", Start: 0, End: 3}); err != nil {
					errs <- err
				}
				if _, err := s.Doc(burstDoc(i).ID); err != nil {
					errs <- err
				}
			}
			if _, err := db.WriteTraining(io.Discard); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if st := db.sql.Stats(); st.MaxOpenConnections != 3 || st.OpenConnections > 3 {
		t.Fatalf("pool stats %+v, want at most 3 connections", st)
	}
}

// Two servers (two DB handles) on one database: the same annotator is live
// on one of them only, however the opens race, and annotators on both
// store a new document once.
func TestPostgresTwoServersShareLeasesAndDocuments(t *testing.T) {
	url := pgtest.URL(t)
	one, two := openDB(t, url), openDB(t, url)
	two.host = "other-host" // as another machine would be
	for round := range 5 {
		name := fmt.Sprintf("racer%d", round)
		var wg sync.WaitGroup
		var mu sync.Mutex
		var won []*Session
		for _, db := range []*DB{one, two, one, two} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if s, err := db.Session(name); err == nil {
					mu.Lock()
					won = append(won, s)
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if len(won) != 1 {
			t.Fatalf("%s opened on %d servers at once, want 1", name, len(won))
		}
		won[0].Close()
	}
	a, b := openSession(t, one, "alice"), openSession(t, two, "bob")
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for _, s := range []*Session{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				if _, err := s.Apply(annotations.AddSpan{Doc: burstDoc(i), Label: "GPE", Start: 0, End: 3}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	var docs int
	if err := one.row("SELECT count(*) FROM documents").Scan(&docs); err != nil || docs != 20 {
		t.Fatalf("%d documents stored (%v), want 20", docs, err)
	}
	if got := spansInExport(t, two); len(got) != 40 {
		t.Fatalf("%d records, want 40", len(got))
	}
}

// Edits are durable at COMMIT even where the server's default says
// otherwise, and a URL may not turn that off.
func TestPostgresCommitsAreSynchronous(t *testing.T) {
	url := pgtest.URL(t)
	name := url[strings.LastIndex(url[:strings.Index(url, "?")], "/")+1 : strings.Index(url, "?")]
	if err := pgtest.Exec(url, "ALTER DATABASE "+name+" SET synchronous_commit = off"); err != nil {
		t.Fatal(err)
	}
	db := openDB(t, url)
	var sc string
	if err := db.row("SHOW synchronous_commit").Scan(&sc); err != nil || sc != "on" {
		t.Fatalf("synchronous_commit %q (%v), want on", sc, err)
	}
	if _, err := Open(url + "&synchronous_commit=off"); err == nil || !strings.Contains(err.Error(), "durable") {
		t.Fatalf("a URL turning synchronous_commit off: %v", err)
	}
}
