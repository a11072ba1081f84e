package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// RetryFor is how long a PostgreSQL write keeps being retried, with
// backoff, while its connection breaks (a server restarting): an edit in
// flight is then committed once the server is back, or fails with an
// error the screen shows.
const RetryFor = 20 * time.Second

// pgWrite runs fn in one READ COMMITTED transaction on a pooled connection
// and commits it; the COMMIT returns once the server has made it durable
// (synchronous_commit is on unless the server was configured otherwise).
// Each writer of an annotator's work holds its advisory lock
// (lockAnnotator), so concurrent transactions on any server never
// interleave one annotator's edits.
//
// A transaction whose connection broke, or that the server cancelled as a
// deadlock or a serialization failure, is run again (fn from the start)
// when retry is set, until retryFor has passed. A COMMIT whose answer was
// lost is not run again blindly: the transaction's ID is looked up once the
// server is back, and a committed one is done (and ops.uid refuses any
// operation logged twice).
func (db *DB) pgWrite(fn func(ctx context.Context, q querier) error, retry bool) error {
	deadline := time.Now().Add(db.retryFor)
	wait := 50 * time.Millisecond
	for attempt := 1; ; attempt++ {
		db.wmu.Lock()
		closed := db.closed
		db.wmu.Unlock()
		if closed {
			return errors.New("database is closed")
		}
		err := db.pgAttempt(fn, deadline)
		if err == nil {
			db.watch.kick() // Subscribe: this process's commits need not wait for the poll
			return nil
		}
		if attempt > 1 && loggedTwice(err) {
			return fmt.Errorf("PostgreSQL %s: this edit was committed before the connection broke, and is not applied again: %w", db.path, err)
		}
		if !retry || !transient(err) || time.Now().Add(wait).After(deadline) {
			if transient(err) {
				return fmt.Errorf("PostgreSQL %s: not saved after %d attempt(s) in %s, the server is unreachable or restarting: %w",
					db.path, attempt, db.retryFor, err)
			}
			return err
		}
		time.Sleep(wait)
		wait = min(wait*2, time.Second)
	}
}

// retryRead runs fn, a read outside a transaction, again while PostgreSQL's
// connection breaks (for up to 10 s: a reader waits on it), so a
// pooled connection cut by a restart costs no error on the screen.
func (db *DB) retryRead(fn func() error) error {
	err := fn()
	if !db.pg {
		return err
	}
	wait := 50 * time.Millisecond
	for deadline := time.Now().Add(10 * time.Second); transient(err) && time.Now().Add(wait).Before(deadline); {
		time.Sleep(wait)
		wait = min(wait*2, time.Second)
		err = fn()
	}
	return err
}

// pgAttempt is one try of pgWrite.
func (db *DB) pgAttempt(fn func(ctx context.Context, q querier) error, deadline time.Time) error {
	ctx := context.Background()
	tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	if err != nil {
		return err
	}
	var xid string
	if err := tx.QueryRowContext(ctx, "SELECT pg_current_xact_id()::text").Scan(&xid); err != nil {
		tx.Rollback()
		return err
	}
	if err := fn(ctx, pgQuerier{tx}); err != nil {
		tx.Rollback()
		return err
	}
	err = tx.Commit()
	if err == nil && db.afterCommit != nil {
		err = db.afterCommit()
	}
	if err != nil && transient(err) && !db.noStatus && db.pgCommitted(xid, deadline) {
		err = nil // the COMMIT reached the server before the connection broke
	}
	if err == nil {
		db.watch.kick() // this process's subscribers need not wait for the notification
	}
	return err
}

// pgCommitted asks the server, until deadline, whether transaction xid
// committed. Unknown (the server stays unreachable) counts as not.
func (db *DB) pgCommitted(xid string, deadline time.Time) bool {
	wait := 50 * time.Millisecond
	for {
		var status sql.NullString
		err := db.sql.QueryRowContext(context.Background(), "SELECT pg_xact_status($1::xid8)", xid).Scan(&status)
		if err == nil {
			return status.String == "committed"
		}
		if !transient(err) || time.Now().Add(wait).After(deadline) {
			return false
		}
		time.Sleep(wait)
		wait = min(wait*2, time.Second)
	}
}

// loggedTwice reports whether err, in a retry, is a unique key refusing what
// the lost attempt wrote: ops.uid refusing the same operation, or the rows a
// first edit of a document makes.
func loggedTwice(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// transient reports whether err is a broken or refused connection (a
// server restarting), or a deadlock or serialization failure: worth running
// the transaction again.
func transient(err error) bool {
	if err == nil {
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case strings.HasPrefix(pe.Code, "08"), // connection exception
			pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03", // shutdown, crash, starting up
			pe.Code == "40001", pe.Code == "40P01": // serialization failure, deadlock
			return true
		}
		return false
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	switch {
	case errors.As(err, &ce), errors.As(err, &ne), pgconn.SafeToRetry(err), pgconn.Timeout(err),
		errors.Is(err, driver.ErrBadConn), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE),
		errors.Is(err, syscall.ENOENT):
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "conn closed") || strings.Contains(msg, "broken pipe") ||
		strings.Contains(msg, "connection reset") || strings.Contains(msg, "unexpected EOF")
}
