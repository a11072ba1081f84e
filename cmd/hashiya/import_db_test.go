package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations/store"
)

func TestImportIntoDatabaseOnceAndNamedWhen(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "prodigy.jsonl", prodigyLines)
	db := filepath.Join(dir, "project.db")
	_, errOut, err := run(t, newImportCmd(), "--db", db, p)
	if err != nil || !strings.Contains(errOut, "imported "+p+" into "+db+": 2 documents, 3 spans, 0 claims, 2 answers") {
		t.Fatalf("%v\n%s", err, errOut)
	}
	_, errOut, err = run(t, newImportCmd(), "--db", db, p)
	if err == nil || !strings.Contains(errOut, p+": already imported into "+db+" on ") || !strings.Contains(errOut, " UTC") {
		t.Fatalf("a second import: %v\n%s", err, errOut)
	}
	d, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var buf bytes.Buffer
	if st, err := d.WriteTraining(&buf); err != nil || st.Records != 2 {
		t.Fatalf("%d records in the database (%v)", st.Records, err)
	}
	if !strings.Contains(buf.String(), `"_annotator_id":"sara"`) || !strings.Contains(buf.String(), `"_annotator_id":"reza"`) {
		t.Fatalf("annotators lost:\n%s", buf.String())
	}
}

// A bad file among good ones: nothing is imported at all.
func TestImportIntoDatabaseRefusesAllOnABadFile(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "prodigy.jsonl", prodigyLines)
	bad := writeFile(t, dir, "bad.jsonl", `{"text":"abc","meta":{"id":"x"},"spans":[{"start":1,"end":9,"label":"X"}],"_annotator_id":"sara"}`+"\n")
	db := filepath.Join(dir, "project.db")
	_, errOut, err := run(t, newImportCmd(), "--db", db, p, bad)
	if err == nil || !strings.Contains(err.Error(), "nothing imported into "+db) || !strings.Contains(errOut, bad+":1:") {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if _, err := os.Stat(db); err == nil {
		t.Fatal("the database was created though nothing was imported")
	}
}

// --out imports into the database beside it, and still writes the file.
func TestImportOutFillsTheDefaultDatabase(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "prodigy.jsonl", prodigyLines)
	out := filepath.Join(dir, "annotations.jsonl")
	_, errOut, err := run(t, newImportCmd(), "--out", out, p)
	if err != nil || !strings.Contains(errOut, "into "+filepath.Join(dir, "annotations.db")) || !strings.Contains(errOut, "wrote "+out) {
		t.Fatalf("%v\n%s", err, errOut)
	}
}

// One file is streamed into its transaction: a bad line at its end still
// leaves nothing, not even a new empty database.
func TestImportIntoDatabaseOneBadFileLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.jsonl", prodigyLines+`{"text":"abc","meta":{"id":"x"},"spans":[{"start":1,"end":9,"label":"X"}],"_annotator_id":"sara"}`+"\n")
	db := filepath.Join(dir, "project.db")
	_, errOut, err := run(t, newImportCmd(), "--db", db, bad)
	if err == nil || !strings.Contains(err.Error(), "nothing imported into "+db) || !strings.Contains(errOut, bad+":3:") {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if _, err := os.Stat(db); err == nil {
		t.Fatal("a new database was left though nothing was imported")
	}
	// Into an existing database: the good lines before the bad one are not in it.
	good := writeFile(t, dir, "good.jsonl", `{"text":"abc","meta":{"id":"y"},"answer":"accept","_annotator_id":"sara"}`+"\n")
	if _, errOut, err := run(t, newImportCmd(), "--db", db, good); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if _, _, err := run(t, newImportCmd(), "--db", db, bad); err == nil {
		t.Fatal("the bad file was imported")
	}
	d, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if st, err := d.WriteTraining(io.Discard); err != nil || st.Records != 1 {
		t.Fatalf("%d records in the database (%v), want the good file's 1", st.Records, err)
	}
}
