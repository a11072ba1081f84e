package store

import (
	"context"
	"sync"
	"time"
)

// Commit is one operation committed to the database, by this process or
// another: its place in the operation log, whose work and which document.
type Commit struct {
	Seq       int64
	Annotator string
	Doc       string
}

// watchPoll spaces the reads of the operation log while anyone is
// subscribed: commits of other processes arrive within it.
const watchPoll = 250 * time.Millisecond

// watchBatch bounds the rows one read of the log holds (an import logs
// thousands of operations at once); more than any lookback.
const watchBatch = 500

// watchHub is the DB's subscribers and the one poller that serves them.
// Its zero value is ready: the poller starts with the first subscriber
// and stops with the last.
type watchHub struct {
	mu     sync.Mutex
	subs   map[*subscriber]bool
	kickCh chan struct{} // nil while nobody is subscribed
	stop   chan struct{} // of the running poller
	last   int64         // the last seq delivered; -1: not known yet
	every  time.Duration // the poll interval; 0: watchPoll
	// lookback re-reads that many seqs before last: where concurrent writers take
	// seqs in one order and commit in another (PostgreSQL), a lower seq can appear
	// after a higher one was delivered. SQLite commits in seq order: 0.
	lookback int64
	seen     map[int64]bool // seqs delivered within the lookback
}

type subscriber struct{ ch chan Commit }

// deliver hands c over without waiting: a subscriber that has not taken
// the previous commit gets this later one in its place.
func (s *subscriber) deliver(c Commit) {
	select {
	case s.ch <- c:
		return
	default:
	}
	select {
	case <-s.ch:
	default:
	}
	select {
	case s.ch <- c:
	default:
	}
}

// Subscribe delivers every commit to the database from now on, by this
// process or another, on the channel. A subscriber that reads slowly may
// miss intermediate commits but always gets a later one; no writer ever
// waits for it. cancel ends the subscription and closes the channel, as
// closing the database does.
func (db *DB) Subscribe() (<-chan Commit, func()) {
	h := &db.watch
	sub := &subscriber{ch: make(chan Commit, 1)}
	// Read the log's end first, so a commit right after Subscribe returns
	// is not taken for one before it (and no writer waits on the query).
	seq, err := db.lastSeq()
	if err != nil {
		seq = -1 // the poller reads it
	}
	h.mu.Lock()
	if h.subs == nil {
		h.subs = map[*subscriber]bool{}
	}
	h.subs[sub] = true
	if len(h.subs) == 1 {
		h.kickCh, h.stop = make(chan struct{}, 1), make(chan struct{})
		h.last = seq
		every := h.every
		if every == 0 {
			every = watchPoll
		}
		go db.poll(h.kickCh, h.stop, every)
	}
	h.mu.Unlock()
	var once sync.Once
	return sub.ch, func() { once.Do(func() { db.unsubscribe(sub) }) }
}

func (db *DB) unsubscribe(sub *subscriber) {
	h := &db.watch
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.subs[sub] {
		return // already closed with the database
	}
	delete(h.subs, sub)
	close(sub.ch)
	if len(h.subs) == 0 {
		close(h.stop)
		h.kickCh, h.stop = nil, nil
	}
}

// kick tells the poller this process just committed, so its own
// subscribers need not wait for the next poll. It never blocks.
func (h *watchHub) kick() {
	h.mu.Lock()
	select {
	case h.kickCh <- struct{}{}: // a nil channel (nobody subscribed) takes default
	default:
	}
	h.mu.Unlock()
}

// poll reads the operation log after every kick and every interval until
// stop is closed or the database is.
func (db *DB) poll(kick, stop chan struct{}, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	var retry <-chan time.Time
	for {
		select {
		case <-stop:
			return
		case <-kick:
		case <-t.C:
		case <-retry:
		}
		retry = nil
		if err := db.readCommits(stop); err != nil {
			if db.isClosed() {
				db.closeSubscribers(stop)
				return
			}
			// A read that failed (the pool's connections cut by a restart) is
			// tried again soon: the kick that asked for it is spent, and the
			// commits it was to find may have no notification left to come.
			retry = time.After(min(every, watchRetry))
		}
	}
}

// watchRetry spaces reads of the log after one failed.
const watchRetry = 100 * time.Millisecond

// readCommits delivers the commits logged since the last one delivered.
// Errors are left for the next poll (a database restarting), unless the
// database was closed.
func (db *DB) readCommits(stop chan struct{}) error {
	h := &db.watch
	h.mu.Lock()
	last := h.last
	h.mu.Unlock()
	if last < 0 {
		seq, err := db.lastSeq()
		if err != nil {
			return err
		}
		h.mu.Lock()
		if h.stop == stop {
			h.last = seq
		}
		h.mu.Unlock()
		return nil
	}
	for {
		batch, err := db.commitsAfter(max(0, last-h.lookback))
		if err != nil {
			return err
		}
		h.mu.Lock()
		if h.stop != stop { // unsubscribed meanwhile: a newer poller owns h.last
			h.mu.Unlock()
			return nil
		}
		if h.seen == nil {
			h.seen = map[int64]bool{}
		}
		top := last
		for _, c := range batch {
			if h.seen[c.Seq] || c.Seq <= last-h.lookback || (h.lookback == 0 && c.Seq <= last) {
				continue
			}
			if h.lookback > 0 {
				h.seen[c.Seq] = true
			}
			for sub := range h.subs {
				sub.deliver(c)
			}
			top = max(top, c.Seq)
		}
		for seq := range h.seen {
			if seq <= top-h.lookback {
				delete(h.seen, seq)
			}
		}
		last, h.last = top, top
		h.mu.Unlock()
		if len(batch) < watchBatch {
			return nil
		}
	}
}

// lastSeq is the operation log's last seq, 0 when it is empty.
func (db *DB) lastSeq() (int64, error) {
	var seq int64
	err := db.rq.QueryRowContext(context.Background(), "SELECT COALESCE(max(seq), 0) FROM ops").Scan(&seq)
	return seq, err
}

// commitsAfter reads up to watchBatch commits after seq, in order.
func (db *DB) commitsAfter(seq int64) ([]Commit, error) {
	rows, err := db.rq.QueryContext(context.Background(), `SELECT o.seq, a.name, d.doc_id FROM ops o
		JOIN annotators a ON a.id = o.annotator
		JOIN documents d ON d.id = o.doc
		WHERE o.seq > ? ORDER BY o.seq LIMIT ?`, seq, watchBatch)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Commit
	for rows.Next() {
		var c Commit
		if err := rows.Scan(&c.Seq, &c.Annotator, &c.Doc); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (db *DB) isClosed() bool {
	db.wmu.Lock()
	defer db.wmu.Unlock()
	return db.closed
}

// closeSubscribers ends every subscription of the poller stop belongs to:
// the database was closed.
func (db *DB) closeSubscribers(stop chan struct{}) {
	h := &db.watch
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.stop != stop {
		return
	}
	for sub := range h.subs {
		close(sub.ch)
	}
	h.subs = nil
	h.kickCh, h.stop = nil, nil
}
