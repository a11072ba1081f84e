package store

import (
	"testing"

	"github.com/hashiya/hashiya/internal/pgtest"
)

// newPostgres gives the suite one fresh PostgreSQL database per test.
func newPostgres(t *testing.T) opener {
	url := pgtest.URL(t)
	return func(t *testing.T) backend {
		t.Helper()
		db, err := Open(url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return sqliteBackend{db}
	}
}
