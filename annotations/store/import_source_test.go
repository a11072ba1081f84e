package store

import (
	"bytes"
	"strings"
	"testing"
)

// An imported span keeps where it came from (an accepted suggestion's pattern:ID), and
// keeps its id: the training file written back has both as they were.
func TestImportKeepsSpanSourceAndID(t *testing.T) { onBoth(t, testImportKeepsSpanSourceAndID) }

func testImportKeepsSpanSourceAndID(t *testing.T, target string) {
	dir := t.TempDir()
	recs, want := journalFile(t, dir)
	n := 0
	for i := range recs {
		for j := range recs[i].Spans {
			recs[i].Spans[j].Source = "pattern:putin"
			n++
		}
	}
	if n == 0 {
		t.Fatal("the journal file has no span")
	}
	db := openDB(t, target)
	if _, err := db.Import(ImportSource{Name: "annotations.jsonl", SHA256: sha(string(want))}, recs); err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if _, err := db.WriteTraining(&got); err != nil {
		t.Fatal(err)
	}
	if c := strings.Count(got.String(), `"source":"pattern:putin"`); c != n {
		t.Fatalf("%d spans with their source written back, want %d:\n%s", c, n, got.String())
	}
	for _, r := range recs {
		for _, sp := range r.Spans {
			if !strings.Contains(got.String(), `"id":"`+sp.ID+`"`) {
				t.Errorf("span id %s not kept:\n%s", sp.ID, got.String())
			}
		}
	}
}
