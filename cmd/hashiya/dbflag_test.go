package main

import (
	"path/filepath"
	"testing"
)

func TestDefaultDBBesideTrainingFile(t *testing.T) {
	for out, want := range map[string]string{
		"annotations.jsonl":        "annotations.db",
		filepath.Join("d", "x.jl"): filepath.Join("d", "x.db"),
		"noext":                    "noext.db",
	} {
		if got := dbPath("", out); got != want {
			t.Errorf("dbPath(%q) = %q, want %q", out, got, want)
		}
	}
	if got := dbPath("p.db", "annotations.jsonl"); got != "p.db" {
		t.Errorf("--db ignored: %q", got)
	}
}
