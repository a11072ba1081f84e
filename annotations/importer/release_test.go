package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/journal"
	"github.com/hashiya/hashiya/annotations/record"
)

// The files in testdata/release were written by this release's Store on the
// sample corpus (testdata/gen): carol's records are only in the training
// file, bob's journal ends in a torn line, and alice's journal holds edits
// made after the file was last written.
const releaseDir = "testdata/release"

func TestPreviousReleaseImportsAsTheStoreOpensIt(t *testing.T) {
	src := filepath.Join(releaseDir, "annotations.jsonl")
	before := snapshotDir(t, releaseDir)
	f, err := Open(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if after := snapshotDir(t, releaseDir); !reflect.DeepEqual(before, after) {
		t.Error("importing changed the files it read")
	}
	if len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0], "bob.jsonl") || !strings.Contains(f.Warnings[0], "incomplete last line") {
		t.Errorf("warnings: %v", f.Warnings)
	}
	counts := map[string]int{}
	for _, r := range f.Records {
		counts[r.AnnotatorID]++
	}
	if !reflect.DeepEqual(counts, map[string]int{"alice": 2, "bob": 2, "carol": 1}) {
		t.Errorf("documents per annotator: %v", counts)
	}

	// The reader, opened on a copy, for each annotator with a journal.
	dir := t.TempDir()
	for name, data := range before {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "annotations.jsonl")
	carol := readOut(t, out)
	for _, who := range []string{"alice", "bob"} {
		st, err := journal.Open(journal.StoreOptions{Out: out, Annotator: who})
		if err != nil {
			t.Fatal(err)
		}
		compareWithStore(t, f, st, who)
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	}
	// carol has no journal: her line of the file is her work.
	want := stateOf(carol)
	for k, v := range stateOf(f.Records) {
		if k[0] == "carol" && !reflect.DeepEqual(v, want[k]) {
			t.Errorf("carol %s: %+v, want %+v", k[1], v, want[k])
		}
	}
	// What only alice's journal knows came in.
	var d3 record.Record
	for _, r := range f.Records {
		if r.AnnotatorID == "alice" && strings.HasPrefix(r.Meta.ID, "003") {
			d3 = r
		}
	}
	if d3.Answer != annotations.AnswerReject || !strings.Contains(spanList(d3.Spans), "PERSON«بوتين»") || len(d3.Claims) != 1 || len(d3.Claims[0].Links) != 1 {
		t.Errorf("alice's document 003: answer %q spans %s claims %+v", d3.Answer, spanList(d3.Spans), d3.Claims)
	}
	// And after both readers wrote the file, it alone imports the same.
	again, err := Open(out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(stateOf(again.Records), stateOf(f.Records)) {
		t.Error("the training file written by the reader imports differently")
	}
}

// snapshotDir reads every file under dir, by path relative to it.
func snapshotDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = bytes.Clone(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
