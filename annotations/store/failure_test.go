package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
)

func opCount(t *testing.T, db *DB) int {
	t.Helper()
	var n int
	if err := db.sql.QueryRow("SELECT count(*) FROM ops").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Disk full, for real: SQLite's max_page_count on the write connection stops
// the database growing, as a full disk does.
func TestDiskFullRefusesEditWholeThenAccepts(t *testing.T) {
	db := openDB(t, filepath.Join(t.TempDir(), "p.db"))
	s := openSession(t, db, "alice")
	a0, a1 := at(t, docA.Text, "روسيا")
	must(t, s, annotations.AddSpan{Doc: docA, Label: "GPE", Start: a0, End: a1})
	before, ops := view(t, s, docA.ID), opCount(t, db)

	big := annotations.DocInfo{ID: "big", Text: strings.Repeat("كلمة ", 200_000)}
	var pages int
	if err := db.wconn.QueryRowContext(context.Background(), "PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := db.wconn.ExecContext(context.Background(), "PRAGMA max_page_count = "+itoa(pages)); err != nil {
		t.Fatal(err)
	}
	_, err := s.Apply(annotations.AddSpan{Doc: big, Label: "X", Start: 0, End: 4})
	if err == nil || !strings.Contains(err.Error(), "full") {
		t.Fatalf("an edit on a full disk: %v, want a 'full' error", err)
	}
	if _, err := s.Doc(big.ID); !errors.Is(err, annotations.ErrUnknownDoc) {
		t.Fatalf("the refused edit left its document: %v", err)
	}
	if got := view(t, s, docA.ID); !reflect.DeepEqual(got, before) || opCount(t, db) != ops {
		t.Fatalf("the refused edit changed the state or the log")
	}
	var n int
	db.sql.QueryRow("SELECT count(*) FROM documents WHERE doc_id = 'big'").Scan(&n)
	if n != 0 {
		t.Fatal("the refused edit stored its document")
	}

	if _, err := db.wconn.ExecContext(context.Background(), "PRAGMA max_page_count = 1073741823"); err != nil {
		t.Fatal(err)
	}
	sp := must(t, s, annotations.AddSpan{Doc: big, Label: "X", Start: 0, End: 4}).Span
	if v := view(t, s, big.ID); len(v.Spans) != 1 || v.Spans[0] != *sp || opCount(t, db) != ops+1 {
		t.Fatalf("once space is back the edit gave %+v", v.Spans)
	}
}

func TestReadOnlyFileRefusedWithPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	openDB(t, path).Close()
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("a read-only database: %v, want a refusal naming %s", err, path)
	}
}

func TestReadOnlyDirectoryRefusedWithPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ro")
	os.Mkdir(dir, 0o755)
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	if _, err := Open(filepath.Join(dir, "p.db")); err == nil || !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("a read-only directory: %v, want a refusal naming %s", err, dir)
	}
}

// A damaged or foreign file is refused by name and left as it was: never a
// silent fresh start over someone's work.
func TestCorruptDatabaseRefusedNamingIt(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, bytes.Repeat([]byte("not a database "), 500), 0o644)

	damaged := filepath.Join(dir, "damaged.db")
	db := openDB(t, damaged)
	s := openSession(t, db, "alice")
	must(t, s, annotations.AddSpan{Doc: docA, Label: "GPE", Start: 0, End: 3})
	db.Close()
	b, _ := os.ReadFile(damaged)
	for i := 100; i < len(b) && i < 4096; i++ { // page 1: the schema
		b[i] = 0xAB
	}
	os.WriteFile(damaged, b, 0o644)

	foreign := filepath.Join(dir, "foreign.db")
	raw, _ := sql.Open("sqlite", foreign)
	raw.Exec("CREATE TABLE notes (x)")
	raw.Close()

	for _, path := range []string{garbage, damaged, foreign} {
		before, _ := os.ReadFile(path)
		_, err := Open(path)
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: %v, want a refusal naming the file", filepath.Base(path), err)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Errorf("%s: refusing it changed the file", filepath.Base(path))
		}
	}
}

func TestDatabaseDeletedOrReplacedWhileOpenIsNoticed(t *testing.T) {
	for _, how := range []string{"deleted", "replaced"} {
		t.Run(how, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "p.db")
			db := openDB(t, path)
			s := openSession(t, db, "alice")
			must(t, s, annotations.Touch{Doc: docA})
			os.Remove(path)
			if how == "replaced" {
				os.WriteFile(filepath.Join(dir, "other"), nil, 0o644)
				os.Rename(filepath.Join(dir, "other"), path)
			}
			_, err := s.Apply(annotations.AddSpan{Doc: docA, Label: "GPE", Start: 0, End: 3})
			if err == nil || !strings.Contains(err.Error(), "deleted or replaced") || !strings.Contains(err.Error(), path) {
				t.Fatalf("an edit after the database was %s: %v", how, err)
			}
		})
	}
}
