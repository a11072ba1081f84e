package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// run executes the hashiya command line as main does and returns its standard error.
func runCLI(t *testing.T, args ...string) string {
	t.Helper()
	root := newRootCmd()
	var out, errw bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errw)
	root.SetArgs(args)
	if err := execute(context.Background(), root); err == nil {
		t.Fatalf("hashiya %q did not fail", args)
	}
	return errw.String()
}

var sgr = regexp.MustCompile("\x1b\\[[0-9;]*m")

// controlAt is the byte offset of the first control a terminal would obey in s, once
// the error printer's own colours are taken out: C0 but the newline, DEL, C1; or -1.
func controlAt(s string) int {
	s = sgr.ReplaceAllString(s, "")
	for i, r := range s {
		if (r < 0x20 && r != '\n') || (r >= 0x7F && r < 0xA0) {
			return i
		}
	}
	return -1
}

func TestErrorMessagesAreTitleCased(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nonexistent", "path.txt")
	got := runCLI(t, "render", missing)
	if !strings.Contains(got, "open "+missing+": no such file or directory\n") {
		t.Errorf("the error is not printed as written (want %q, exactly):\n%s", "open "+missing+": no such file or directory", got)
	}
	if !strings.Contains(got, "ERROR") {
		t.Errorf("the error lost fang's ERROR header:\n%s", got)
	}
	dir := t.TempDir()
	lab := filepath.Join(dir, "lab", "k.toml")
	os.MkdirAll(filepath.Dir(lab), 0o755)
	os.WriteFile(lab, []byte("bogus = 1\n"), 0o644)
	got = runCLI(t, "labels", "--labels", lab)
	if !strings.Contains(got, lab) {
		t.Errorf("the labels error does not name %s as written:\n%s", lab, got)
	}
}

func TestErrorOutputPrintsNamesRaw(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"t\a\x1b]0;PWNED\a.txt", "x\x1b[?1049lq.txt", "c1\u009b2J.txt"} {
		got := runCLI(t, "render", filepath.Join(dir, name))
		if i := controlAt(got); i >= 0 {
			t.Errorf("a control reached stderr at byte %d for %q:\n%q", i, name, got)
		}
		if !strings.Contains(got, "no such file") {
			t.Errorf("the error for %q lost its words:\n%q", name, got)
		}
	}
	if got := runCLI(t, "render", filepath.Join(dir, "t\a\x1b]0;PWNED\a.txt")); !strings.Contains(got, "t␇␛]0;PWNED␇.txt") {
		t.Errorf("the name is not shown with control pictures:\n%q", got)
	}
}

func TestValidateOutputPrintsNamesRaw(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "x\x1b[?1049l")
	os.MkdirAll(dir, 0o755)
	bad := filepath.Join(dir, "t\a\x1b]0;PWNED\a.jsonl")
	os.WriteFile(bad, []byte("{oops\n"), 0o644)
	out, _, err := run(t, newValidateCmd(), bad)
	if err == nil || !strings.Contains(out, "bad JSON") {
		t.Fatalf("want a bad JSON problem: %v\n%q", err, out)
	}
	if i := controlAt(out); i >= 0 {
		t.Errorf("a control reached the terminal at byte %d:\n%q", i, out)
	}
	if !strings.Contains(out, "x␛[?1049l/t␇␛]0;PWNED␇.jsonl:1:") {
		t.Errorf("the problem does not name the file with control pictures and its line:\n%q", out)
	}
}

func TestQuitAnywaySaysTheDatabaseHoldsEveryEdit(t *testing.T) {
	got := quitWithoutExport("annotations.jsonl", "annotations.db", syscall.ENOSPC).Error()
	for _, want := range []string{"annotations.jsonl", "annotations.db holds every edit", "no space left on device", "hashiya export"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "lost") {
		t.Errorf("%q says edits are lost; the database has them", got)
	}
}

func TestSecondReaderOfOneAnnotatorRefusedWithHolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "annotations.db")
	db, sess, err := openProject(path, "alice")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	defer sess.Close()
	_, _, err = openProject(path, "alice")
	host, _ := os.Hostname()
	if err == nil || !strings.Contains(err.Error(), host) || !strings.Contains(err.Error(), strconv.Itoa(os.Getpid())) || !strings.Contains(err.Error(), path) {
		t.Fatalf("the second session of alice: %v", err)
	}
	db2, bob, err := openProject(path, "bob")
	if err != nil {
		t.Fatalf("another annotator on the same database: %v", err)
	}
	bob.Close()
	db2.Close()
}

func TestCorruptDatabaseRefusedNamingIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "annotations.db")
	if err := os.WriteFile(path, bytes.Repeat([]byte("not a database "), 512), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := openProject(path, "alice")
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("a corrupt database: %v", err)
	}
}

func TestUsageErrorKeepsHelpPointer(t *testing.T) {
	got := runCLI(t, "render", "--bogus")
	if !strings.Contains(got, "unknown flag: --bogus\n") || !strings.Contains(got, "--help") {
		t.Errorf("usage error:\n%s", got)
	}
}
