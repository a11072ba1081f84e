package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"
)

var annotatorRE = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// SessionOptions configure DB.OpenSession.
type SessionOptions struct {
	Annotator string // [A-Za-z0-9._-]+; becomes _annotator_id
	Name      string // becomes _session_id; default "<annotator>-<YYYY-MM-DD>"
}

// Session opens a session for annotator with the default session name.
func (db *DB) Session(annotator string) (*Session, error) {
	return db.OpenSession(SessionOptions{Annotator: annotator})
}

// OpenSession takes the annotator's lease: only one session at a time may
// write an annotator's work, in this process or any other (except gold's on
// PostgreSQL, which reviewers on several servers share; see Session.shared). A lease held by
// a live session is refused with a message naming its host and pid; one
// left by a process gone from this host, or not refreshed for StaleAfter,
// is taken over.
func (db *DB) OpenSession(o SessionOptions) (*Session, error) {
	if !annotatorRE.MatchString(o.Annotator) || strings.Trim(o.Annotator, ".") == "" {
		return nil, fmt.Errorf("annotator %q: use letters, digits, '.', '_' or '-'", o.Annotator)
	}
	if o.Name == "" {
		o.Name = o.Annotator + "-" + db.now().Format("2006-01-02")
	}
	s := &Session{db: db, name: o.Name, annotator: o.Annotator, cache: map[string]*docEntry{},
		stop: make(chan struct{}), stopped: make(chan struct{}), shared: db.pg && o.Annotator == Gold}
	err := db.write(func(ctx context.Context, q querier) error {
		if _, err := q.ExecContext(ctx, "INSERT INTO annotators (name) VALUES (?) ON CONFLICT (name) DO NOTHING", o.Annotator); err != nil {
			return err
		}
		if err := q.QueryRowContext(ctx, "SELECT id FROM annotators WHERE name = ?", o.Annotator).Scan(&s.annID); err != nil {
			return err
		}
		if err := db.lockAnnotator(ctx, q, s.annID); err != nil {
			return err
		}
		if s.shared {
			return q.QueryRowContext(ctx, "INSERT INTO sessions (annotator, name, host, pid, started) VALUES (?, ?, ?, ?, ?) RETURNING id",
				s.annID, o.Name, db.host, os.Getpid(), db.now().UnixMilli()).Scan(&s.sessID)
		}
		if err := db.checkLease(ctx, q, s.annID, o.Annotator); err != nil {
			return err
		}
		now := db.now().UnixMilli()
		if err := q.QueryRowContext(ctx, "INSERT INTO sessions (annotator, name, host, pid, started) VALUES (?, ?, ?, ?, ?) RETURNING id",
			s.annID, o.Name, db.host, os.Getpid(), now).Scan(&s.sessID); err != nil {
			return err
		}
		_, err := q.ExecContext(ctx, `INSERT INTO leases (annotator, session, host, pid, heartbeat) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (annotator) DO UPDATE SET session = excluded.session, host = excluded.host,
				pid = excluded.pid, heartbeat = excluded.heartbeat`, s.annID, s.sessID, db.host, os.Getpid(), now)
		return err
	})
	if err != nil {
		return nil, err
	}
	db.smu.Lock()
	db.sessions[s] = true
	db.smu.Unlock()
	go s.heartbeat()
	return s, nil
}

// checkLease returns nil if the annotator's lease is free or may be taken over.
func (db *DB) checkLease(ctx context.Context, q querier, annID int64, name string) error {
	var host string
	var pid int
	var beat int64
	err := q.QueryRowContext(ctx, "SELECT host, pid, heartbeat FROM leases WHERE annotator = ?", annID).Scan(&host, &pid, &beat)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	age := db.now().Sub(time.UnixMilli(beat))
	if age > db.staleAfter || (host == db.host && !pidAlive(pid)) {
		return nil // a dead holder: take it over
	}
	where := fmt.Sprintf("pid %d on %s", pid, host)
	if host == db.host && pid == os.Getpid() {
		where += " (this process)"
	}
	return fmt.Errorf("annotator %q is in use by hashiya %s, last seen %s ago; close it first, or use another annotator name",
		name, where, age.Round(time.Second))
}

// pidAlive reports whether a process with that pid exists on this host.
func pidAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// ErrLeaseLost means another session took this annotator over (this one
// looked dead): nothing more is written through this session.
var ErrLeaseLost = errors.New("lease lost")

// renewLease refreshes the lease inside a write transaction, failing if
// another session holds it now.
func (s *Session) renewLease(ctx context.Context, q querier) error {
	if err := s.db.lockAnnotator(ctx, q, s.annID); err != nil {
		return err
	}
	if s.shared {
		return nil // no lease: the lock is all a shared session needs
	}
	res, err := q.ExecContext(ctx, "UPDATE leases SET heartbeat = ? WHERE annotator = ? AND session = ?",
		s.db.now().UnixMilli(), s.annID, s.sessID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		var host string
		var pid int
		q.QueryRowContext(ctx, "SELECT host, pid FROM leases WHERE annotator = ?", s.annID).Scan(&host, &pid)
		return fmt.Errorf("annotator %q: %w to hashiya pid %d on %s; this session saves nothing more", s.annotator, ErrLeaseLost, pid, host)
	}
	return nil
}

func (s *Session) heartbeat() {
	defer close(s.stopped)
	t := time.NewTicker(s.db.heartbeatEvery)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			s.mu.Lock()
			err := s.db.write(s.renewLease)
			s.mu.Unlock()
			if errors.Is(err, ErrLeaseLost) {
				return
			}
		}
	}
}

// closeOnce guards Session.Close.
type closeOnce struct {
	once sync.Once
	err  error
}
