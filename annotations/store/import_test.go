package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/journal"
	"github.com/hashiya/hashiya/annotations/record"
)

// journalFile writes the training file of sameEdits made by the journal
// Store, and returns its records and bytes.
func journalFile(t *testing.T, dir string) ([]record.Record, []byte) {
	t.Helper()
	out := filepath.Join(dir, "annotations.jsonl")
	js, err := journal.Open(journal.StoreOptions{Out: out, Annotator: "alice", Session: "alice-s1"})
	if err != nil {
		t.Fatal(err)
	}
	db := openDB(t, filepath.Join(dir, "scratch.db"))
	sameEdits(t, js, openSession(t, db, "alice"))
	if err := js.Flush(); err != nil {
		t.Fatal(err)
	}
	js.Close()
	b, _ := os.ReadFile(out)
	recs, probs, err := record.ReadRecords(bytes.NewReader(b), out)
	if err != nil || len(probs) > 0 {
		t.Fatal(err, probs)
	}
	return recs, b
}

// An imported training file exports back as it was (the timestamps aside),
// and the same content is refused the second time, naming when.
func TestImportExportsBackAndIsRecordedOnce(t *testing.T) {
	onBoth(t, testImportExportsBackAndIsRecordedOnce)
}

func testImportExportsBackAndIsRecordedOnce(t *testing.T, target string) {
	dir := t.TempDir()
	recs, want := journalFile(t, dir)
	db := openDB(t, target)
	src := ImportSource{Name: "annotations.jsonl", Size: int64(len(want)), SHA256: sha(string(want)), Format: "hashiya"}
	counts, err := db.Import(src, recs)
	if err != nil {
		t.Fatal(err)
	}
	if counts != (ImportCounts{Documents: 2, Spans: 1, Claims: 2, Answers: 1}) {
		t.Fatalf("counts %+v", counts)
	}
	var got bytes.Buffer
	if _, err := db.WriteTraining(&got); err != nil {
		t.Fatal(err)
	}
	wl, gl := lines(want), lines(got.Bytes())
	if len(wl) != len(gl) {
		t.Fatalf("%d records exported, %d imported", len(gl), len(wl))
	}
	for i := range wl {
		if w, g := withoutTime(t, wl[i]), withoutTime(t, gl[i]); !reflect.DeepEqual(w, g) {
			t.Errorf("record %d differs:\n got %s\nwant %s", i, gl[i], wl[i])
		}
	}
	_, err = db.Import(src, recs)
	var again *AlreadyImportedError
	if !errors.As(err, &again) || !strings.Contains(err.Error(), "already imported") ||
		!strings.Contains(err.Error(), again.Previous.At.UTC().Format("2006-01-02 15:04")) {
		t.Fatalf("a second import of the same content: %v", err)
	}
	if im, err := db.FindImport(src.SHA256); err != nil || im == nil || im.Documents != 2 || im.Size != src.Size {
		t.Fatalf("recorded import %+v (%v)", im, err)
	}
}

// A file with one record the domain refuses imports nothing, and is not
// recorded (it may be imported once fixed).
func TestImportIsWholeOrNothing(t *testing.T) { onBoth(t, testImportIsWholeOrNothing) }

func testImportIsWholeOrNothing(t *testing.T, target string) {
	dir := t.TempDir()
	recs, b := journalFile(t, dir)
	bad := append([]record.Record(nil), recs...)
	bad[1].Spans = append(bad[1].Spans, annotations.Span{ID: "s9", Start: 0, End: 99999, Label: "X"})
	db := openDB(t, target)
	src := ImportSource{Name: "bad.jsonl", SHA256: sha(string(b) + "x")}
	if _, err := db.Import(src, bad); err == nil || !strings.Contains(err.Error(), "nothing imported") {
		t.Fatalf("a bad record: %v", err)
	}
	var docs, imports int
	db.row("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM imports)").Scan(&docs, &imports)
	if docs != 0 || imports != 0 {
		t.Fatalf("a refused import left %d documents, %d import rows", docs, imports)
	}
	if _, err := db.Import(src, recs); err != nil {
		t.Fatalf("the fixed file: %v", err)
	}
	// Another file with a document the annotator already has is refused.
	src2 := ImportSource{Name: "again.jsonl", SHA256: sha("other")}
	if _, err := db.Import(src2, recs[:1]); err == nil || !strings.Contains(err.Error(), "already in the database") {
		t.Fatalf("a document imported twice: %v", err)
	}
}

// An annotator at work in a running reader is not imported under it.
func TestImportRefusesAnAnnotatorInUse(t *testing.T) { onBoth(t, testImportRefusesAnAnnotatorInUse) }

func testImportRefusesAnAnnotatorInUse(t *testing.T, target string) {
	dir := t.TempDir()
	recs, b := journalFile(t, dir)
	db := openDB(t, target)
	s := openSession(t, db, "alice")
	defer s.Close()
	if _, err := db.Import(ImportSource{Name: "f", SHA256: sha(string(b))}, recs); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("import under a held lease: %v", err)
	}
}

// IDs with gaps (spans and claims removed before the file was written) are
// kept, so claimants and links still name the same objects, and each
// document keeps its record's session and time: the file exports back
// byte for byte.
func TestImportKeepsIDsWithGaps(t *testing.T) { onBoth(t, testImportKeepsIDsWithGaps) }

func testImportKeepsIDsWithGaps(t *testing.T, target string) {
	dir := t.TempDir()
	out := filepath.Join(dir, "annotations.jsonl")
	js, err := journal.Open(journal.StoreOptions{Out: out, Annotator: "alice", Session: "alice-s1"})
	if err != nil {
		t.Fatal(err)
	}
	step := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var sps []annotations.Span
	for _, w := range []string{"الرئيس", "روسيا", "الحدود"} {
		s0, s1 := at(t, docA.Text, w)
		sp, err := js.AddSpan(docA, "GPE", s0, s1)
		step(err)
		sps = append(sps, sp)
	}
	step(js.RemoveSpan(docA.ID, sps[1].ID)) // s1, s3 left
	c0, c1 := at(t, docA.Text, "قال الرئيس")
	first, err := js.AddClaim(docA, c0, c1)
	step(err)
	c0, c1 = at(t, docA.Text, "نشرت أكثر من 8 آلاف جندي")
	ca, err := js.AddClaim(docA, c0, c1)
	step(err)
	step(js.RemoveClaim(docA.ID, first.ID)) // c2 left
	ca.Claimant.SpanID = sps[2].ID
	_, err = js.UpdateClaim(docA.ID, ca)
	step(err)
	d0, d1 := at(t, docB.Text, "نشرت 8 آلاف جندي")
	cb, err := js.AddClaim(docB, d0, d1)
	step(err)
	step(js.LinkClaims(docA.ID, ca.ID, docB.ID, cb.ID, annotations.RelContradicts))
	step(js.Flush())
	js.Close()
	want, _ := os.ReadFile(out)
	recs, probs, err := record.ReadRecords(bytes.NewReader(want), out)
	if err != nil || len(probs) > 0 {
		t.Fatal(err, probs)
	}
	db := openDB(t, target)
	if _, err := db.Import(ImportSource{Name: out, SHA256: sha(string(want))}, recs); err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if _, err := db.WriteTraining(&got); err != nil {
		t.Fatal(err)
	}
	wl, gl := lines(want), lines(got.Bytes())
	if len(wl) != len(gl) {
		t.Fatalf("%d records exported, %d in the file", len(gl), len(wl))
	}
	for i := range wl {
		if !bytes.Equal(wl[i], gl[i]) {
			t.Errorf("record %d differs:\n got %s\nwant %s", i+1, gl[i], wl[i])
		}
	}
}
