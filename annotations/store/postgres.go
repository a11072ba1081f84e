package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// DefaultPoolMaxConns bounds the connections one process opens to
// PostgreSQL; the URL's pool_max_conns sets another bound.
const DefaultPoolMaxConns = 10

// IsURL reports whether target names a PostgreSQL database
// (postgres://… or postgresql://…) rather than an SQLite file.
func IsURL(target string) bool {
	return strings.HasPrefix(target, "postgres://") || strings.HasPrefix(target, "postgresql://")
}

// Redact is target as it may be shown or logged: a URL without its
// password (and without any query parameter that might hold one); a file
// path as it is.
func Redact(target string) string {
	if !IsURL(target) {
		return target
	}
	u, err := url.Parse(target)
	if err != nil {
		return "a PostgreSQL URL that does not parse"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	for k := range q {
		if k == "password" || k == "passfile" || k == "sslpassword" {
			q.Set(k, "xxxxx")
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// openPostgres opens the PostgreSQL database at target and migrates its
// schema. The pool holds at most pool_max_conns connections (default
// DefaultPoolMaxConns) and replaces broken ones itself (after a server
// restart); an unreachable database is an error naming its host and
// database, never its password.
func openPostgres(target string) (*DB, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, errors.New("database URL does not parse (it is not repeated here, as it may hold a password)")
	}
	password, _ := u.User.Password()
	scrub := func(s string) string {
		for _, pw := range []string{password, u.Query().Get("password")} {
			if len(pw) >= 3 {
				s = strings.ReplaceAll(s, pw, "xxxxx")
			}
		}
		return s
	}
	show := Redact(target)
	maxConns := DefaultPoolMaxConns
	q := u.Query()
	if v := q.Get("pool_max_conns"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("database %s: pool_max_conns=%q: give a number of connections, 1 or more", show, v)
		}
		maxConns = n
		q.Del("pool_max_conns") // ours, not a server setting
		u.RawQuery = q.Encode()
	}
	cfg, err := pgx.ParseConfig(u.String())
	if err != nil {
		return nil, fmt.Errorf("database %s: %s", show, scrub(err.Error()))
	}
	// An edit is confirmed once its COMMIT is durable: refuse a URL that
	// turns that off, and set it on where the server's default may not be.
	switch sc := cfg.RuntimeParams["synchronous_commit"]; sc {
	case "":
		cfg.RuntimeParams["synchronous_commit"] = "on"
	case "off", "local":
		return nil, fmt.Errorf("database %s: synchronous_commit=%s would confirm edits before they are durable; leave it out", show, sc)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	where := fmt.Sprintf("database %q on %s", cfg.Database, pgHost(cfg))
	sdb := stdlib.OpenDB(*cfg)
	sdb.SetMaxOpenConns(maxConns)
	sdb.SetMaxIdleConns(maxConns)
	host, _ := os.Hostname()
	db := &DB{path: show, sql: sdb, rq: pgQuerier{sdb}, pg: true, sessions: map[*Session]bool{}, host: host,
		now: time.Now, heartbeatEvery: HeartbeatEvery, staleAfter: StaleAfter, retryFor: RetryFor}
	ctx, cancel := context.WithTimeout(context.Background(), cfg.ConnectTimeout+5*time.Second)
	defer cancel()
	if err := sdb.PingContext(ctx); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("PostgreSQL %s is unreachable: %s", where, scrub(err.Error()))
	}
	if err := migratePostgres(ctx, sdb, len(migrations)); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("PostgreSQL %s: %s", where, scrub(err.Error()))
	}
	// Writers on several connections take seqs in one order and may commit
	// in another: the watcher reads back over the last ones.
	db.watch.lookback = pgLookback
	db.listenStop, db.listenDone = make(chan struct{}), make(chan struct{})
	go db.pgListen(cfg.Copy(), db.listenStop, db.listenDone)
	return db, nil
}

// pgLookback is how many seqs before the last delivered the commit watcher
// reads again on PostgreSQL (fewer than watchBatch).
const pgLookback = 200

// pgHost names the server: host:port, or the socket's directory.
func pgHost(cfg *pgx.ConnConfig) string {
	if strings.HasPrefix(cfg.Host, "/") {
		return "the Unix socket in " + cfg.Host
	}
	return fmt.Sprintf("%s:%d", cfg.Host, cfg.Port)
}

// pgQuerier runs the store's queries (written with ? placeholders) on
// PostgreSQL: a transaction, or the pool for reads.
type pgQuerier struct {
	q interface {
		ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
		QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
		QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	}
}

func (p pgQuerier) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return p.q.ExecContext(ctx, rebind(query), args...)
}

func (p pgQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return p.q.QueryContext(ctx, rebind(query), args...)
}

func (p pgQuerier) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return p.q.QueryRowContext(ctx, rebind(query), args...)
}

// pgLockSpace is the first key of the store's advisory locks ("hshy").
const pgLockSpace = 0x68736879

// Advisory lock second keys beside annotator IDs (which are positive).
const (
	pgLockMigrate = 0
	pgLockImport  = -1
)

// lockAnnotator makes this transaction the only writer of the annotator's
// work until it ends, on any server (PostgreSQL); SQLite's write
// transactions are one at a time already.
func (db *DB) lockAnnotator(ctx context.Context, q querier, annID int64) error {
	if !db.pg {
		return nil
	}
	_, err := q.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?, ?)", pgLockSpace, annID)
	return err
}

// migratePostgres is migrate for PostgreSQL: the same steps (each
// migration's PostgreSQL form) and schema_version, in one transaction,
// one server at a time.
func migratePostgres(ctx context.Context, sdb *sql.DB, target int) (err error) {
	tx, err := sdb.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	q := pgQuerier{tx}
	if _, err := q.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?, ?)", pgLockSpace, pgLockMigrate); err != nil {
		return err
	}
	var tables, versioned int
	if err := q.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE table_name = 'schema_version')
		FROM information_schema.tables WHERE table_schema = current_schema()`).Scan(&tables, &versioned); err != nil {
		return err
	}
	current := 0
	switch {
	case versioned == 1:
		if err := q.QueryRowContext(ctx, "SELECT COALESCE(max(version), 0) FROM schema_version").Scan(&current); err != nil {
			return err
		}
	case tables > 0:
		return fmt.Errorf("it is not hashiya's database (tables, but no schema_version table); nothing was changed")
	default:
		if _, err := q.ExecContext(ctx, schemaVersionPostgres); err != nil {
			return err
		}
	}
	if current > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this hashiya knows (%d): use a newer hashiya", current, len(migrations))
	}
	for _, m := range migrations[current:target] {
		if _, err := tx.ExecContext(ctx, m.postgres); err != nil { // no arguments: several statements
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := q.ExecContext(ctx, `INSERT INTO schema_version (version, name, applied)
			VALUES (?, ?, (extract(epoch FROM clock_timestamp()) * 1000)::bigint)`, m.version, m.name); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// schemaVersionPostgres is migrate's schema_version table, translated.
var schemaVersionPostgres = mustPostgres("schema_version", schemaVersionSQL)

func mustPostgres(name, s string) string {
	pg, err := toPostgres(name, s)
	if err != nil {
		panic(err)
	}
	return pg
}
