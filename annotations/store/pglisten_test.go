package store

import (
	"testing"
	"time"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/internal/pgtest"
)

// Two servers on one PostgreSQL: a commit on one reaches the other's
// subscriber within a second by LISTEN/NOTIFY alone (its polling is set
// to an hour), and again once PostgreSQL was restarted under both.
func TestPostgresCommitReachesTheOtherServerByNotify(t *testing.T) {
	c := pgtest.Private(t)
	url := c.URL(t)
	reviewer, writer := openDB(t, url), openDB(t, url)
	reviewer.watch.every = time.Hour // only a notification can deliver in time
	ch, cancel := reviewer.Subscribe()
	defer cancel()
	s := openSession(t, writer, "alice")
	start := time.Now()
	must(t, s, annotations.AddSpan{Doc: docA, Label: "GPE", Start: 0, End: 3})
	seq, err := writer.lastSeq()
	if err != nil {
		t.Fatal(err)
	}
	if got := waitCommit(t, ch, seq, time.Second); got != (Commit{Seq: seq, Annotator: "alice", Doc: docA.ID}) {
		t.Fatalf("got %+v, want seq %d by alice on %s", got, seq, docA.ID)
	}
	t.Logf("arrived after %v", time.Since(start))

	if err := c.Restart(); err != nil {
		t.Fatal(err)
	}
	must(t, s, annotations.AddSpan{Doc: docB, Label: "ORG", Start: 0, End: 4}) // retried until the server is back
	seq, err = writer.lastSeq()
	if err != nil {
		t.Fatal(err)
	}
	// The listener reconnects with backoff (at most 2 s between tries).
	if got := waitCommit(t, ch, seq, 5*time.Second); got.Doc != docB.ID {
		t.Fatalf("after the restart got %+v, want alice's edit of %s", got, docB.ID)
	}
}
