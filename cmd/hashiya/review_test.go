package main

import (
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations/store"
)

func TestReviewAutoAcceptsWhatAllAgreeOnIntoGold(t *testing.T) {
	db := agreeDB(t)
	out, errOut, err := run(t, newReviewCmd(), "--db", db, "--auto", "--reviewer", "mona")
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{"a1: in review; accepted 1 agreed item(s); 2 difference(s) left", "boundary (reza): PERSON [0,11)",
		"a2: in review; accepted 0 agreed item(s); 4 difference(s) left", "label conflict (sara): GPE [3,8)", "answer (reza): answer reject"} {
		if !strings.Contains(flat, want) {
			t.Fatalf("review --auto lacks %q:\n%s", want, out)
		}
	}
	gold, _, err := run(t, newExportCmd(), "--format", "prodigy", "--db", db, "--annotator", "gold")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(gold, "\n"); n != 1 || !strings.Contains(gold, `"_annotator_id":"gold"`) ||
		!strings.Contains(gold, `{"id":"s1","start":12,"end":15,"token_start":2,"token_end":2,"label":"PERSON","text":"كيم"}`) ||
		strings.Contains(gold, `"answer"`) {
		t.Fatalf("gold export (%d lines):\n%s", n, gold)
	}
	d, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	prov, err := d.Provenance("a1")
	if err != nil || len(prov) != 1 || prov[0].Kind != "span" || strings.Join(prov[0].Sources, ",") != "reza,sara" || prov[0].DecidedBy != "auto" {
		t.Fatalf("provenance %+v %v", prov, err)
	}
	// A second run accepts nothing new, and agree leaves gold out.
	out, _, _ = run(t, newReviewCmd(), "--db", db, "--auto", "--reviewer", "mona")
	if !strings.Contains(out, "a1: in review; accepted 0 agreed item(s)") {
		t.Fatalf("second run:\n%s", out)
	}
	js, _, err := run(t, newAgreeCmd(), "--db", db, "--format", "json")
	if err != nil || strings.Contains(js, `"gold"`) {
		t.Fatalf("agree counted gold: %v\n%s", err, js)
	}
}
