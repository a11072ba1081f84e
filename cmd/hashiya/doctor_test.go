package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/store"
)

// projectDB makes a database of n annotated documents.
func projectDB(t *testing.T, path string, n int) {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := db.Session("amira")
	if err != nil {
		t.Fatal(err)
	}
	var ops []annotations.Op
	for i := range n {
		d := annotations.DocInfo{ID: "d" + strconv.Itoa(i), Text: strings.Repeat("التقى بوتين كيم في بيونج يانج "+strconv.Itoa(i)+". ", 40)}
		ops = append(ops, annotations.AddSpan{Doc: d, Label: "PERSON", Start: 6, End: 11})
	}
	if _, err := s.ApplyAll(ops); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestDoctorHealthyDatabaseSaysSo(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	path := filepath.Join(t.TempDir(), "p.db")
	projectDB(t, path, 10)
	out, _, err := run(t, newDoctorCmd(), path)
	if err != nil || !strings.Contains(out, path+": integrity_check ok, foreign_key_check ok: no problems found") {
		t.Fatalf("%v\n%s", err, out)
	}
}

func TestDoctorDamagedDatabaseCopiesWhatItCanRead(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	dir := t.TempDir()
	path := filepath.Join(dir, "p.db")
	projectDB(t, path, 500)
	b, _ := os.ReadFile(path)
	mid := len(b) / 2 / 4096 * 4096
	copy(b[mid:], bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 3*4096/4)) // three pages
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := run(t, newDoctorCmd(), path)
	if err == nil || !strings.Contains(out, path+": integrity_check found") || !strings.Contains(err.Error(), "--out NEW.db") {
		t.Fatalf("without --out: %v\n%s", err, out)
	}
	dst := filepath.Join(dir, "new.db")
	out, _, err = run(t, newDoctorCmd(), path, "--out", dst)
	if err == nil || !strings.Contains(out, "copied into "+dst+":") || !strings.Contains(out, "could not read:") {
		t.Fatalf("with --out: %v\n%s", err, out)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, b) {
		t.Fatal("the doctor changed the damaged database")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".hashiya-doctor-*")); len(left) > 0 {
		t.Fatalf("scratch left: %v", left)
	}
	got, _, err := run(t, newExportCmd(), "--format", "prodigy", "--db", dst)
	if n := strings.Count(got, "\n"); err != nil || n == 0 || n >= 500 {
		t.Fatalf("export of the salvaged database: %d records, %v", n, err)
	}
	if _, _, err := run(t, newDoctorCmd(), path, "--out", dst); err == nil || !strings.Contains(err.Error(), "refusing to write "+dst) {
		t.Fatalf("over an existing file: %v", err)
	}
}
