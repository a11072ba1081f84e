package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/export"
	"github.com/hashiya/hashiya/annotations/journal"
	"github.com/spf13/cobra"
)

// annotated writes an annotations file through the real store.
func annotated(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, "annotations.jsonl")
	s, err := journal.Open(journal.StoreOptions{Out: out, Annotator: "amira"})
	if err != nil {
		t.Fatal(err)
	}
	doc := annotations.DocInfo{ID: "d1", Text: "بوتين 🇷🇺 met Kim\r\nفي بيونج يانج"}
	if _, err := s.AddSpan(doc, "PERSON", 13, 16); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddSpan(doc, "GPE", 21, 31); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddClaim(doc, 9, 26); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return out
}

func run(t *testing.T, cmd *cobra.Command, args ...string) (string, string, error) {
	t.Helper()
	var o, e bytes.Buffer
	cmd.SetOut(&o)
	cmd.SetErr(&e)
	cmd.SetArgs(args)
	cmd.SilenceUsage = true
	err := cmd.Execute()
	return o.String(), e.String(), err
}

func TestExportCmd(t *testing.T) {
	in := annotated(t)
	out, _, err := run(t, newExportCmd(), "--format", "doccano", "--offsets", "utf16", in)
	if err != nil || !strings.Contains(out, `[15,18,"PERSON"]`) || !strings.Contains(out, `[23,33,"GPE"]`) {
		t.Fatalf("doccano utf16: %v\n%s", err, out)
	}
	dir := t.TempDir()
	if _, _, err := run(t, newExportCmd(), "--format", "hf", "--out", dir, in); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "annotations.hf.labels.json")); err != nil {
		t.Fatal(err)
	}
	if _, _, err := run(t, newExportCmd(), "--format", "brat", "--out", filepath.Join(dir, "brat"), in); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"d1.txt", "d1.ann", export.BratMappingFile, "annotation.conf"} {
		if _, err := os.Stat(filepath.Join(dir, "brat", f)); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := run(t, newExportCmd(), "--format", "spacy", "--offsets", "utf16", in); err == nil {
		t.Fatal("utf16 spacy accepted")
	}
	// A damaged input stops the export.
	bad := filepath.Join(t.TempDir(), "a.jsonl")
	os.WriteFile(bad, []byte("{\n"), 0o644)
	if _, errOut, err := run(t, newExportCmd(), "--format", "conll", bad); err == nil || !strings.Contains(errOut, bad+":1:") {
		t.Fatalf("bad input exported: %v %s", err, errOut)
	}
}
