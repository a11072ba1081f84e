package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations/record"
)

func jsonLines(t *testing.T, recs ...record.Record) string {
	t.Helper()
	var b strings.Builder
	for _, r := range recs {
		line, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(append(line, '\n'))
	}
	return b.String()
}

// TestImportRefusedCrossAnnotatorLinks: `hashiya import` of a training file
// holding two annotators' records linked across annotators (DOC#cN@NAME)
// failed with "links to another annotator's claim ..., which is not
// imported". Both sides in one file must import and export back with the
// links.
func TestImportRefusedCrossAnnotatorLinks(t *testing.T) {
	dir := t.TempDir()
	both := writeFile(t, dir, "both.jsonl", jsonLines(t,
		linkedRecord(t, "amira", "d1", "d2#c1@reza"),
		linkedRecord(t, "reza", "d2", "d1#c1@amira")))
	db := filepath.Join(dir, "one.db")
	if _, errOut, err := run(t, newImportCmd(), "--db", db, both); err != nil {
		t.Fatalf("import of both sides in one file: %v\n%s", err, errOut)
	}
	recs, _, err := run(t, newExportCmd(), "--format", "prodigy", "--db", db)
	if err != nil || !strings.Contains(recs, `"to":"d2#c1@reza"`) || !strings.Contains(recs, `"to":"d1#c1@amira"`) {
		t.Fatalf("links after import: %v\n%s", err, recs)
	}
}
