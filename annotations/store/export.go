package store

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
	_, err := db.EachRecord("", func(r record.Record) error {
		b, err := json.Marshal(r)
		if err != nil {
			return fmt.Errorf("record of %q by %s: %w", r.Meta.ID, r.AnnotatorID, err)
		}
		b = append(b, '\n')
		if _, err := w.Write(b); err != nil {
			return err
		}
		stats.Records++
		stats.Bytes += int64(len(b))
		return nil
	})
	return stats, err
}

// EachRecord calls fn with every record (of annotator, or of all when it is
// ""), in document then annotator order, from one read snapshot, one
// record in memory at a time. Each is checked (record.CheckRecord)
// first; a bad one, or an error from fn, stops it. It returns the number
// of records given to fn.
func (db *DB) EachRecord(annotator string, fn func(record.Record) error) (int, error) {
	n := 0
	ctx := context.Background()
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return n, db.fail(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return n, db.fail(err)
	}
	defer conn.ExecContext(ctx, "ROLLBACK") // read only: nothing to keep
	rows, err := conn.QueryContext(ctx, `SELECT ds.annotator, a.name, ds.doc, d.doc_id, d.text, d.source, d.lang,
			ds.updated, ds.next_span, ds.next_claim, se.name,
			COALESCE((SELECT answer FROM answers x WHERE x.annotator = ds.annotator AND x.doc = ds.doc), '')
		FROM doc_state ds
		JOIN documents d ON d.id = ds.doc
		JOIN annotators a ON a.id = ds.annotator
		JOIN sessions se ON se.id = ds.session
		WHERE ? = '' OR a.name = ?
		ORDER BY ds.doc, a.name`, annotator, annotator)
	if err != nil {
		return n, db.fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		var annID, doc, updated int64
		var name, session, answer string
		var nextSpan, nextClaim int
		var info annotations.DocInfo
		if err := rows.Scan(&annID, &name, &doc, &info.ID, &info.Text, &info.Source, &info.Lang,
			&updated, &nextSpan, &nextClaim, &session, &answer); err != nil {
			return n, db.fail(err)
		}
		spans, claims, err := loadAnnotations(ctx, conn, annID, doc)
		if err != nil {
			return n, db.fail(err)
		}
		st, err := annotations.RestoreDocState(info, spans, claims, answer, updated, nextSpan, nextClaim)
		if err != nil {
			return n, fmt.Errorf("database %s: annotator %s: %w", db.path, name, err)
		}
		r := record.BuildRecord(st, name, session)
		if p := record.CheckRecord(r); len(p) > 0 {
			return n, fmt.Errorf("record of %q by %s not written: %s", info.ID, name, strings.Join(p, "; "))
		}
		if err := fn(r); err != nil {
			return n, err
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return n, db.fail(err)
	}
	return n, nil
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
