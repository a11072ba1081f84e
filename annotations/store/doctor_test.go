package store

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
)

// manyDocs makes a database of n annotated documents and closes it.
func manyDocs(t *testing.T, path string, n int) {
	t.Helper()
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s := openSession(t, db, "alice")
	var ops []annotations.Op
	for i := range n {
		d := annotations.DocInfo{ID: "d" + itoa(i), Text: strings.Repeat("وقع الرئيس معاهدة الدفاع "+itoa(i)+". ", 40)}
		ops = append(ops, annotations.AddSpan{Doc: d, Label: "GPE", Start: 0, End: 3},
			annotations.AddClaim{Doc: d, Start: 4, End: 10})
	}
	if _, err := s.ApplyAll(ops); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func fileSum(t *testing.T, path string) [32]byte {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestDoctorHealthyDatabase(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.db")
	manyDocs(t, path, 20)
	h, _, err := Diagnose(path, t.TempDir())
	if err != nil || !h.OK() {
		t.Fatalf("a healthy database: %+v %v", h, err)
	}
}

// A database with pages overwritten in the middle: the checks say so, the
// original is left byte for byte, and the new database holds what could be
// read, opens, and exports.
func TestDoctorSalvagesADamagedDatabase(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.db")
	const n = 600
	manyDocs(t, path, n)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := f.Stat()
	page := int64(4096)
	mid := st.Size() / 2 / page * page
	junk := bytes.Repeat([]byte{0x5a, 0xa5, 0xff, 0x00}, int(page))
	if _, err := f.WriteAt(junk, mid); err != nil { // four pages
		t.Fatal(err)
	}
	f.Close()
	before := fileSum(t, path)
	h, cp, err := Diagnose(path, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if h.OK() {
		t.Fatal("integrity_check found nothing in a damaged file")
	}
	dst := filepath.Join(dir, "new.db")
	got, err := Salvage(cp, dst)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Unreadable) == 0 {
		t.Fatalf("nothing reported unreadable: %+v", got)
	}
	if got.Rows["documents"] == 0 || got.Rows["documents"] > n {
		t.Fatalf("documents salvaged: %+v", got)
	}
	if fileSum(t, path) != before {
		t.Fatal("the doctor changed the original")
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Fatal("the doctor left a WAL beside the original")
	}
	db := openDB(t, dst)
	h2, _, err := Diagnose(dst, t.TempDir())
	if err != nil || !h2.OK() {
		t.Fatalf("the salvaged database is not healthy: %+v %v", h2, err)
	}
	var buf bytes.Buffer
	stats, err := db.WriteTraining(&buf)
	if err != nil || stats.Records == 0 || stats.Records > n {
		t.Fatalf("export of the salvaged database: %+v %v", stats, err)
	}
	t.Logf("salvaged %+v; %d records export; unreadable %v; dropped %v", got.Rows, stats.Records, got.Unreadable, got.Dropped)
	if _, err := Salvage(cp, dst); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Fatalf("Salvage over an existing file: %v", err)
	}
}
