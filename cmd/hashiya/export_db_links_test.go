package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/record"
	"github.com/hashiya/hashiya/annotations/store"
)

// linkedRecord is annotator's record of doc: one claim linked to the claim to.
func linkedRecord(t *testing.T, annotator, doc, to string) record.Record {
	t.Helper()
	info := annotations.DocInfo{ID: doc, Lang: "ar", Text: "قال بوتين إن 10 آلاف جندي وصلوا"}
	c := annotations.Claim{ID: "c1", Span: annotations.Span{ID: "c1", Start: 13, End: 25, Text: "10 آلاف جندي", Label: "CLAIM"},
		Attribution: annotations.AttrAsserted, Cluster: "k1",
		Links: []annotations.Link{{To: to, Relation: annotations.RelContradicts}}}
	d, err := annotations.RestoreDocState(info, nil, []annotations.Claim{c}, "", 1000, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	return record.BuildRecord(d, annotator, annotator+"-test")
}

// TestExportFromDatabaseRefusedCrossAnnotatorLinks: the database names a claim
// of another annotator "DOC#cN@ANNOTATOR", and the record check refused that
// form, so export --db of a project with such a link failed.
func TestExportFromDatabaseRefusedCrossAnnotatorLinks(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []record.Record{
		linkedRecord(t, "amira", "d1", "d2#c1@reza"),
		linkedRecord(t, "reza", "d2", "d1#c1@amira"),
	} {
		s, err := db.Session(r.AnnotatorID)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := s.Restore([]record.Record{r}); err != nil || n != 1 {
			t.Fatalf("restore %s: %d, %v", r.AnnotatorID, n, err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "training.jsonl")
	if _, errOut, err := run(t, newExportCmd(), "--format", "prodigy", "--db", path, "--out", out); err != nil {
		t.Fatalf("export --db: %v\n%s", err, errOut)
	}
	stdout, errOut, err := run(t, newValidateCmd(), out)
	if err != nil {
		t.Fatalf("validate: %v\n%s%s", err, stdout, errOut)
	}
	recs, _, err := run(t, newExportCmd(), "--format", "prodigy", "--db", path)
	if err != nil || !strings.Contains(recs, `"to":"d2#c1@reza"`) || !strings.Contains(recs, `"to":"d1#c1@amira"`) {
		t.Fatalf("links in the export: %v\n%s", err, recs)
	}
}
