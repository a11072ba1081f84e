package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The reader wrote ./annotations.jsonl and ./annotations.db wherever it ran (a source
// tree, say). Without --out and --db its work goes to the data directory, one directory
// per corpus; --out and --db still decide.
func TestReaderWorkGoesToTheDataDirectoryNotTheWorkingOne(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	out, db, err := readerFiles(nil, "", "")
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(data, "hashiya", "sample")
	if out != filepath.Join(want, "annotations.jsonl") || db != filepath.Join(want, "annotations.db") {
		t.Errorf("sample: %s, %s; want both in %s", out, db, want)
	}
	if st, err := os.Stat(want); err != nil || !st.IsDir() {
		t.Errorf("%s was not made: %v", want, err)
	}

	// Two corpora of one name keep apart; the directory is named after the corpus.
	a, _, _ := readerFiles([]string{filepath.Join(t.TempDir(), "news.jsonl")}, "", "")
	b, _, _ := readerFiles([]string{filepath.Join(t.TempDir(), "news.jsonl")}, "", "")
	if a == b || !strings.HasPrefix(filepath.Base(filepath.Dir(a)), "news.jsonl-") {
		t.Errorf("two news.jsonl corpora: %s and %s", a, b)
	}

	// Without XDG_DATA_HOME: ~/.local/share/hashiya.
	home := t.TempDir()
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", home)
	out, _, err = readerFiles(nil, "", "")
	if err != nil || out != filepath.Join(home, ".local", "share", "hashiya", "sample", "annotations.jsonl") {
		t.Errorf("without XDG_DATA_HOME: %s, %v", out, err)
	}

	// --out and --db override.
	o := filepath.Join(t.TempDir(), "mine.jsonl")
	if out, db, _ := readerFiles(nil, o, ""); out != o || db != strings.TrimSuffix(o, ".jsonl")+".db" {
		t.Errorf("--out: %s, %s", out, db)
	}
	if _, db, _ := readerFiles(nil, "", "/x/team.db"); db != "/x/team.db" {
		t.Errorf("--db: %s", db)
	}
}

// A training file of the earlier default in the working directory is reported, not
// silently left behind; with --out nothing is said.
func TestOldDefaultTrainingFileIsReported(t *testing.T) {
	t.Chdir(t.TempDir())
	if n := oldDefaultNotice(false, "/data/x/annotations.jsonl"); n != "" {
		t.Errorf("no old file, yet: %q", n)
	}
	os.WriteFile("annotations.jsonl", []byte("{}\n"), 0o644)
	if n := oldDefaultNotice(false, "/data/x/annotations.jsonl"); !strings.Contains(n, "--out annotations.jsonl") || !strings.Contains(n, "/data/x/annotations.jsonl") {
		t.Errorf("notice: %q", n)
	}
	if n := oldDefaultNotice(true, "annotations.jsonl"); n != "" {
		t.Errorf("with --out: %q", n)
	}
}
