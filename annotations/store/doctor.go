package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// The doctor reads a database that may be damaged. It never opens the
// original for writing: it works on a copy (with its WAL) in a scratch
// directory, so not even a checkpoint or a rollback touches the file.

// Health is what SQLite's checks found in a database.
type Health struct {
	Integrity  []string // PRAGMA integrity_check, without its "ok"
	ForeignKey []string // PRAGMA foreign_key_check, one line per row
}

// OK reports a database both checks pass.
func (h Health) OK() bool { return len(h.Integrity) == 0 && len(h.ForeignKey) == 0 }

// Salvaged is what Salvage copied: rows per table, and what it could not read.
type Salvaged struct {
	Rows       map[string]int
	Unreadable []string // "TABLE: rowid A-B: error"
	Dropped    []string // rows left out because what they refer to was lost
	History    []string // undo histories cut to the steps that survived
}

// salvageTables are copied in this order: documents first, then the state
// and the log. Leases are not copied: their holders are gone.
var salvageTables = []string{"documents", "annotators", "sessions", "doc_state", "spans", "claims",
	"answers", "links", "ops", "history", "imports", "places", "gold_provenance"}

// Diagnose copies the database at path (and its -wal) into scratch and runs
// PRAGMA integrity_check and foreign_key_check on the copy. It returns the
// copy's path for Salvage.
func Diagnose(path, scratch string) (Health, string, error) {
	var h Health
	if st, err := os.Stat(path); err != nil {
		return h, "", fmt.Errorf("database %s: %w", path, err)
	} else if !st.Mode().IsRegular() {
		return h, "", fmt.Errorf("database %s is not a regular file", path)
	}
	cp := filepath.Join(scratch, "copy.db")
	if err := copyFile(path, cp); err != nil {
		return h, "", err
	}
	if err := copyFile(path+"-wal", cp+"-wal"); err != nil && !errors.Is(err, os.ErrNotExist) {
		return h, "", err
	}
	if err := checkWritable(cp); err != nil { // not SQLite at all
		return h, "", fmt.Errorf("database %s is not an SQLite database (damaged, or another kind of file)", path)
	}
	conn, err := sql.Open("sqlite", cp)
	if err != nil {
		return h, "", err
	}
	defer conn.Close()
	rows, err := conn.Query("PRAGMA integrity_check(1000)")
	if err != nil {
		h.Integrity = append(h.Integrity, err.Error())
	} else {
		for rows.Next() {
			var s string
			if rows.Scan(&s) == nil && s != "ok" {
				h.Integrity = append(h.Integrity, s)
			}
		}
		if err := rows.Err(); err != nil {
			h.Integrity = append(h.Integrity, err.Error())
		}
		rows.Close()
	}
	fk, err := foreignKeyProblems(conn, "")
	if err != nil {
		h.ForeignKey = append(h.ForeignKey, err.Error())
	}
	for _, p := range fk {
		h.ForeignKey = append(h.ForeignKey, p.String())
	}
	return h, cp, nil
}

type fkProblem struct {
	table  string
	rowid  sql.NullInt64
	parent string
}

func (p fkProblem) String() string {
	return fmt.Sprintf("%s row %d refers to a missing %s row", p.table, p.rowid.Int64, p.parent)
}

func foreignKeyProblems(q interface {
	Query(string, ...any) (*sql.Rows, error)
}, schema string) ([]fkProblem, error) {
	rows, err := q.Query("PRAGMA " + schema + "foreign_key_check")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []fkProblem
	for rows.Next() {
		var p fkProblem
		var fkid int
		if err := rows.Scan(&p.table, &p.rowid, &p.parent, &fkid); err != nil {
			return out, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Salvage copies every row it can read from the copy Diagnose made into a
// new database at dst, created by the migrations; dst must not exist.
// Rows are read in rowid ranges, and a range that fails is read row by
// row, so one damaged page loses only the rows on it. Rows whose parent
// was lost (a span whose document state is gone) are left out and named.
func Salvage(copyPath, dst string) (Salvaged, error) {
	out := Salvaged{Rows: map[string]int{}}
	if _, err := os.Lstat(dst); err == nil {
		return out, fmt.Errorf("refusing to write %s: it exists (give a new file)", dst)
	}
	db, err := Open(dst)
	if err != nil {
		return out, err
	}
	if err := db.Close(); err != nil {
		return out, err
	}
	raw, err := sql.Open("sqlite", dst+"?_pragma=foreign_keys(0)&_pragma=synchronous(OFF)")
	if err != nil {
		return out, err
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	ctx := context.Background()
	if _, err := raw.ExecContext(ctx, "ATTACH DATABASE ? AS src", copyPath); err != nil {
		return out, fmt.Errorf("reading the copy of the damaged database: %w", err)
	}
	for _, t := range salvageTables {
		n, bad, err := salvageTable(ctx, raw, t)
		if err != nil {
			return out, fmt.Errorf("table %s: %w", t, err)
		}
		out.Rows[t] = n
		out.Unreadable = append(out.Unreadable, bad...)
	}
	// Leave out rows whose parent was lost, until none is left (a lost
	// document state takes its spans, claims, answers and history).
	for range 10 {
		fk, err := foreignKeyProblems(raw, "main.")
		if err != nil {
			return out, fmt.Errorf("foreign keys of the new database: %w", err)
		}
		if len(fk) == 0 {
			break
		}
		lost := map[string]int{}
		for _, p := range fk {
			if _, err := raw.ExecContext(ctx, fmt.Sprintf("DELETE FROM main.%q WHERE rowid = ?", p.table), p.rowid.Int64); err != nil {
				return out, err
			}
			lost[p.table+" (its "+p.parent+" row was lost)"]++
			out.Rows[p.table]--
		}
		for k, n := range lost {
			out.Dropped = append(out.Dropped, fmt.Sprintf("%d row(s) of %s", n, k))
		}
	}
	cut, err := clampHistory(ctx, raw)
	if err != nil {
		return out, fmt.Errorf("undo history of the new database: %w", err)
	}
	out.History = cut
	if _, err := raw.ExecContext(ctx, "DETACH DATABASE src"); err != nil {
		return out, fmt.Errorf("detach: %w", err)
	}
	// Written without a sync per statement (it is a new file): one at the end.
	if _, err := raw.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return out, fmt.Errorf("writing %s: %w", dst, err)
	}
	if err := raw.Close(); err != nil {
		return out, err
	}
	return out, syncFile(dst)
}

// clampHistory fits each document's undo history to the steps that
// survived: undo takes steps undo_pos-1, undo_pos-2, ... and redo
// undo_pos, undo_pos+1, ..., each from the state the one before left, so
// only the unbroken run of steps on each side of undo_pos can still be
// taken. The rest is deleted, the run renumbered from 0 and undo_pos moved
// with it (never past the steps left). It names each document changed.
func clampHistory(ctx context.Context, q *sql.DB) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT ds.annotator, ds.doc, ds.undo_pos, count(h.pos), coalesce(max(h.pos), -1),
			(SELECT a.name FROM main.annotators a WHERE a.id = ds.annotator), coalesce((SELECT d.doc_id FROM main.documents d WHERE d.id = ds.doc), '')
		FROM main.doc_state ds LEFT JOIN main.history h ON h.annotator = ds.annotator AND h.doc = ds.doc
		GROUP BY ds.annotator, ds.doc
		HAVING ds.undo_pos > count(h.pos) OR coalesce(max(h.pos), -1) + 1 <> count(h.pos) OR coalesce(min(h.pos), 0) <> 0`)
	if err != nil {
		return nil, err
	}
	type doc struct {
		ann, doc   int64
		pos        int
		name, id   string
		count, max int
	}
	var broken []doc
	for rows.Next() {
		var d doc
		if err := rows.Scan(&d.ann, &d.doc, &d.pos, &d.count, &d.max, &d.name, &d.id); err != nil {
			rows.Close()
			return nil, err
		}
		broken = append(broken, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []string
	for _, d := range broken {
		have := map[int]bool{}
		prs, err := q.QueryContext(ctx, "SELECT pos FROM main.history WHERE annotator = ? AND doc = ?", d.ann, d.doc)
		if err != nil {
			return nil, err
		}
		for prs.Next() {
			var p int
			if err := prs.Scan(&p); err != nil {
				prs.Close()
				return nil, err
			}
			have[p] = true
		}
		prs.Close()
		lo, hi := d.pos, d.pos
		for lo > 0 && have[lo-1] {
			lo--
		}
		for have[hi] {
			hi++
		}
		if _, err := q.ExecContext(ctx, "DELETE FROM main.history WHERE annotator = ? AND doc = ? AND (pos < ? OR pos >= ?)", d.ann, d.doc, lo, hi); err != nil {
			return nil, err
		}
		for p := lo; p < hi && lo > 0; p++ { // ascending: each new position is free
			if _, err := q.ExecContext(ctx, "UPDATE main.history SET pos = ? WHERE annotator = ? AND doc = ? AND pos = ?", p-lo, d.ann, d.doc, p); err != nil {
				return nil, err
			}
		}
		if _, err := q.ExecContext(ctx, "UPDATE main.doc_state SET undo_pos = ? WHERE annotator = ? AND doc = ?", d.pos-lo, d.ann, d.doc); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprintf("%s's document %q: %d undo and %d redo step(s) left of %d (undo position %d → %d)",
			d.name, d.id, d.pos-lo, hi-d.pos, d.max+1, d.pos, d.pos-lo))
	}
	return out, nil
}

// salvageChunk is the rowid range copied in one statement.
const salvageChunk = 512

// salvageTable copies the readable rows of one table.
func salvageTable(ctx context.Context, q *sql.DB, table string) (int, []string, error) {
	cols, err := commonColumns(ctx, q, table)
	if err != nil || len(cols) == 0 {
		return 0, nil, err
	}
	var hi sql.NullInt64
	var bad []string
	if err := q.QueryRowContext(ctx, fmt.Sprintf("SELECT max(rowid) FROM src.%q", table)).Scan(&hi); err != nil {
		// The last page is unreadable: go as far as rows can be read in order.
		bad = append(bad, fmt.Sprintf("%s: the highest rows: %v", table, err))
		rows, qerr := q.QueryContext(ctx, fmt.Sprintf("SELECT rowid FROM src.%q ORDER BY rowid", table))
		if qerr == nil {
			for rows.Next() {
				rows.Scan(&hi)
			}
			rows.Close()
		}
		hi.Int64 += 100 * salvageChunk
	}
	if hi.Int64 == 0 {
		return 0, bad, nil
	}
	list := strings.Join(cols, ", ")
	insert := fmt.Sprintf("INSERT INTO main.%q (%s) SELECT %s FROM src.%q WHERE rowid BETWEEN ? AND ?", table, list, list, table)
	n := 0
	for lo := int64(1); lo <= hi.Int64; lo += salvageChunk {
		end := lo + salvageChunk - 1
		res, err := q.ExecContext(ctx, insert, lo, end)
		if err == nil {
			k, _ := res.RowsAffected()
			n += int(k)
			continue
		}
		if !damaged(err) {
			return n, bad, err
		}
		// Row by row: keep what this range still gives.
		from, last := int64(-1), error(nil)
		for id := lo; id <= end; id++ {
			res, err := q.ExecContext(ctx, insert, id, id)
			if err == nil {
				k, _ := res.RowsAffected()
				n += int(k)
				if from >= 0 {
					bad = append(bad, fmt.Sprintf("%s: rowid %d-%d: %v", table, from, id-1, last))
					from = -1
				}
				continue
			}
			if !damaged(err) {
				return n, bad, err
			}
			if from < 0 {
				from = id
			}
			last = err
		}
		if from >= 0 {
			bad = append(bad, fmt.Sprintf("%s: rowid %d-%d: %v", table, from, end, last))
		}
	}
	return n, bad, nil
}

// damaged tells a read error of a damaged file from a bug in the copy.
func damaged(err error) bool {
	m := err.Error()
	return strings.Contains(m, "malformed") || strings.Contains(m, "corrupt") || strings.Contains(m, "not a database") ||
		strings.Contains(m, "disk I/O")
}

// commonColumns lists the columns a table has in both databases (the copy
// may be at an older schema).
func commonColumns(ctx context.Context, q *sql.DB, table string) ([]string, error) {
	cols := func(schema string) ([]string, error) {
		rows, err := q.QueryContext(ctx, "SELECT name FROM pragma_table_info(?, ?)", table, schema)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				return nil, err
			}
			out = append(out, s)
		}
		return out, rows.Err()
	}
	dst, err := cols("main")
	if err != nil {
		return nil, err
	}
	src, err := cols("src")
	if err != nil {
		return nil, err
	}
	have := map[string]bool{}
	for _, c := range src {
		have[c] = true
	}
	var out []string
	for _, c := range dst {
		if have[c] {
			out = append(out, fmt.Sprintf("%q", c))
		}
	}
	return out, nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
