package store

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/record"
)

// ExportStats reports what an export wrote.
type ExportStats struct {
	Records int
	Bytes   int64
}

// WriteTraining streams the training JSONL, one record per annotator and
// document, from one read snapshot: edits keep committing meanwhile, and
// only one document's record is in memory at a time. Every record is
// checked (record.CheckRecord) before it is written; the first bad
// one stops the export with an error naming it.
func (db *DB) WriteTraining(w io.Writer) (ExportStats, error) {
	var stats ExportStats
	cw := &countingWriter{w: w}
	// An Encoder reuses its buffer: json.Marshal would allocate every
	// record's bytes anew, and an export's garbage is what sets the pace of
	// collections while edits commit beside it. Same bytes as Marshal.
	enc := json.NewEncoder(cw)
	_, err := db.EachRecord("", func(r record.Record) error {
		if err := enc.Encode(r); err != nil {
			if cw.err != nil {
				return cw.err
			}
			return fmt.Errorf("record of %q by %s: %w", r.Meta.ID, r.AnnotatorID, err)
		}
		stats.Records++
		return nil
	})
	stats.Bytes = cw.n
	return stats, err
}

// countingWriter counts what reaches w and keeps w's error.
type countingWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	if err != nil {
		c.err = err
	}
	return n, err
}

// EachRecord calls fn with every record (of annotator, or of all when it is
// ""), in document then annotator order, from one read snapshot, one
// record in memory at a time. Each is checked (record.CheckRecord)
// first; a bad one, or an error from fn, stops it. It returns the number
// of records given to fn.
func (db *DB) EachRecord(annotator string, fn func(record.Record) error) (int, error) {
	n := 0
	ctx := context.Background()
	var q querier
	var next func() (*recordRow, error) // nil at the end
	if db.pg {
		tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			return n, db.fail(err)
		}
		defer tx.Rollback() // read only: nothing to keep
		if q, next, err = pgRecordRows(ctx, tx, annotator); err != nil {
			return n, db.fail(err)
		}
	} else {
		conn, err := db.sql.Conn(ctx)
		if err != nil {
			return n, db.fail(err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
			return n, db.fail(err)
		}
		defer conn.ExecContext(ctx, "ROLLBACK") // read only: nothing to keep
		// Each record's spans and claims are two queries: prepared once, not
		// parsed again for every record.
		sq := &stmtConn{conn: conn, stmts: map[string]*sql.Stmt{}}
		defer sq.close()
		q = sq
		rows, err := conn.QueryContext(ctx, recordsQuery, annotator, annotator)
		if err != nil {
			return n, db.fail(err)
		}
		defer rows.Close()
		next = func() (*recordRow, error) {
			if !rows.Next() {
				return nil, rows.Err()
			}
			var r recordRow
			return &r, r.scan(rows)
		}
	}
	for {
		row, err := next()
		if err != nil {
			return n, db.fail(err)
		}
		if row == nil {
			return n, nil
		}
		spans, claims, err := loadAnnotations(ctx, q, row.annID, row.doc)
		if err != nil {
			return n, db.fail(err)
		}
		st, err := annotations.RestoreDocState(row.info, spans, claims, row.answer, row.updated, row.nextSpan, row.nextClaim)
		if err != nil {
			return n, fmt.Errorf("database %s: annotator %s: %w", db.path, row.name, err)
		}
		r := record.BuildRecord(st, row.name, row.session)
		if p := record.CheckRecord(r); len(p) > 0 {
			return n, fmt.Errorf("record of %q by %s not written: %s", row.info.ID, row.name, strings.Join(p, "; "))
		}
		if err := fn(r); err != nil {
			return n, err
		}
		n++
		// An export is a long run of CPU work with no blocking call; let a
		// waiting goroutine (an edit back from its fsync, the UI) have the
		// processor now rather than at the runtime's next 10 ms preemption.
		runtime.Gosched()
	}
}

// recordsQuery lists the records: every annotator's documents (or one
// annotator's, when the two arguments name it), in document then annotator order.
const recordsQuery = `SELECT ds.annotator, a.name, ds.doc, d.doc_id, d.text, d.source, d.lang,
			ds.updated, ds.next_span, ds.next_claim, se.name,
			COALESCE((SELECT answer FROM answers x WHERE x.annotator = ds.annotator AND x.doc = ds.doc), '')
		FROM doc_state ds
		JOIN documents d ON d.id = ds.doc
		JOIN annotators a ON a.id = ds.annotator
		JOIN sessions se ON se.id = ds.session
		WHERE ? = '' OR a.name = ?
		ORDER BY ds.doc, a.name`

// recordRow is one row of recordsQuery.
type recordRow struct {
	annID, doc, updated   int64
	name, session, answer string
	nextSpan, nextClaim   int
	info                  annotations.DocInfo
}

func (r *recordRow) scan(rows *sql.Rows) error {
	return rows.Scan(&r.annID, &r.name, &r.doc, &r.info.ID, &r.info.Text, &r.info.Source, &r.info.Lang,
		&r.updated, &r.nextSpan, &r.nextClaim, &r.session, &r.answer)
}

// pgFetch is how many records a PostgreSQL export reads from its cursor at
// a time (their texts are in memory together).
const pgFetch = 16

// pgRecordRows reads recordsQuery in tx (a PostgreSQL export's snapshot: a
// REPEATABLE READ, read-only transaction) through a cursor, since one
// connection runs one query at a time and each record needs two more.
func pgRecordRows(ctx context.Context, tx *sql.Tx, annotator string) (querier, func() (*recordRow, error), error) {
	q := pgQuerier{tx}
	if _, err := q.ExecContext(ctx, "DECLARE records NO SCROLL CURSOR FOR "+recordsQuery, annotator, annotator); err != nil {
		return nil, nil, err
	}
	var batch []*recordRow
	done := false
	next := func() (*recordRow, error) {
		if len(batch) == 0 && !done {
			rows, err := tx.QueryContext(ctx, "FETCH "+strconv.Itoa(pgFetch)+" FROM records")
			if err != nil {
				return nil, err
			}
			for rows.Next() {
				r := &recordRow{}
				if err := r.scan(rows); err != nil {
					rows.Close()
					return nil, err
				}
				batch = append(batch, r)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, err
			}
			done = len(batch) < pgFetch
		}
		if len(batch) == 0 {
			return nil, nil
		}
		r := batch[0]
		batch = batch[1:]
		return r, nil
	}
	return q, next, nil
}

// ExportTraining writes the training JSONL to path atomically: a temp file
// beside it, fsync, rename over path, fsync the directory. On any error
// path is left as it was.
func (db *DB) ExportTraining(path string) (ExportStats, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return ExportStats{}, fmt.Errorf("write %s: %w", path, err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<20)
	stats, err := db.WriteTraining(bw)
	if err != nil {
		return stats, err
	}
	if err := bw.Flush(); err != nil {
		return stats, fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return stats, err
	}
	if err := tmp.Sync(); err != nil {
		return stats, fmt.Errorf("fsync %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return stats, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return stats, fmt.Errorf("replace %s: %w", path, err)
	}
	done = true
	d, err := os.Open(dir)
	if err != nil {
		return stats, err
	}
	defer d.Close()
	return stats, d.Sync()
}
