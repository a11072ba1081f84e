package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/hashiya/hashiya/internal/pgtest"
)

// onBoth runs test on each backend, as subtests "sqlite" (a file in the
// test's temporary directory) and "postgres" (a fresh database).
func onBoth(t *testing.T, test func(t *testing.T, target string)) {
	t.Run("sqlite", func(t *testing.T) { test(t, filepath.Join(t.TempDir(), "p.db")) })
	t.Run("postgres", func(t *testing.T) { test(t, pgtest.URL(t)) })
}

// row runs a test's query (? placeholders) on either backend.
func (db *DB) row(query string, args ...any) *sql.Row {
	return db.rq.QueryRowContext(context.Background(), query, args...)
}

// exec runs a test's statement (? placeholders) on either backend.
func (db *DB) exec(query string, args ...any) (sql.Result, error) {
	return db.rq.ExecContext(context.Background(), query, args...)
}
