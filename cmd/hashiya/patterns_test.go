package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/store"
)

// annotate adds spans by annotator to a database: each is label and the first
// occurrence of a word of text.
func annotate(t *testing.T, path, annotator string, text string, spans ...[2]string) {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := db.Session(annotator)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d := annotations.DocInfo{ID: "d1", Text: text}
	for _, sp := range spans {
		b := strings.Index(text, sp[1])
		start := annotations.CodePointLen(text[:b])
		if _, err := s.Apply(annotations.AddSpan{Doc: d, Label: sp[0], Start: start, End: start + annotations.CodePointLen(sp[1])}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestPatternsFromTheDatabaseGoldFirst(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	text := "التقى بوتين كيم في بيونج يانج"
	annotate(t, path, "amira", text, [2]string{"PERSON", "بوتين"}, [2]string{"GPE", "بيونج يانج"})
	annotate(t, path, "omar", text, [2]string{"PERSON", "كيم"})
	out, errOut, err := run(t, newPatternsCmd(), "--db", path)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"label":"PERSON","pattern":"بوتين"}` + "\n" + `{"label":"GPE","pattern":"بيونج يانج"}` + "\n" + `{"label":"PERSON","pattern":"كيم"}` + "\n"
	if out != want || !strings.Contains(errOut, "3 entities from 3 spans of every annotator") {
		t.Fatalf("got\n%s%s", out, errOut)
	}
	out, _, _ = run(t, newPatternsCmd(), "--db", path, "--annotator", "omar")
	if out != `{"label":"PERSON","pattern":"كيم"}`+"\n" {
		t.Fatalf("omar's: %s", out)
	}
	annotate(t, path, "gold", text, [2]string{"NORP", "بوتين"})
	out, errOut, _ = run(t, newPatternsCmd(), "--db", path)
	if out != `{"label":"NORP","pattern":"بوتين"}`+"\n" || !strings.Contains(errOut, "of annotator gold") {
		t.Fatalf("with gold: %s%s", out, errOut)
	}
	if _, _, err := run(t, newPatternsCmd(), "--db", filepath.Join(t.TempDir(), "none.db")); err == nil {
		t.Fatal("a missing database was not refused")
	}
}
