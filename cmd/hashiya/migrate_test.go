package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/importer"
	"github.com/hashiya/hashiya/annotations/record"
	"github.com/hashiya/hashiya/annotations/store"
)

// copyRelease copies the previous release's training file and journals to a temp dir.
func copyRelease(t *testing.T) string {
	t.Helper()
	src := filepath.Join("..", "..", "annotations", "importer", "testdata", "release")
	dir := t.TempDir()
	err := filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if fi.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "annotations.jsonl")
}

func TestPreviousReleaseOpensUnchangedInTheDatabase(t *testing.T) {
	out := copyRelease(t)
	want, err := importer.Open(out, importer.Options{Annotator: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	db, sess, err := openProject(defaultDB(out), "alice")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	notes, err := migrateOldWork(db, sess, out)
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(notes, "\n")
	for _, who := range []string{"alice", "bob", "carol"} {
		if !strings.Contains(joined, "of "+who+" from") {
			t.Errorf("the first screen does not say %s's work was imported:\n%s", who, joined)
		}
	}
	if !strings.Contains(joined, "imported 2 document(s) of alice") {
		t.Errorf("notes:\n%s", joined)
	}
	// Every record is in the database as it was: spans, claims (links), answers.
	for _, r := range want.Records {
		s := sess
		if r.AnnotatorID != "alice" {
			if s, err = db.Session(r.AnnotatorID); err != nil {
				t.Fatal(err)
			}
		}
		v, err := s.Doc(r.Meta.ID)
		if err != nil {
			t.Fatalf("%s/%s: %v", r.AnnotatorID, r.Meta.ID, err)
		}
		if !reflect.DeepEqual(v.Spans, r.Spans) || !sameClaims(v.Claims, r.Claims) || v.Answer != r.Answer {
			t.Errorf("%s/%s differs after import:\n got %+v %+v %q\nwant %+v %+v %q", r.AnnotatorID, r.Meta.ID, v.Spans, v.Claims, v.Answer, r.Spans, r.Claims, r.Answer)
		}
		if s != sess {
			s.Close()
		}
	}
	// Once: a second start imports nothing and says nothing.
	if notes, err := migrateOldWork(db, sess, out); err != nil || len(notes) != 0 {
		t.Errorf("second start: %v %v", notes, err)
	}
	sess.Close()
	// The training file written from the database holds every annotator's documents.
	if _, err := db.ExportTraining(out); err != nil {
		t.Fatal(err)
	}
	got, err := importer.Open(out, importer.Options{Format: importer.Hashiya})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Records) != len(want.Records) {
		t.Errorf("the exported file has %d records, the release had %d", len(got.Records), len(want.Records))
	}
	// Record by record, every field as the previous release's reader would
	// have written it (its training file merged with its journals).
	key := func(r record.Record) string { return r.AnnotatorID + "/" + r.Meta.ID }
	exported := map[string]record.Record{}
	for _, r := range got.Records {
		exported[key(r)] = r
	}
	for _, w := range want.Records {
		g, ok := exported[key(w)]
		if !ok {
			t.Errorf("%s: not in the exported file", key(w))
			continue
		}
		gm, wm := recordFields(t, g), recordFields(t, w)
		for f := range releaseAdditions {
			delete(gm, f)
			delete(wm, f)
		}
		for f, wv := range wm {
			if gv, ok := gm[f]; !ok || !reflect.DeepEqual(gv, wv) {
				t.Errorf("%s: %s differs:\n got %s\nwant %s", key(w), f, show(gv), show(wv))
			}
		}
		for f := range gm {
			if _, ok := wm[f]; !ok {
				t.Errorf("%s: field %s is new, and not a documented addition", key(w), f)
			}
		}
	}
}

// releaseAdditions are the fields a record written from the database may
// have that the previous release's did not; every other field must be equal.
// There are none today: the database writes the release's format exactly,
// _timestamp, _session_id and the hashes included.
var releaseAdditions = map[string]bool{}

// recordFields is a record as its JSON fields.
func recordFields(t *testing.T, r record.Record) map[string]any {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func show(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func sameClaims(a, b []annotations.Claim) bool {
	norm := func(cs []annotations.Claim) []annotations.Claim {
		out := append([]annotations.Claim(nil), cs...)
		for i := range out {
			if len(out[i].Links) == 0 {
				out[i].Links = nil
			}
		}
		return out
	}
	return reflect.DeepEqual(norm(a), norm(b))
}

// An annotator at work in another hashiya is left for its own next start;
// the import is recorded only once everyone is in.
func TestPreviousReleaseWaitsForAnAnnotatorAtWork(t *testing.T) {
	out := copyRelease(t)
	db, sess, err := openProject(defaultDB(out), "alice")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	other, err := store.Open(defaultDB(out)) // bob's reader
	if err != nil {
		t.Fatal(err)
	}
	bob, err := other.Session("bob")
	if err != nil {
		t.Fatal(err)
	}
	notes, err := migrateOldWork(db, sess, out)
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(notes, "\n")
	if !strings.Contains(joined, "bob's work in "+out+" not imported now") || !strings.Contains(joined, "of alice from") || !strings.Contains(joined, "of carol from") {
		t.Fatalf("notes:\n%s", joined)
	}
	if has, _ := db.HasWork("bob"); has {
		t.Fatal("bob's work was imported under his running reader")
	}
	src, err := sourceOf(out)
	if err != nil {
		t.Fatal(err)
	}
	if prev, err := db.FindImport(src.SHA256); err != nil || prev != nil {
		t.Fatalf("recorded as imported while bob's part is missing: %v %v", prev, err)
	}
	// bob quits, and starts again in this process: his part comes in, and now it is recorded.
	bob.Close()
	other.Close()
	sb, err := db.Session("bob")
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	notes, err = migrateOldWork(db, sb, out)
	if err != nil || len(notes) == 0 || !strings.Contains(notes[0], "imported 2 document(s) of bob") {
		t.Fatalf("bob's start: %v %v", notes, err)
	}
	if prev, err := db.FindImport(src.SHA256); err != nil || prev == nil || prev.Documents != 2 {
		t.Fatalf("not recorded once everyone was in: %+v %v", prev, err)
	}
}
