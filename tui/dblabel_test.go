package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A PostgreSQL URL on a Unix socket showed in the header as its path's last part,
// "sock&sslmode=disable", and a long one pushed the annotator's name off the line.
func TestHeaderNamesPostgresDatabaseNotItsQuery(t *testing.T) {
	for db, want := range map[string]string{
		"postgres://hashiya@/team?host=/var/run/postgresql/sock&sslmode=disable": "team",
		"postgresql://sara@db.example:5432/treaty?sslmode=require":               "treaty@db.example",
		"/home/sara/data/hashiya/sample/annotations.db":                          "annotations.db",
	} {
		if got := dbLabel(db); got != want {
			t.Errorf("dbLabel(%q) = %q, want %q", db, got, want)
		}
	}
	dir := t.TempDir()
	doc := filepath.Join(dir, "doc.txt")
	if err := os.WriteFile(doc, []byte("معاهدة الدفاع المشترك\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a, _ := newAppOn(t, dir, doc, "doc", 120, 20)
	a.opts.DB = "postgres://hashiya@/team?host=/var/tmp/hashiya-pg-123456/sock&sslmode=disable"
	header := strings.SplitN(screen(a), "\n", 2)[0]
	if !strings.Contains(header, "db team") || strings.Contains(header, "sslmode") || !strings.Contains(header, "annotator: test") {
		t.Fatalf("header: %q", header)
	}
}
