package store

import (
	"path/filepath"
	"testing"

	"github.com/hashiya/hashiya/annotations"
)

// sqliteBackend adapts *DB to the suite's backend.
type sqliteBackend struct{ *DB }

func (b sqliteBackend) Session(annotator string) (annotations.Session, error) {
	s, err := b.DB.Session(annotator)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// newSQLite gives the suite one database file per test.
func newSQLite(t *testing.T) opener {
	path := filepath.Join(t.TempDir(), "project.db")
	return func(t *testing.T) backend {
		t.Helper()
		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return sqliteBackend{db}
	}
}

// TestStoreSuite runs the shared suite on both backends.
func TestStoreSuite(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { runSuite(t, newSQLite) })
	t.Run("postgres", func(t *testing.T) { runSuite(t, newPostgres) })
}

func openDB(t *testing.T, path string) *DB {
	t.Helper()
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func openSession(t *testing.T, db *DB, annotator string) *Session {
	t.Helper()
	s, err := db.Session(annotator)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
