package agree

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
)

func sp(s, e int, l string) annotations.Span { return annotations.Span{Start: s, End: e, Label: l} }

// Two annotators, two documents, worked by hand: d1 agrees on ORG and has a
// boundary conflict on PER, d2 a label conflict (LOC vs GPE) and different
// answers.
func TestComputeTwoAnnotatorsByHand(t *testing.T) {
	docs := []Document{
		{ID: "d1", Text: "abcdefghij", Versions: []Version{
			{Annotator: "mina", Answer: "accept", Spans: []annotations.Span{sp(0, 3, "ORG"), sp(5, 8, "PER")}},
			{Annotator: "reza", Answer: "accept", Spans: []annotations.Span{sp(0, 3, "ORG"), sp(5, 9, "PER")}},
		}},
		{ID: "d2", Text: "0123456789", Versions: []Version{
			{Annotator: "mina", Answer: "accept", Spans: []annotations.Span{sp(2, 4, "LOC")}},
			{Annotator: "reza", Answer: "reject", Spans: []annotations.Span{sp(2, 4, "GPE")}},
		}},
		{ID: "d3", Text: "only one", Versions: []Version{{Annotator: "mina", Answer: "accept"}}},
	}
	r := Compute(docs, nil, nil)
	if r.Documents != 2 || strings.Join(r.Annotators, ",") != "mina,reza" {
		t.Fatalf("documents %d annotators %v", r.Documents, r.Annotators)
	}
	near(t, "f1 exact", r.Spans.F1Exact, 2.0/6, 1e-12) // 1 match of 3+3
	near(t, "f1 overlap", r.Spans.F1Overlap, 4.0/6, 1e-12)
	near(t, "ORG exact", r.Spans.ByLabel["ORG"].F1Exact, 1, 1e-12)
	near(t, "PER exact", r.Spans.ByLabel["PER"].F1Exact, 0, 1e-12)
	near(t, "PER overlap", r.Spans.ByLabel["PER"].F1Overlap, 1, 1e-12)
	near(t, "answers percent", r.Answers.Percent, 0.5, 1e-12)
	near(t, "cohen", r.Answers.CohenKappa[0].Kappa, 0, 1e-12) // p_o = .5 = p_e
	if !r.Spans.AlphaU.Defined || r.Spans.AlphaU.Value >= 1 {
		t.Fatalf("alpha_u = %+v, want defined below 1", r.Spans.AlphaU)
	}
	if len(r.Worst) != 2 || r.Worst[0].Doc != "d2" {
		t.Fatalf("worst = %+v, want d2 first", r.Worst)
	}
	if r.Claims.F1Exact.Defined {
		t.Fatalf("claim F1 with no claims = %+v, want undefined", r.Claims.F1Exact)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"claims":{"f1_exact":null`) {
		t.Fatalf("undefined claim F1 is not null in JSON: %s", b)
	}
}
