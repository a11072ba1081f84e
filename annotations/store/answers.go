package store

import (
	"context"
	"database/sql"
	"fmt"
)

// AnswerCounts counts this annotator's documents by answer (accept, reject,
// ignore): one indexed query, for the reader's progress line at start.
func (s *Session) AnswerCounts() (map[string]int, error) {
	var rows *sql.Rows
	err := s.db.retryRead(func() (err error) {
		rows, err = s.db.rq.QueryContext(context.Background(),
			`SELECT answer, count(*) FROM answers WHERE annotator = ? GROUP BY answer`, s.annID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", s.db.path, err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var a string
		var n int
		if err := rows.Scan(&a, &n); err != nil {
			return nil, fmt.Errorf("database %s: %w", s.db.path, err)
		}
		out[a] = n
	}
	return out, rows.Err()
}
