package store

import (
	"strconv"
	"testing"
	"time"

	"github.com/hashiya/hashiya/annotations"
)

// waitCommit reads commits from ch until one with seq ≥ want arrives,
// failing after within.
func waitCommit(t *testing.T, ch <-chan Commit, want int64, within time.Duration) Commit {
	t.Helper()
	deadline := time.After(within)
	for {
		select {
		case c, ok := <-ch:
			if !ok {
				t.Fatalf("subscription closed before commit %d", want)
			}
			if c.Seq >= want {
				return c
			}
		case <-deadline:
			t.Fatalf("commit %d did not arrive within %v", want, within)
		}
	}
}

func TestSubscribeSeesCommitOfAnotherHandleWithinASecond(t *testing.T) {
	onBoth(t, testSubscribeSeesAnotherHandle)
}

func testSubscribeSeesAnotherHandle(t *testing.T, target string) {
	writer, watcher := openDB(t, target), openDB(t, target)
	ch, cancel := watcher.Subscribe()
	defer cancel()
	s := openSession(t, writer, "alice")
	start := time.Now()
	must(t, s, annotations.AddSpan{Doc: docA, Label: "GPE", Start: 0, End: 3})
	seq, err := writer.lastSeq()
	if err != nil {
		t.Fatal(err)
	}
	c := waitCommit(t, ch, seq, time.Second)
	if c != (Commit{Seq: seq, Annotator: "alice", Doc: docA.ID}) {
		t.Errorf("got %+v, want seq %d by alice on %s", c, seq, docA.ID)
	}
	t.Logf("arrived after %v", time.Since(start))
}

func TestSubscribeSeesOwnCommitAtOnce(t *testing.T) { onBoth(t, testSubscribeSeesOwnCommit) }

func testSubscribeSeesOwnCommit(t *testing.T, target string) {
	db := openDB(t, target)
	db.watch.every = time.Hour // only the write path's kick can deliver in time
	ch, cancel := db.Subscribe()
	defer cancel()
	s := openSession(t, db, "bob")
	must(t, s, annotations.AddSpan{Doc: docB, Label: "ORG", Start: 0, End: 4})
	c := waitCommit(t, ch, 1, time.Second)
	if c.Annotator != "bob" || c.Doc != docB.ID {
		t.Errorf("got %+v", c)
	}
}

func TestSubscriberThatNeverReadsDoesNotBlockApply(t *testing.T) {
	onBoth(t, testSubscriberThatNeverReads)
}

func testSubscriberThatNeverReads(t *testing.T, target string) {
	db, other := openDB(t, target), openDB(t, target)
	idle, cancelIdle := db.Subscribe() // never read until the end
	defer cancelIdle()
	_, cancelOther := other.Subscribe()
	defer cancelOther()
	s := openSession(t, db, "alice")
	done := make(chan error, 1)
	go func() {
		for i := 0; i < 50; i++ {
			d := annotations.DocInfo{ID: "doc-" + strconv.Itoa(i), Text: docA.Text}
			if _, err := s.Apply(annotations.AddSpan{Doc: d, Label: "GPE", Start: 0, End: 3}); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("50 edits did not finish with an unread subscriber")
	}
	// Coalesced, not lost: the latest commit is what waits on the channel.
	seq, err := db.lastSeq()
	if err != nil {
		t.Fatal(err)
	}
	waitCommit(t, idle, seq, time.Second)
}

func TestSubscriptionClosesOnCancelAndOnClose(t *testing.T) {
	onBoth(t, testSubscriptionCloses)
}

func testSubscriptionCloses(t *testing.T, target string) {
	db, err := Open(target)
	if err != nil {
		t.Fatal(err)
	}
	a, cancelA := db.Subscribe()
	b, cancelB := db.Subscribe()
	defer cancelB()
	cancelA()
	cancelA() // twice is harmless
	if _, ok := <-a; ok {
		t.Error("cancelled subscription still open")
	}
	db.Close()
	select {
	case _, ok := <-b:
		if ok {
			t.Error("got a commit from a closed database")
		}
	case <-time.After(2 * time.Second):
		t.Error("subscription not closed with the database")
	}
}

// TestSubscribeDeliversALowerSeqCommittedLate: with a lookback (PostgreSQL's writers
// commit in another order than they took seqs), a commit whose seq is below one
// already delivered still arrives, once.
func TestSubscribeDeliversALowerSeqCommittedLate(t *testing.T) {
	onBoth(t, testSubscribeDeliversLate)
}

func testSubscribeDeliversLate(t *testing.T, target string) {
	db := openDB(t, target)
	db.watch.lookback = 8
	s := openSession(t, db, "alice")
	must(t, s, annotations.AddSpan{Doc: docA, Label: "GPE", Start: 0, End: 3}) // seq 1
	ch, cancel := db.Subscribe()
	defer cancel()
	logAs := func(seq int) {
		t.Helper()
		if _, err := db.exec(`INSERT INTO ops (seq, annotator, session, ts, doc, name, op, change, inverse)
			SELECT ?, annotator, session, ts, doc, name, op, change, inverse FROM ops WHERE seq = 1`, seq); err != nil {
			t.Fatal(err)
		}
		db.watch.kick()
	}
	logAs(10)
	waitCommit(t, ch, 10, 5*time.Second)
	logAs(7) // took its seq before 10, committed after
	if c := waitCommit(t, ch, 7, 5*time.Second); c.Seq != 7 {
		t.Fatalf("got seq %d, want the late 7", c.Seq)
	}
	logAs(11)
	if c := waitCommit(t, ch, 7, 5*time.Second); c.Seq != 11 {
		t.Fatalf("got seq %d after 7, want 11 (7 and 10 once only)", c.Seq)
	}
}
