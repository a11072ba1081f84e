package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportOutOverwroteItsInput: --out naming the input, a symlink to it or
// a hard link to it must leave the input byte for byte as it was.
func TestExportOutOverwroteItsInput(t *testing.T) {
	in := annotated(t)
	orig, _ := os.ReadFile(in)
	dir := filepath.Dir(in)
	sym := filepath.Join(dir, "latest.jsonl")
	hard := filepath.Join(dir, "hard.jsonl")
	if err := os.Symlink(in, sym); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(in, hard); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, format, out, input string }{
		{"same path", "spacy", in, in},
		{"relative spelling", "doccano", filepath.Join(dir, ".", filepath.Base(in)), in},
		{"symlink out", "prodigy", sym, in},
		{"symlink in", "prodigy", in, sym},
		{"hard link", "claims", hard, in},
	}
	for _, c := range cases {
		_, _, err := run(t, newExportCmd(), "--format", c.format, "--out", c.out, c.input)
		if err == nil || !strings.Contains(err.Error(), c.out) || !strings.Contains(err.Error(), c.input) {
			t.Errorf("%s: want an error naming %s and %s, got %v", c.name, c.out, c.input, err)
		}
		if got, _ := os.ReadFile(in); !bytes.Equal(got, orig) {
			t.Fatalf("%s: the input was overwritten", c.name)
		}
		if fi, err := os.Lstat(sym); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("%s: the symlink was replaced", c.name)
		}
	}
}

func TestExportRefusesInputAsSideFile(t *testing.T) {
	// hf writes OUT.labels.json beside OUT; brat writes several files into DIR.
	dir := t.TempDir()
	in := filepath.Join(dir, "x.labels.json")
	b, _ := os.ReadFile(annotated(t))
	os.WriteFile(in, b, 0o644)
	if _, _, err := run(t, newExportCmd(), "--format", "hf", "--out", filepath.Join(dir, "x.json"), in); err == nil || !strings.Contains(err.Error(), in) {
		t.Errorf("hf labels file over the input: %v", err)
	}
	conf := filepath.Join(dir, "annotation.conf")
	os.WriteFile(conf, b, 0o644)
	if _, _, err := run(t, newExportCmd(), "--format", "brat", "--out", dir, conf); err == nil || !strings.Contains(err.Error(), conf) {
		t.Errorf("brat annotation.conf over the input: %v", err)
	}
	for _, p := range []string{in, conf} {
		if got, _ := os.ReadFile(p); !bytes.Equal(got, b) {
			t.Errorf("%s was overwritten", p)
		}
	}
}

func TestExportRefusesInputAsStdout(t *testing.T) {
	in := annotated(t)
	orig, _ := os.ReadFile(in)
	f, err := os.OpenFile(in, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cmd := newExportCmd()
	cmd.SetOut(f)
	cmd.SetErr(&bytes.Buffer{})
	cmd.SetArgs([]string{"--format", "prodigy", in})
	cmd.SilenceUsage = true
	if err := cmd.Execute(); err == nil || !strings.Contains(err.Error(), "standard output") || !strings.Contains(err.Error(), in) {
		t.Errorf("export appended to its own input: %v", err)
	}
	if got, _ := os.ReadFile(in); !bytes.Equal(got, orig) {
		t.Fatal("the input changed")
	}
}
