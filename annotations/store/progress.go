package store

import (
	"context"
	"database/sql"
	"fmt"
)

// DocProgress lists this annotator's documents by ID: the answer of each answered one,
// and the number of spans and claims of each annotated one. One query, for the
// reader's document list and its next unannotated / unanswered document.
func (s *Session) DocProgress() (answers map[string]string, annotated map[string]int, err error) {
	var rows *sql.Rows
	err = s.db.retryRead(func() (err error) {
		rows, err = s.db.rq.QueryContext(context.Background(), `SELECT d.doc_id, COALESCE(a.answer, ''),
				(SELECT count(*) FROM spans sp WHERE sp.annotator = ds.annotator AND sp.doc = ds.doc) +
				(SELECT count(*) FROM claims c WHERE c.annotator = ds.annotator AND c.doc = ds.doc)
			FROM doc_state ds JOIN documents d ON d.id = ds.doc
			LEFT JOIN answers a ON a.annotator = ds.annotator AND a.doc = ds.doc
			WHERE ds.annotator = ?`, s.annID)
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("database %s: %w", s.db.path, err)
	}
	defer rows.Close()
	answers, annotated = map[string]string{}, map[string]int{}
	for rows.Next() {
		var doc, answer string
		var n int
		if err := rows.Scan(&doc, &answer, &n); err != nil {
			return nil, nil, fmt.Errorf("database %s: %w", s.db.path, err)
		}
		if answer != "" {
			answers[doc] = answer
		}
		if n > 0 {
			annotated[doc] = n
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("database %s: %w", s.db.path, err)
	}
	return answers, annotated, nil
}
