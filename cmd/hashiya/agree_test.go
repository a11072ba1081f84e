package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// Two annotators over two documents: a1 agrees on PERSON كيم and differs at a
// boundary (بوتين vs التقى بوتين); a2 is a label conflict (GPE vs LOC) and
// the answers differ.
const twoAnnotators = `{"text":"التقى بوتين كيم","meta":{"id":"a1"},"spans":[{"start":6,"end":11,"label":"PERSON"},{"start":12,"end":15,"label":"PERSON"}],"answer":"accept","_annotator_id":"sara"}` + "\n" +
	`{"text":"التقى بوتين كيم","meta":{"id":"a1"},"spans":[{"start":0,"end":11,"label":"PERSON"},{"start":12,"end":15,"label":"PERSON"}],"answer":"accept","_annotator_id":"reza"}` + "\n" +
	`{"text":"به تهران رفتند","meta":{"id":"a2"},"spans":[{"start":3,"end":8,"label":"GPE"}],"answer":"accept","_annotator_id":"sara"}` + "\n" +
	`{"text":"به تهران رفتند","meta":{"id":"a2"},"spans":[{"start":3,"end":8,"label":"LOC"}],"answer":"reject","_annotator_id":"reza"}` + "\n"

func agreeDB(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	p := writeFile(t, dir, "two.jsonl", twoAnnotators)
	db := filepath.Join(dir, "project.db")
	if _, errOut, err := run(t, newImportCmd(), "--db", db, p); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	return db
}

func TestAgreeJSONHasTheIssuesFieldsAndHandValues(t *testing.T) {
	db := agreeDB(t)
	out, errOut, err := run(t, newAgreeCmd(), "--db", db, "--format", "json")
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	var r struct {
		Documents  int      `json:"documents"`
		Annotators []string `json:"annotators"`
		Spans      struct {
			F1Exact, F1Overlap, AlphaU *float64
			Pairs                      []map[string]any          `json:"pairs"`
			ByLabel                    map[string]map[string]any `json:"by_label"`
		} `json:"spans"`
		Answers struct {
			Percent     *float64         `json:"percent"`
			CohenKappa  []map[string]any `json:"cohen_kappa"`
			FleissKappa *float64         `json:"fleiss_kappa"`
			Alpha       *float64         `json:"alpha"`
		} `json:"answers"`
		Claims map[string]any   `json:"claims"`
		Worst  []map[string]any `json:"worst"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var raw map[string]map[string]any
	json.Unmarshal([]byte(out), &raw)
	for _, k := range []string{"f1_exact", "f1_overlap", "alpha_u", "pairs", "by_label"} {
		if _, ok := raw["spans"][k]; !ok {
			t.Fatalf("spans.%s missing:\n%s", k, out)
		}
	}
	for _, k := range []string{"f1_exact", "f1_overlap"} {
		if v, ok := r.Claims[k]; !ok || v != nil {
			t.Fatalf("claims.%s = %v, want null (no claims):\n%s", k, v, out)
		}
	}
	// exact: 1 match (كيم) of 3+3 spans → 1/3; overlap: بوتين too → 2/3.
	if r.Documents != 2 || strings.Join(r.Annotators, ",") != "reza,sara" ||
		r.Spans.Pairs[0]["f1_exact"].(float64) != 1.0/3 || r.Spans.Pairs[0]["f1_overlap"].(float64) != 2.0/3 {
		t.Fatalf("%s", out)
	}
	// answers: agree on a1 only → 0.5; κ: p_o = .5, p_e = .5·1 + .5·0 = .5 → 0.
	if *r.Answers.Percent != 0.5 || r.Answers.CohenKappa[0]["kappa"].(float64) != 0 {
		t.Fatalf("%s", out)
	}
	if r.Worst[0]["doc"] != "a2" || r.Worst[0]["f1_exact"].(float64) != 0 {
		t.Fatalf("worst first should be a2:\n%s", out)
	}
}

func TestAgreeTextTableAndUnknownAnnotator(t *testing.T) {
	db := agreeDB(t)
	out, _, err := run(t, newAgreeCmd(), "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{"2 documents, annotators reza, sara", "all labels 0.3333 0.6667 0.2833",
		"PERSON 0.5000 1.0000", "Cohen's kappa reza / sara 0.0000", "f1 exact n/a (neither annotator marked a claim)",
		"worst documents f1 exact a2 0.0000 a1 0.5000"} {
		if !strings.Contains(flat, want) {
			t.Fatalf("text lacks %q:\n%s", want, out)
		}
	}
	_, _, err = run(t, newAgreeCmd(), "--db", db, "--annotators", "sara,nobody")
	if err == nil || !strings.Contains(err.Error(), `no annotator "nobody"`) {
		t.Fatalf("unknown annotator: %v", err)
	}
}
