package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/hashiya/hashiya/annotations"
)

// SavePlace keeps where this annotator is in the reader (documents in the panes,
// cursors, scroll, in the reader's own format), replacing the last one saved. Like an
// edit it needs the annotator's lease, and is durable when it returns.
func (s *Session) SavePlace(place []byte) error {
	_, err := s.run(func(t *txState) (annotations.Change, error) {
		_, err := t.q.ExecContext(t.ctx, `INSERT INTO places (annotator, session, saved, place) VALUES (?, ?, ?, ?)
			ON CONFLICT (annotator) DO UPDATE SET session = excluded.session, saved = excluded.saved, place = excluded.place`,
			s.annID, s.sessID, s.db.now().UnixMilli(), string(place))
		return annotations.Change{}, err
	})
	if err != nil {
		return fmt.Errorf("database %s: saving the place: %w", s.db.path, err)
	}
	return nil
}

// Place is what SavePlace last kept for this annotator, by any session; nil if nothing.
func (s *Session) Place() ([]byte, error) {
	var place string
	err := s.db.retryRead(func() error {
		return s.db.rq.QueryRowContext(context.Background(), "SELECT place FROM places WHERE annotator = ?", s.annID).Scan(&place)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", s.db.path, err)
	}
	return []byte(place), nil
}
