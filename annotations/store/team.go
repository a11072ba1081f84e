package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Answers lists every annotator's answered documents: annotator name → document ID →
// answer (accept, reject, ignore). One indexed query, for a team server's routing and
// progress line.
func (db *DB) Answers() (map[string]map[string]string, error) {
	var rows *sql.Rows
	err := db.retryRead(func() (err error) {
		rows, err = db.rq.QueryContext(context.Background(),
			`SELECT a.name, d.doc_id, x.answer FROM answers x
			JOIN annotators a ON a.id = x.annotator
			JOIN documents d ON d.id = x.doc`)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", db.path, err)
	}
	defer rows.Close()
	out := map[string]map[string]string{}
	for rows.Next() {
		var name, doc, answer string
		if err := rows.Scan(&name, &doc, &answer); err != nil {
			return nil, fmt.Errorf("database %s: %w", db.path, err)
		}
		if out[name] == nil {
			out[name] = map[string]string{}
		}
		out[name][doc] = answer
	}
	return out, rows.Err()
}
