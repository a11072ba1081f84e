package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/record"
)

// buildVersion makes a database at schema version v (0 = empty file) the
// way that version's code would have left it, with one annotator's claim
// linked to another document's claim when the schema has claims.
func buildVersion(t *testing.T, path string, v int) {
	t.Helper()
	raw, err := sql.Open("sqlite", path+"?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	ctx := context.Background()
	conn, err := raw.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if v == 0 {
		if _, err := conn.ExecContext(ctx, "PRAGMA user_version = 0"); err != nil { // creates the file
			t.Fatal(err)
		}
		return
	}
	if err := migrate(ctx, conn, v); err != nil {
		t.Fatalf("building version %d: %v", v, err)
	}
	c0, c1 := at(t, docA.Text, "روسيا نشرت")
	claim := `{"id":"c1","span":{"id":"c1","start":` + itoa(c0) + `,"end":` + itoa(c1) +
		`,"token_start":3,"token_end":4,"label":"CLAIM","text":"روسيا نشرت"},"claimant":{},"attribution":"asserted",` +
		`"checkworthy":false,"numeric":null,"cluster":"b-2#c1","links":[{"to":"b-2#c1","relation":"same-claim"}]}`
	for _, q := range []string{
		`INSERT INTO annotators (id, name) VALUES (1, 'alice')`,
		`INSERT INTO sessions (id, annotator, name, host, pid, started) VALUES (1, 1, 'alice-old', 'h', 1, 0)`,
		`INSERT INTO documents (id, doc_id, text, text_sha256) VALUES (1, 'a-1', '` + docA.Text + `', '` + sha(docA.Text) + `')`,
		`INSERT INTO doc_state (annotator, doc, session, updated, next_span, next_claim) VALUES (1, 1, 1, 1000, 1, 2)`,
		`INSERT INTO claims (annotator, doc, claim_id, start, "end", cluster, body) VALUES (1, 1, 'c1', ` + itoa(c0) + `, ` + itoa(c1) + `, 'b-2#c1', '` + claim + `')`,
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("version %d: %s: %v", v, q, err)
		}
	}
	if v >= 2 { // from version 2 on, the code writes links as rows too
		if _, err := conn.ExecContext(ctx, `INSERT INTO links (annotator, from_doc, from_claim, to_doc, to_claim, relation)
			VALUES (1, 1, 'c1', 'b-2', 'c1', 'same-claim')`); err != nil {
			t.Fatal(err)
		}
	}
}

// schemaOf lists a database's schema, to compare a migrated with a fresh one.
func schemaOf(t *testing.T, db *DB) []string {
	t.Helper()
	rows, err := db.sql.Query("SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master ORDER BY type, name")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		out = append(out, strings.Join(strings.Fields(s), " "))
	}
	return out
}

func TestMigrationsFromEveryVersion(t *testing.T) {
	fresh := openDB(t, filepath.Join(t.TempDir(), "fresh.db"))
	want := schemaOf(t, fresh)
	for v := 0; v < SchemaVersion(); v++ {
		path := filepath.Join(t.TempDir(), "old.db")
		buildVersion(t, path, v)
		db := openDB(t, path)
		var got int
		if err := db.sql.QueryRow("SELECT max(version) FROM schema_version").Scan(&got); err != nil || got != SchemaVersion() {
			t.Fatalf("from version %d: schema_version %d (%v), want %d", v, got, err, SchemaVersion())
		}
		if s := schemaOf(t, db); !reflect.DeepEqual(s, want) {
			t.Fatalf("from version %d the schema differs from a fresh one:\n%s\nwant\n%s", v, strings.Join(s, "\n"), strings.Join(want, "\n"))
		}
		if v == 0 {
			continue
		}
		checkMigrated(t, db, v)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	db := openDB(t, path)
	if _, err := db.sql.Exec("INSERT INTO schema_version VALUES (99, '0099_future.sql', 0)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "newer") || !strings.Contains(err.Error(), path) {
		t.Fatalf("a newer schema: %v", err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func sha(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// checkMigrated checks, on either backend, what a database migrated from
// version v must still do: its claim's link as a row, undo, and imports
// recorded and refused twice.
func checkMigrated(t *testing.T, db *DB, v int) {
	t.Helper()
	s := openSession(t, db, "alice")
	c := view(t, s, docA.ID).Claims
	if len(c) != 1 || len(c[0].Links) != 1 || c[0].Links[0].To != "b-2#c1" {
		t.Fatalf("from version %d: claims %+v", v, c)
	}
	var to, claim, rel string
	if err := db.row("SELECT to_doc, to_claim, relation FROM links").Scan(&to, &claim, &rel); err != nil ||
		to != "b-2" || claim != "c1" || rel != "same-claim" {
		t.Fatalf("from version %d: links row %q %q %q (%v)", v, to, claim, rel, err)
	}
	// The history starts empty; a new edit is undoable.
	x := must(t, s, annotations.AddClaim{Doc: docA, Start: 0, End: 3}).Claim
	must(t, s, annotations.Undo{Doc: docA.ID})
	if v := view(t, s, docA.ID); len(v.Claims) != 1 || v.Claims[0].ID == x.ID {
		t.Fatalf("undo on a migrated database: %+v", v.Claims)
	}
	s.Close()
	// Imports are recorded from version 3 on, and refused twice.
	src := ImportSource{Name: "f.jsonl", SHA256: sha("f" + itoa(v))}
	rec := record.Record{Text: docB.Text, Meta: record.Meta{ID: docB.ID}, AnnotatorID: "bob"}
	if _, err := db.Import(src, []record.Record{rec}); err != nil {
		t.Fatalf("from version %d: import: %v", v, err)
	}
	if _, err := db.Import(src, []record.Record{rec}); err == nil {
		t.Fatalf("from version %d: the same file imported twice", v)
	}
}
