package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// sampleText is a document of the sample corpus, as the reader reads it.
func sampleText(t *testing.T, prefix string) (id, text string) {
	t.Helper()
	m, err := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "treaty", prefix+"_*.txt"))
	if err != nil || len(m) != 1 {
		t.Fatalf("sample document %s: %v %v", prefix, m, err)
	}
	b, err := os.ReadFile(m[0])
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(filepath.Base(m[0]), ".txt"), string(b)
}

type prodigySpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Label string `json:"label"`
}

// spanOf is the code-point span of the first sub in text.
func spanOf(t *testing.T, text, sub, label string) prodigySpan {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in the sample", sub)
	}
	s := utf8.RuneCountInString(text[:i])
	return prodigySpan{s, s + utf8.RuneCountInString(sub), label}
}

// TestReviewTwoAnnotatorsIntoGold imports two annotators' versions of two
// sample documents (Prodigy, _annotator_id): in the first they agree on a
// PERSON and a GPE, differ at a boundary (ORG القوات الروسية vs الروسية) and
// on a label (GPE vs LOC كييف); in the second they agree. It checks
// hashiya agree --format json against values worked by hand, reviews the
// first document in tmux (auto-accept, then accept sara's conflicting
// span), and exports gold.
func TestReviewTwoAnnotatorsIntoGold(t *testing.T) {
	bin := buildHashiya(t)
	dir := t.TempDir()
	id0, t0 := sampleText(t, "000")
	id2, t2 := sampleText(t, "002")
	both := []prodigySpan{spanOf(t, t0, "فلاديمير بوتين", "PERSON"), spanOf(t, t0, "كوريا الشمالية", "GPE")}
	sara := append(append([]prodigySpan{}, both...), spanOf(t, t0, "القوات الروسية", "ORG"), spanOf(t, t0, "كييف", "GPE"))
	reza := append(append([]prodigySpan{}, both...), spanOf(t, t0, "الروسية", "ORG"), spanOf(t, t0, "كييف", "LOC"))
	agreed := []prodigySpan{spanOf(t, t2, "كوريا الشمالية", "GPE")}
	var lines []string
	for _, r := range []struct {
		id, text, who string
		spans         []prodigySpan
	}{{id0, t0, "sara", sara}, {id0, t0, "reza", reza}, {id2, t2, "sara", agreed}, {id2, t2, "reza", agreed}} {
		b, _ := json.Marshal(map[string]any{"text": r.text, "meta": map[string]string{"id": r.id}, "spans": r.spans,
			"answer": "accept", "_annotator_id": r.who})
		lines = append(lines, string(b))
	}
	in := filepath.Join(dir, "two.jsonl")
	if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "project.db")
	hashiya := func(args ...string) string {
		t.Helper()
		out, err := exec.Command(bin, args...).Output()
		if err != nil {
			t.Fatalf("hashiya %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	hashiya("import", "--db", db, in)

	var r struct {
		Documents int
		Spans     struct {
			F1Exact *float64 `json:"f1_exact"`
			F1Overl *float64 `json:"f1_overlap"`
			ByLabel map[string]struct {
				F1Exact *float64 `json:"f1_exact"`
			} `json:"by_label"`
		}
		Answers struct {
			Percent    *float64                   `json:"percent"`
			CohenKappa []struct{ Kappa *float64 } `json:"cohen_kappa"`
			Fleiss     *float64                   `json:"fleiss_kappa"`
		}
		Worst []struct {
			Doc     string
			F1Exact float64 `json:"f1_exact"`
		}
	}
	js := hashiya("agree", "--format", "json", "--db", db)
	if err := json.Unmarshal([]byte(js), &r); err != nil {
		t.Fatalf("%v\n%s", err, js)
	}
	// By hand: 5 spans each; exact matches 2 + 1, overlap 3 + 1 → F1 6/10, 8/10.
	// PERSON 2 of 2+2 → 1; GPE 2 of 3+2 → 0.8; ORG 0; answers all accept: percent
	// 1, κ undefined (one category only) → null.
	eq := func(p *float64, want float64) bool { return p != nil && *p > want-1e-9 && *p < want+1e-9 }
	if r.Documents != 2 || !eq(r.Spans.F1Exact, 0.6) || !eq(r.Spans.F1Overl, 0.8) ||
		!eq(r.Spans.ByLabel["PERSON"].F1Exact, 1) || !eq(r.Spans.ByLabel["GPE"].F1Exact, 0.8) || !eq(r.Spans.ByLabel["ORG"].F1Exact, 0) ||
		!eq(r.Answers.Percent, 1) || r.Answers.CohenKappa[0].Kappa != nil || r.Answers.Fleiss != nil ||
		len(r.Worst) != 2 || r.Worst[0].Doc != id0 || r.Worst[0].F1Exact != 0.5 {
		t.Fatalf("agree --format json differs from the hand-computed values:\n%s", js)
	}

	s := startSession(t, 140, 40, annotatorEnv(dir), bin+" review --db "+db+" --reviewer mona; echo HASHIYA-EXIT=$?; sleep 60")
	s.waitFor("review · doc 1 of 2 · " + id0 + " · not reviewed")
	s.waitFor("4 difference(s) to decide")
	s.keys("A")
	s.waitFor("auto-accepted 2 agreed item(s)")
	s.waitFor(id0 + " · in review")
	s.keys("Tab") // sara's pane; her first difference is GPE كييف (label conflict)
	s.waitFor("▶ sara")
	s.keys("Enter")
	s.waitFor("accepted into gold: GPE")
	s.waitFor("3 difference(s) to decide")
	s.keys("D") // done: gold takes the agreed answer
	s.waitFor(id0 + " · done")
	s.keys("q")
	s.waitFor("HASHIYA-EXIT=0")

	gold := hashiya("export", "--format", "prodigy", "--db", db, "--annotator", "gold")
	var g struct {
		Meta   struct{ ID string }
		Answer string
		Spans  []prodigySpan
		Who    string `json:"_annotator_id"`
	}
	if strings.Count(gold, "\n") != 1 || json.Unmarshal([]byte(gold), &g) != nil {
		t.Fatalf("gold export, one document expected:\n%s", gold)
	}
	want := map[prodigySpan]bool{both[0]: true, both[1]: true, spanOf(t, t0, "كييف", "GPE"): true}
	for _, sp := range g.Spans {
		if !want[prodigySpan{sp.Start, sp.End, sp.Label}] {
			t.Fatalf("gold has %+v, not one of %v:\n%s", sp, want, gold)
		}
		delete(want, prodigySpan{sp.Start, sp.End, sp.Label})
	}
	if len(want) != 0 || g.Meta.ID != id0 || g.Answer != "accept" || g.Who != "gold" {
		t.Fatalf("gold lacks %v:\n%s", want, gold)
	}
	gp := filepath.Join(dir, "gold.jsonl")
	os.WriteFile(gp, []byte(gold), 0o644)
	keepArtifact(t, gp)
}
