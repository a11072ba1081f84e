package store

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
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

// Rows of the operation log and undo history lost to damage: after a
// salvage each document's undo position fits the steps that survived, so
// undo and redo take those and then say there is nothing more, instead of
// failing on a step that is gone.
func TestDoctorSalvageClampsUndoPositionToTheSalvagedLog(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.db")
	db := openDB(t, path)
	s := openSession(t, db, "alice")
	five := []string{"الرئيس", "روسيا", "الحدود", "جندي", "الاثنين"}
	docs := []annotations.DocInfo{docA, docB, {ID: "c-3", Text: docA.Text}, {ID: "d-4", Text: docA.Text}}
	words := [][]string{five, {"موسكو", "جندي", "العدد", "بكثير"}, five[:3], five}
	for i, d := range docs {
		for _, w := range words[i] { // 5, 4, 3 and 5 steps
			s0, s1 := at(t, d.Text, w)
			must(t, s, annotations.AddSpan{Doc: d, Label: "GPE", Start: s0, End: s1})
		}
	}
	for _, d := range []string{docB.ID, docB.ID, "d-4", "d-4"} { // undo positions 2 of 4, 3 of 5
		must(t, s, annotations.Undo{Doc: d})
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	// What damage would lose: a-1's step 1, b-2's steps 2 and 3 (their log
	// rows, so their history rows go with them), c-3's last step, d-4's
	// first (undoing it would fail on the missing step).
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`DELETE FROM history WHERE pos = 1 AND doc = (SELECT id FROM documents WHERE doc_id = 'a-1')`,
		`DELETE FROM ops WHERE seq IN (SELECT seq FROM history WHERE pos >= 2 AND doc = (SELECT id FROM documents WHERE doc_id = 'b-2'))`,
		`DELETE FROM history WHERE pos = 2 AND doc = (SELECT id FROM documents WHERE doc_id = 'c-3')`,
		`DELETE FROM history WHERE pos = 0 AND doc = (SELECT id FROM documents WHERE doc_id = 'd-4')`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	dst := filepath.Join(dir, "new.db")
	got, err := Salvage(path, dst)
	if err != nil {
		t.Fatal(err)
	}
	// b-2 lost only steps it could redo: its position still fits.
	if len(got.History) != 3 || !strings.Contains(got.History[0], `"a-1": 3 undo and 0 redo`) ||
		!strings.Contains(got.History[1], `"c-3": 0 undo and 0 redo`) || !strings.Contains(got.History[2], `"d-4": 2 undo and 2 redo`) {
		t.Errorf("histories cut: %q", got.History)
	}
	db2 := openDB(t, dst)
	s2 := openSession(t, db2, "alice")
	// steps taken until "nothing to", never an error about a missing step
	count := func(doc string, op annotations.Op) int {
		n := 0
		for ; n < 10; n++ {
			_, err := s2.Apply(op)
			if err != nil {
				if !strings.HasPrefix(err.Error(), "nothing to") {
					t.Errorf("%s: %v after %d step(s)", doc, err, n)
				}
				return n
			}
		}
		return n
	}
	for _, c := range []struct {
		doc        string
		undo, redo int
	}{{"a-1", 3, 3}, {"b-2", 2, 2}, {"c-3", 0, 0}, {"d-4", 2, 4}} {
		if u := count(c.doc, annotations.Undo{Doc: c.doc}); u != c.undo {
			t.Errorf("%s: %d undo step(s), want %d", c.doc, u, c.undo)
		}
		if r := count(c.doc, annotations.Redo{Doc: c.doc}); r != c.redo {
			t.Errorf("%s: %d redo step(s), want %d", c.doc, r, c.redo)
		}
	}
}
