package importer

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/hashiya/hashiya/annotations/record"
)

// Each gives the records Open returns, in the same order and from the same
// lines, without keeping them; a bad line still makes the file an *Error.
func TestEachStreamsWhatOpenReturns(t *testing.T) {
	dir := t.TempDir()
	good := `{"text":"` + arText + `","meta":{"id":"d1"},"spans":[{"start":6,"end":11,"label":"PERSON"}],"answer":"accept","_annotator_id":"a"}` + "\n" +
		`{"text":"` + faText + `","id":42,"spans":[{"start":0,"end":4,"label":"ORG"}],"_annotator_id":"a"}` + "\n"
	path := filepath.Join(dir, "p.jsonl")
	if err := os.WriteFile(path, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	want, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []record.Record
	var from []Pos
	f, err := Each(path, Options{}, func(r record.Record, at Pos) error {
		got, from = append(got, r), append(from, at)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Records) != 0 || f.Format != Prodigy {
		t.Errorf("Each kept %d records (format %s)", len(f.Records), f.Format)
	}
	if !reflect.DeepEqual(got, want.Records) || !reflect.DeepEqual(from, want.From) {
		t.Errorf("Each gave\n%+v %v\nOpen returned\n%+v %v", got, from, want.Records, want.From)
	}

	// A bad third line: the sink saw the two good ones, the result is an *Error.
	bad := good + `{"text":"abc","meta":{"id":"d3"},"spans":[{"start":1,"end":9,"label":"ORG"}],"_annotator_id":"a"}` + "\n"
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	n := 0
	_, err = Each(path, Options{}, func(record.Record, Pos) error { n++; return nil })
	var ie *Error
	if !errors.As(err, &ie) || len(ie.Problems) != 1 || ie.Problems[0].Line != 3 {
		t.Fatalf("bad line 3: %v", err)
	}
	// A sink's error stops the reading and comes back as it is.
	stop := errors.New("stop")
	n = 0
	if _, err := Each(path, Options{}, func(record.Record, Pos) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("sink error: %v after %d records", err, n)
	}
}

// The previous release's training file with journals is merged first, then
// given record by record: the same records as Open.
func TestEachGivesTheMergedJournalRecords(t *testing.T) {
	src := filepath.Join(releaseDir, "annotations.jsonl")
	want, err := Open(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []record.Record
	f, err := Each(src, Options{}, func(r record.Record, _ Pos) error { got = append(got, r); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want.Records) || !reflect.DeepEqual(f.Warnings, want.Warnings) {
		t.Errorf("Each gave %d records, Open %d; warnings %v / %v", len(got), len(want.Records), f.Warnings, want.Warnings)
	}
}
