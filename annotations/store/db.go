package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite": pure Go, no cgo
)

// DB is one project's database (an SQLite file, or a PostgreSQL
// database), open for any number of sessions.
type DB struct {
	path string // the file, or the URL without its password
	sql  *sql.DB
	rq   querier // reads outside a transaction: sql, or through pgQuerier
	pg   bool    // PostgreSQL: writes in pooled transactions, retried (pgwrite.go)
	// retryFor bounds how long a PostgreSQL write is retried after its
	// connection broke (a server restart) before it fails.
	retryFor time.Duration
	// afterCommit, in tests, runs after a PostgreSQL COMMIT and may make it
	// look lost (a connection cut as the server answered); noStatus, in
	// tests, makes the lost commit's outcome unknown.
	afterCommit func() error
	noStatus    bool
	// The LISTEN connection's goroutine (pglisten.go), on PostgreSQL.
	listenStop, listenDone chan struct{}

	// wmu serialises this process's writes on wconn, one connection kept for
	// them: SQLite has one writer at a time, and per-connection pragmas
	// (max_page_count in tests) stay put.
	wmu    sync.Mutex
	wconn  *sql.Conn
	wq     *stmtConn // wconn with prepared statements
	ident  fileID
	closed bool

	smu      sync.Mutex
	sessions map[*Session]bool

	// The checkpointer copies the WAL into the database in the
	// background, so no commit pays for it (SQLite's automatic
	// checkpoint runs inside the COMMIT that crosses its threshold).
	commits chan struct{}
	cpStop  chan struct{}
	cpDone  chan struct{}

	watch watchHub // Subscribe's subscribers and poller

	host           string
	now            func() time.Time
	heartbeatEvery time.Duration
	staleAfter     time.Duration
}

// Lease timing: a session refreshes its lease every HeartbeatEvery (and on
// every commit); a lease not refreshed for StaleAfter is taken over.
const (
	HeartbeatEvery = 10 * time.Second
	StaleAfter     = 60 * time.Second
)

// sqliteHeader starts every SQLite database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// Open opens (creating if needed) the database at target and migrates its
// schema: a file path is SQLite; a postgres:// or postgresql:// URL is
// PostgreSQL (see openPostgres). A read-only file or directory, a file that
// is not a database or a damaged one is refused with an error naming the
// path; nothing is ever silently started afresh.
func Open(target string) (*DB, error) {
	if IsURL(target) {
		return openPostgres(target)
	}
	return openSQLite(target)
}

func openSQLite(path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("no database file given")
	}
	if strings.ContainsRune(path, '?') {
		return nil, fmt.Errorf("database %s: the path may not contain '?'", path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if err := checkWritable(abs); err != nil {
		return nil, err
	}
	dsn := abs + "?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)&_pragma=wal_autocheckpoint(0)"
	sdb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", abs, err)
	}
	host, _ := os.Hostname()
	db := &DB{path: abs, sql: sdb, rq: sdb, sessions: map[*Session]bool{}, host: host, now: time.Now,
		heartbeatEvery: HeartbeatEvery, staleAfter: StaleAfter}
	if err := db.open(); err != nil {
		if db.wconn != nil {
			db.wconn.Close()
		}
		sdb.Close()
		return nil, err
	}
	return db, nil
}

func (db *DB) open() error {
	ctx := context.Background()
	var err error
	if db.wconn, err = db.sql.Conn(ctx); err != nil {
		return db.fail(err)
	}
	db.wq = &stmtConn{conn: db.wconn, stmts: map[string]*sql.Stmt{}}
	if err := checkHashiya(ctx, db.wconn); err != nil { // before WAL rewrites the header
		return db.fail(err)
	}
	var mode string
	if err := db.wconn.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode); err != nil {
		return db.fail(err)
	}
	if mode != "wal" {
		return fmt.Errorf("database %s: journal mode is %q, not WAL", db.path, mode)
	}
	if err := migrate(ctx, db.wconn, len(migrations)); err != nil {
		return db.fail(err)
	}
	if db.ident, err = identify(db.path); err != nil {
		return err
	}
	db.commits, db.cpStop, db.cpDone = make(chan struct{}, 1), make(chan struct{}), make(chan struct{})
	go db.checkpointer()
	return nil
}

// checkpointInterval spaces background checkpoints while commits arrive.
const checkpointInterval = 500 * time.Millisecond

func (db *DB) checkpointer() {
	defer close(db.cpDone)
	for {
		select {
		case <-db.commits:
		case <-db.cpStop:
			return
		}
		select { // gather a burst of edits
		case <-time.After(checkpointInterval):
		case <-db.cpStop:
			return
		}
		// PASSIVE never blocks a writer or a reader; frames a reader still
		// needs are copied by a later pass.
		db.sql.Exec("PRAGMA wal_checkpoint(PASSIVE)")
	}
}

// committed wakes the checkpointer without waiting for it.
func (db *DB) committed() {
	select {
	case db.commits <- struct{}{}:
	default:
	}
	db.watch.kick()
}

// fail names the file in an error from SQLite, and says plainly when the
// file is damaged.
func (db *DB) fail(err error) error {
	msg := err.Error()
	if strings.Contains(msg, "malformed") || strings.Contains(msg, "not a database") || strings.Contains(msg, "corrupt") {
		return fmt.Errorf("database %s is damaged (%v); nothing was changed: restore a backup or move it aside", db.path, err)
	}
	return fmt.Errorf("database %s: %w", db.path, err)
}

// checkWritable refuses a read-only database or directory, and a file that
// is not an SQLite database, before SQLite sees them. Write permission bits
// are checked as well as access(2), so even root is told.
func checkWritable(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("database %s: %w", path, err)
	}
	if st, err := os.Stat(dir); err != nil {
		return fmt.Errorf("database %s: %w", path, err)
	} else if st.Mode().Perm()&0o200 == 0 || syscall.Access(dir, 2) != nil {
		return fmt.Errorf("directory %s is read-only: the database %s needs to write beside it", dir, filepath.Base(path))
	}
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("database %s: %w", path, err)
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("database %s is not a regular file", path)
	}
	if st.Mode().Perm()&0o200 == 0 || syscall.Access(path, 2) != nil {
		return fmt.Errorf("database %s is read-only", path)
	}
	if st.Size() == 0 {
		return nil // an empty file is an empty database
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("database %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, sqliteHeader) {
		return fmt.Errorf("database %s is not an SQLite database (damaged, or another kind of file); nothing was changed", path)
	}
	return nil
}

// fileID identifies the database file, to notice it deleted or replaced.
type fileID struct{ dev, ino uint64 }

func identify(path string) (fileID, error) {
	st, err := os.Stat(path)
	if err != nil {
		return fileID{}, fmt.Errorf("database %s: %w", path, err)
	}
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, nil
	}
	return fileID{uint64(sys.Dev), uint64(sys.Ino)}, nil
}

// checkIdentity fails if the file at path is no longer the one opened: a
// commit would go to a deleted file, or the new one would be overwritten.
func (db *DB) checkIdentity() error {
	if db.pg {
		return nil
	}
	id, err := identify(db.path)
	if errors.Is(err, os.ErrNotExist) || (err == nil && id != db.ident) {
		return fmt.Errorf("database %s was deleted or replaced while open: nothing more is saved; restart hashiya", db.path)
	}
	return err
}

// Path is the database file's absolute path, or the PostgreSQL URL
// without its password.
func (db *DB) Path() string { return db.path }

// querier is what reads need: a transaction's connection or the pool.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// write runs fn in one transaction and commits it, durable on return; any
// error rolls everything back. fn may run more than once on PostgreSQL
// (pgWrite retries a broken connection), so it must start from nothing.
func (db *DB) write(fn func(ctx context.Context, q querier) error) error {
	if db.pg {
		return db.pgWrite(fn, true)
	}
	return db.writeSQLite(fn)
}

// writeOnce is write for a transaction that cannot run twice (an import
// streaming its file): on PostgreSQL it is not retried.
func (db *DB) writeOnce(fn func(ctx context.Context, q querier) error) error {
	if db.pg {
		return db.pgWrite(fn, false)
	}
	return db.writeSQLite(fn)
}

// writeSQLite runs fn in one immediate transaction on the write connection
// and commits it (durable on return: WAL with synchronous=FULL).
func (db *DB) writeSQLite(fn func(ctx context.Context, q querier) error) (err error) {
	db.wmu.Lock()
	defer db.wmu.Unlock()
	if db.closed {
		return errors.New("database is closed")
	}
	if err := db.checkIdentity(); err != nil {
		return err
	}
	ctx := context.Background()
	if _, err := db.wconn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return db.fail(err)
	}
	defer func() {
		if err != nil {
			db.wconn.ExecContext(ctx, "ROLLBACK")
		}
	}()
	if err := fn(ctx, db.wq); err != nil {
		return err
	}
	if err := db.checkIdentity(); err != nil {
		return err
	}
	if _, err := db.wconn.ExecContext(ctx, "COMMIT"); err != nil {
		return db.fail(err)
	}
	db.committed()
	return nil
}

// Close ends every open session (releasing their leases) and closes the file.
func (db *DB) Close() error {
	db.smu.Lock()
	open := make([]*Session, 0, len(db.sessions))
	for s := range db.sessions {
		open = append(open, s)
	}
	db.smu.Unlock()
	var errs []error
	for _, s := range open {
		errs = append(errs, s.Close())
	}
	db.wmu.Lock()
	if db.pg && !db.closed {
		db.closed = true
		close(db.listenStop)
		db.wmu.Unlock()
		<-db.listenDone
		db.wmu.Lock()
		errs = append(errs, db.sql.Close())
	}
	if !db.closed {
		db.closed = true
		close(db.cpStop)
		db.wmu.Unlock()
		<-db.cpDone
		db.wmu.Lock()
		db.wq.close()
		db.wconn.ExecContext(context.Background(), "PRAGMA wal_checkpoint(TRUNCATE)")
		errs = append(errs, db.wconn.Close(), db.sql.Close())
	}
	db.wmu.Unlock()
	return errors.Join(errs...)
}
