package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// HasWork reports whether this annotator has any document in the database.
func (s *Session) HasWork() (bool, error) { return s.db.HasWork(s.annotator) }

// HasWork reports whether the annotator has any document in the database.
func (db *DB) HasWork(annotator string) (bool, error) {
	var has bool
	err := db.rq.QueryRowContext(context.Background(), `SELECT EXISTS (SELECT 1 FROM doc_state ds JOIN annotators a ON a.id = ds.annotator
		WHERE a.name = ?)`, annotator).Scan(&has)
	if err != nil {
		return false, fmt.Errorf("database %s: %w", db.path, err)
	}
	return has, nil
}

// InUse says why the annotator cannot be written now (a running hashiya
// holds it, naming its host and pid), or nil.
func (db *DB) InUse(annotator string) error {
	var id int64
	err := db.rq.QueryRowContext(context.Background(), "SELECT id FROM annotators WHERE name = ?", annotator).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("database %s: %w", db.path, err)
	}
	return db.checkLease(context.Background(), db.rq, id, annotator)
}
