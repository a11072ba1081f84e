package store

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/export"
	"github.com/hashiya/hashiya/annotations/journal"
	"github.com/hashiya/hashiya/annotations/record"
)

// sameEdits makes the same edits through the journal Store and a session.
func sameEdits(t *testing.T, js *journal.Store, s *Session) {
	t.Helper()
	a0, a1 := at(t, docA.Text, "روسيا")
	c0, c1 := at(t, docA.Text, "نشرت أكثر من 8 آلاف جندي")
	d0, d1 := at(t, docB.Text, "نشرت 8 آلاف جندي")
	sp, err := js.AddSpan(docA, "GPE", a0, a1)
	if err != nil {
		t.Fatal(err)
	}
	ca, err := js.AddClaim(docA, c0, c1)
	if err != nil {
		t.Fatal(err)
	}
	cb, err := js.AddClaim(docB, d0, d1)
	if err != nil {
		t.Fatal(err)
	}
	ca.Claimant.SpanID = sp.ID
	if _, err := js.UpdateClaim(docA.ID, ca); err != nil {
		t.Fatal(err)
	}
	if err := js.LinkClaims(docA.ID, ca.ID, docB.ID, cb.ID, annotations.RelContradicts); err != nil {
		t.Fatal(err)
	}
	if err := js.SetAnswer(docB.ID, annotations.AnswerReject); err != nil {
		t.Fatal(err)
	}

	must(t, s, annotations.AddSpan{Doc: docA, Label: "GPE", Start: a0, End: a1})
	must(t, s, annotations.AddClaim{Doc: docA, Start: c0, End: c1})
	must(t, s, annotations.AddClaim{Doc: docB, Start: d0, End: d1})
	must(t, s, annotations.EditClaim{Doc: docA.ID, Claim: ca})
	must(t, s, annotations.LinkClaims{From: annotations.ClaimRef{Doc: docA.ID, Claim: ca.ID},
		To: annotations.ClaimRef{Doc: docB.ID, Claim: cb.ID}, Relation: annotations.RelContradicts})
	must(t, s, annotations.Answer{Doc: docB.ID, Answer: annotations.AnswerReject})
}

// withoutTime drops _timestamp (the two stores ran a few ms apart).
func withoutTime(t *testing.T, line []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(line, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "_timestamp")
	return m
}

func lines(b []byte) [][]byte { return bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n")) }

// The training file written from the database is today's format, record
// for record: the journal Store's Flush of the same edits.
func TestExportIsTheJournalStoresFormat(t *testing.T) { onBoth(t, testExportIsTheJournalStoresFormat) }

func testExportIsTheJournalStoresFormat(t *testing.T, target string) {
	dir := t.TempDir()
	out := filepath.Join(dir, "annotations.jsonl")
	js, err := journal.Open(journal.StoreOptions{Out: out, Annotator: "alice", Session: "alice-s1"})
	if err != nil {
		t.Fatal(err)
	}
	defer js.Close()
	db := openDB(t, target)
	s, err := db.OpenSession(SessionOptions{Annotator: "alice", Name: "alice-s1"})
	if err != nil {
		t.Fatal(err)
	}
	sameEdits(t, js, s)
	if err := js.Flush(); err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(out)
	exported := filepath.Join(dir, "from-db.jsonl")
	stats, err := db.ExportTraining(exported)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(exported)
	wl, gl := lines(want), lines(got)
	if len(wl) != 2 || len(gl) != 2 || stats.Records != 2 || stats.Bytes != int64(len(got)) {
		t.Fatalf("records: journal store %d, database %d (stats %+v)", len(wl), len(gl), stats)
	}
	for i := range wl {
		if w, g := withoutTime(t, wl[i]), withoutTime(t, gl[i]); !reflect.DeepEqual(w, g) {
			t.Errorf("record %d differs:\n got %s\nwant %s", i, gl[i], wl[i])
		}
	}
	f, _ := os.Open(exported)
	defer f.Close()
	recs, probs, err := record.ReadRecords(f, exported)
	if err != nil || len(probs) > 0 || len(recs) != 2 {
		t.Fatalf("the export does not read back: %v %v", err, probs)
	}
	// doccano (claims as CLAIM entities, claimant relations) from records
	// streamed by EachRecord is the journal Store's too.
	var fromDB []record.Record
	if n, err := db.EachRecord("", func(r record.Record) error { fromDB = append(fromDB, r); return nil }); err != nil || n != 2 {
		t.Fatal(n, err)
	}
	wf, _ := os.Open(out)
	fromFile, _, _ := record.ReadRecords(wf, out)
	wf.Close()
	var wd, gd bytes.Buffer
	if err := export.Export(&wd, fromFile, export.FormatDoccano, export.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := export.Export(&gd, fromDB, export.FormatDoccano, export.ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	if wd.String() != gd.String() || !strings.Contains(gd.String(), "CLAIM") {
		t.Errorf("doccano differs:\n got %s\nwant %s", gd.String(), wd.String())
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".from-db.jsonl.tmp-*")); len(left) > 0 {
		t.Fatalf("temp files left: %v", left)
	}
}

// A record of any length streams out and reads back (no line limit).
func TestExportHugeRecord(t *testing.T) { onBoth(t, testExportHugeRecord) }

func testExportHugeRecord(t *testing.T, target string) {
	db := openDB(t, target)
	s := openSession(t, db, "alice")
	huge := annotations.DocInfo{ID: "huge", Text: strings.Repeat("نص طويل جدا ", 100_000)} // 2.2 MB
	must(t, s, annotations.AddSpan{Doc: huge, Label: "X", Start: 0, End: 2})
	var buf bytes.Buffer
	if _, err := db.WriteTraining(&buf); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(&buf)
	line, err := r.ReadBytes('\n')
	if err != nil && err != io.EOF {
		t.Fatal(err)
	}
	var rec record.Record
	if err := json.Unmarshal(line, &rec); err != nil || rec.Text != huge.Text || len(rec.Spans) != 1 {
		t.Fatalf("a %d-byte record did not read back: %v", len(line), err)
	}
}

// An export reads one snapshot while edits keep committing.
func TestExportWhileEditing(t *testing.T) { onBoth(t, testExportWhileEditing) }

func testExportWhileEditing(t *testing.T, target string) {
	db := openDB(t, target)
	s := openSession(t, db, "alice")
	for i := range 50 {
		d := annotations.DocInfo{ID: "d" + itoa(i), Text: docA.Text}
		must(t, s, annotations.AddSpan{Doc: d, Label: "GPE", Start: 0, End: 3})
	}
	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			st, err := db.WriteTraining(&buf)
			if err == nil && st.Records < 50 {
				err = io.ErrShortWrite
			}
			errs <- err
		}()
	}
	for i := range 50 {
		must(t, s, annotations.Resize{Doc: "d" + itoa(i), Span: "s1", Start: 0, End: 10})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// ApplyAll commits every operation or none.
func TestApplyAllIsAllOrNothing(t *testing.T) { onBoth(t, testApplyAllIsAllOrNothing) }

func testApplyAllIsAllOrNothing(t *testing.T, target string) {
	db := openDB(t, target)
	s := openSession(t, db, "alice")
	good := []annotations.Op{
		annotations.AddSpan{Doc: docA, Label: "GPE", Start: 0, End: 3},
		annotations.AddSpan{Doc: docB, Label: "ORG", Start: 0, End: 4},
	}
	bad := append(good[:2:2], annotations.AddSpan{Doc: docA, Label: "X", Start: 5, End: 5000})
	if _, err := s.ApplyAll(bad); err == nil || !strings.Contains(err.Error(), "operation 3") {
		t.Fatalf("a batch with a bad operation: %v", err)
	}
	if _, err := s.Doc(docA.ID); err == nil {
		t.Fatal("a refused batch left its first operation")
	}
	chs, err := s.ApplyAll(good)
	if err != nil || len(chs) != 2 {
		t.Fatal(err)
	}
	if v := view(t, s, docB.ID); len(v.Spans) != 1 || !v.CanUndo {
		t.Fatalf("after the batch: %+v", v)
	}
}
