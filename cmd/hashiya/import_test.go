package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations/journal"
	"github.com/hashiya/hashiya/annotations/record"
)

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const (
	prodigyLines = `{"text":"التقى بوتين كيم","meta":{"id":"p1"},"spans":[{"start":6,"end":11,"label":"PERSON"},{"start":12,"end":15,"label":"PERSON"}],"answer":"accept","_annotator_id":"sara"}` + "\n" +
		`{"text":"به تهران رفتند","meta":{"id":"p2"},"spans":[{"start":3,"end":8,"label":"GPE"}],"answer":"reject","_annotator_id":"reza"}` + "\n"
	// 🇷🇺 counts four UTF-16 units: بوتين is [5,10) in UTF-16, [3,8) in code points.
	doccanoUTF16 = `{"id":"u1","text":"🇷🇺 بوتين","label":[[5,10,"PERSON"]]}` + "\n"
)

func TestImportSummarizesPerFileAndAnnotator(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "prodigy.jsonl", prodigyLines)
	d := writeFile(t, dir, "doccano.jsonl", doccanoUTF16)
	out, errOut, err := run(t, newImportCmd(), "--offsets", "utf16", "--annotator", "omar", p, d)
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	for _, want := range []string{
		p + " (prodigy): 2 documents, 3 spans, 0 claims, 2 answers (1 accept, 1 reject)",
		"  reza: 1 documents, 1 spans, 0 claims, 1 answers (1 reject)",
		"  sara: 1 documents, 2 spans, 0 claims, 1 answers (1 accept)",
		d + " (doccano): 1 documents, 1 spans, 0 claims, 0 answers",
		"  omar: 1 documents, 1 spans, 0 claims, 0 answers",
		"all 2 files: 3 documents, 4 spans, 0 claims, 2 answers (1 accept, 1 reject)",
	} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

func TestImportOutWritesATrainingFileTheReaderOpens(t *testing.T) {
	dir := t.TempDir()
	d := writeFile(t, dir, "doccano.jsonl", doccanoUTF16)
	p := writeFile(t, dir, "prodigy.jsonl", prodigyLines)
	out := filepath.Join(dir, "annotations.jsonl")
	_, errOut, err := run(t, newImportCmd(), "--offsets", "utf16", "--annotator", "omar", "--out", out, d, p)
	if err != nil || !strings.Contains(errOut, "wrote "+out+" (3 records)") {
		t.Fatalf("%v\n%s", err, errOut)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	probs := record.Validate(f, out)
	f.Close()
	if len(probs) > 0 {
		t.Fatalf("written file does not validate: %v", probs)
	}
	st, err := journal.Open(journal.StoreOptions{Out: out, Annotator: "omar"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	v, ok := st.Doc("u1")
	if !ok || len(v.Spans) != 1 || v.Spans[0].Text != "بوتين" || v.Spans[0].Start != 3 {
		t.Fatalf("the reader sees %+v", v.Spans)
	}
	// A second import never writes over the file.
	_, _, err = run(t, newImportCmd(), "--out", out, p)
	if err == nil || !strings.Contains(err.Error(), "refusing to write "+out) {
		t.Errorf("overwrote an existing file: %v", err)
	}
}

func TestImportBadLineImportsNothingFromItsFile(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.jsonl", prodigyLines)
	bad := writeFile(t, dir, "bad.jsonl", prodigyLines+
		`{"text":"كَتَبَ","meta":{"id":"p3"},"spans":[{"start":0,"end":1,"label":"X"}],"_annotator_id":"sara"}`+"\n")
	out := filepath.Join(dir, "annotations.jsonl")
	stdout, errOut, err := run(t, newImportCmd(), "--out", out, good, bad)
	if err == nil || !strings.Contains(err.Error(), "1 of 2 file(s) not imported; nothing written to "+out) {
		t.Fatalf("error %v", err)
	}
	if !strings.Contains(errOut, bad+`:3: spans[0] [0,1): offset 1 is inside the character "كَ"`) || !strings.Contains(errOut, bad+": not imported (1 problem(s))") {
		t.Errorf("stderr:\n%s", errOut)
	}
	if strings.Contains(stdout, bad) || !strings.Contains(stdout, good+" (prodigy)") {
		t.Errorf("summary of a file that was not imported:\n%s", stdout)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("--out written although a file failed: %v", err)
	}
}

func TestImportRefusesTheSameDocumentTwice(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.jsonl", prodigyLines)
	b := writeFile(t, dir, "b.jsonl", prodigyLines)
	out := filepath.Join(dir, "annotations.jsonl")
	_, errOut, err := run(t, newImportCmd(), "--out", out, a, b)
	if err == nil || !strings.Contains(errOut, b+`:1: second line for document "p1" by "sara" (first at `+a+":1)") {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("--out written: %v", err)
	}
	// Without --out each file is fine on its own.
	if _, _, err := run(t, newImportCmd(), a, b); err != nil {
		t.Errorf("summary only: %v", err)
	}
}

func TestImportFlagsAndHelp(t *testing.T) {
	dir := t.TempDir()
	d := writeFile(t, dir, "doccano.jsonl", doccanoUTF16)
	// Read as code points, [5,10) runs past the 8 code points of the text.
	_, errOut, err := run(t, newImportCmd(), "--annotator", "omar", d)
	if err == nil || !strings.Contains(errOut, d+":1: label[0] [5,10): offsets outside the text of 8 code points") {
		t.Errorf("UTF-16 offsets read as code points: %v\n%s", err, errOut)
	}
	if _, _, err := run(t, newImportCmd(), "--format", "csv", d); err == nil || !strings.Contains(err.Error(), `unknown input format "csv"`) {
		t.Errorf("--format csv: %v", err)
	}
	if _, _, err := run(t, newImportCmd(), "--format", "journal", d); err == nil {
		t.Error("a doccano file read as a journal")
	}
	help, _, _ := run(t, newImportCmd(), "--help")
	if !strings.Contains(help, "With --db (or --out, whose database is beside it") {
		t.Errorf("help does not say where the database target stands:\n%s", help)
	}
}

func TestImportLabelsNameTheClaimLabel(t *testing.T) {
	dir := t.TempDir()
	schema := writeFile(t, dir, "labels.toml", "[[labels]]\nname = \"PERSON\"\nkey = \"1\"\ncolor = \"#e06c75\"\ndescription = \"People\"\n\n"+
		"[claim]\nname = \"STATEMENT\"\nkey = \"c\"\ncolor = \"#ff79c6\"\ndescription = \"A checkable statement\"\n")
	d := writeFile(t, dir, "d.jsonl", `{"id":"s","text":"قال بوتين إن الحرب انتهت","entities":[`+
		`{"id":1,"label":"PERSON","start_offset":4,"end_offset":9},{"id":2,"label":"STATEMENT","start_offset":13,"end_offset":24}],`+
		`"relations":[{"id":1,"from_id":1,"to_id":2,"type":"CLAIMANT"}]}`+"\n")
	out, errOut, err := run(t, newImportCmd(), "--annotator", "a", "--labels", schema, d)
	if err != nil || !strings.Contains(out, "1 documents, 1 spans, 1 claims") {
		t.Fatalf("%v\n%s%s", err, out, errOut)
	}
	out, _, err = run(t, newImportCmd(), "--annotator", "a", d)
	if err != nil || !strings.Contains(out, "1 documents, 2 spans, 0 claims") {
		t.Fatalf("without --labels STATEMENT is an entity: %v\n%s", err, out)
	}
}
