package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/internal/pgtest"
	"github.com/spf13/cobra"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// Every command with --db says it takes a PostgreSQL URL.
func TestEveryDBFlagTakesAPostgresURL(t *testing.T) {
	for _, cmd := range []*cobra.Command{newRootCmd(), newImportCmd(), newExportCmd(), newAgreeCmd(),
		newReviewCmd(), newPatternsCmd(), newServeCmd()} {
		f := cmd.Flags().Lookup("db")
		if f == nil {
			t.Fatalf("%s: no --db", cmd.Name())
		}
		if !strings.Contains(f.Usage, "PostgreSQL URL") || !strings.Contains(f.Usage, "postgres://") {
			t.Errorf("%s --db: %q does not say it takes a PostgreSQL URL", cmd.Name(), f.Usage)
		}
	}
}

// import, export and agree on a PostgreSQL database, as on a file.
func TestImportExportAgreeOnPostgres(t *testing.T) {
	url := pgtest.URL(t)
	dir := t.TempDir()
	p := writeFile(t, dir, "prodigy.jsonl", prodigyLines)
	shown := dbShown(url)
	_, errOut, err := run(t, newImportCmd(), "--db", url, p)
	if err != nil || !strings.Contains(errOut, "imported "+p+" into "+shown+": 2 documents, 3 spans") {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if _, errOut, err = run(t, newImportCmd(), "--db", url, p); err == nil || !strings.Contains(errOut, "already imported") {
		t.Fatalf("a second import: %v\n%s", err, errOut)
	}
	out := filepath.Join(dir, "out.jsonl")
	if _, _, err := run(t, newExportCmd(), "--db", url, "--format", "prodigy", "--out", out); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(out)
	if n := strings.Count(string(b), "\n"); n != 2 || !strings.Contains(string(b), `"_annotator_id":"reza"`) {
		t.Fatalf("export of the PostgreSQL database: %d records\n%s", n, b)
	}
	js, _, err := run(t, newAgreeCmd(), "--db", url, "--format", "json")
	var rep map[string]any
	if err != nil || json.Unmarshal([]byte(js), &rep) != nil {
		t.Fatalf("agree: %v\n%s", err, js)
	}
}

// A URL's password is never in an error, whatever the command.
func TestPostgresPasswordNeverInErrors(t *testing.T) {
	const password = "Secr3t-pw"
	url := "postgres://sara:" + password + "@127.0.0.1:1/project?connect_timeout=2&sslmode=disable"
	dir := t.TempDir()
	p := writeFile(t, dir, "prodigy.jsonl", prodigyLines)
	for _, c := range []struct {
		cmd  *cobra.Command
		args []string
	}{
		{newImportCmd(), []string{"--db", url, p}},
		{newExportCmd(), []string{"--db", url, "--format", "prodigy"}},
		{newAgreeCmd(), []string{"--db", url}},
		{newPatternsCmd(), []string{"--db", url}},
		{newReviewCmd(), []string{"--db", url, "--reviewer", "mona", "--auto"}},
		{newDoctorCmd(), []string{url}},
	} {
		out, errOut, err := run(t, c.cmd, c.args...)
		if err == nil {
			t.Fatalf("%s: no error from an unreachable database", c.cmd.Name())
		}
		all := out + errOut + err.Error()
		if strings.Contains(all, password) {
			t.Errorf("%s shows the password: %s", c.cmd.Name(), all)
		}
		if c.cmd.Name() == "doctor" {
			if !strings.Contains(err.Error(), "SQLite") {
				t.Errorf("doctor on a URL: %v, want it to say it checks SQLite files", err)
			}
			continue
		}
		if !strings.Contains(all, "127.0.0.1:1") || !strings.Contains(all, `"project"`) {
			t.Errorf("%s does not name host and database: %s", c.cmd.Name(), all)
		}
	}
}
