package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations/export"
)

// dropTimestamps parses JSONL without _timestamp (an import is a new change).
func dropTimestamps(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		delete(m, "_timestamp")
		out = append(out, m)
	}
	return out
}

// Every format exported from the database is what the training file it was
// imported from exports.
func TestExportFromDatabaseEqualsExportFromFile(t *testing.T) {
	in := annotated(t)
	db := filepath.Join(t.TempDir(), "p.db")
	if _, errOut, err := run(t, newImportCmd(), "--db", db, in); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	for _, f := range export.Formats {
		if f == export.FormatBrat {
			continue
		}
		want, _, err := run(t, newExportCmd(), "--format", f, in)
		if err != nil {
			t.Fatal(f, err)
		}
		got, _, err := run(t, newExportCmd(), "--format", f, "--db", db)
		if err != nil {
			t.Fatal(f, err)
		}
		if f == export.FormatProdigy {
			if w, g := dropTimestamps(t, want), dropTimestamps(t, got); !reflect.DeepEqual(w, g) {
				t.Errorf("%s differs:\n got %s\nwant %s", f, got, want)
			}
		} else if got != want || got == "" {
			t.Errorf("%s differs:\n got %q\nwant %q", f, got, want)
		}
	}
	// brat: the same files.
	a, b := t.TempDir(), t.TempDir()
	if _, _, err := run(t, newExportCmd(), "--format", "brat", "--out", a, in); err != nil {
		t.Fatal(err)
	}
	if _, _, err := run(t, newExportCmd(), "--format", "brat", "--out", b, "--db", db); err != nil {
		t.Fatal(err)
	}
	ea, _ := os.ReadDir(a)
	for _, e := range ea {
		x, _ := os.ReadFile(filepath.Join(a, e.Name()))
		y, err := os.ReadFile(filepath.Join(b, e.Name()))
		if err != nil || string(x) != string(y) {
			t.Errorf("brat %s differs (%v)", e.Name(), err)
		}
	}
}

func TestExportFromDatabaseFiltersAnnotator(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "prodigy.jsonl", prodigyLines)
	db := filepath.Join(dir, "p.db")
	if _, errOut, err := run(t, newImportCmd(), "--db", db, p); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	all, _, err := run(t, newExportCmd(), "--format", "prodigy", "--db", db)
	if err != nil || strings.Count(all, "\n") != 2 {
		t.Fatalf("%v\n%s", err, all)
	}
	one, _, err := run(t, newExportCmd(), "--format", "prodigy", "--db", db, "--annotator", "reza")
	if err != nil || strings.Count(one, "\n") != 1 || !strings.Contains(one, `"_annotator_id":"reza"`) {
		t.Fatalf("--annotator reza: %v\n%s", err, one)
	}
	out := filepath.Join(dir, "x.jsonl")
	if _, errOut, err := run(t, newExportCmd(), "--format", "spacy", "--db", db, "--out", out); err != nil || !strings.Contains(errOut, "wrote "+out+" (2 documents") {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if _, _, err := run(t, newExportCmd(), "--format", "prodigy", "--db", filepath.Join(dir, "none.db")); err == nil {
		t.Fatal("a missing database exported")
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); err == nil {
		t.Fatal("exporting a missing database created it")
	}
}
