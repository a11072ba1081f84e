package agree

import (
	"testing"

	"github.com/hashiya/hashiya/annotations"
)

func TestReviewMarksEachKindOfDifference(t *testing.T) {
	claim := func(attr string) annotations.Claim {
		return annotations.Claim{Span: sp(20, 30, "CLAIM"), Attribution: attr}
	}
	d := Document{ID: "d", Text: "0123456789012345678901234567890123456789", Versions: []Version{
		{Annotator: "sara", Answer: "accept", Spans: []annotations.Span{sp(0, 3, "ORG"), sp(5, 8, "PER"), sp(10, 12, "LOC"), sp(14, 16, "X")},
			Claims: []annotations.Claim{claim("asserted"), {Span: sp(32, 36, "CLAIM"), Attribution: "asserted"}}},
		{Annotator: "reza", Answer: "accept", Spans: []annotations.Span{sp(0, 3, "ORG"), sp(5, 9, "PER"), sp(10, 12, "GPE")},
			Claims: []annotations.Claim{claim("attributed"), {Span: sp(32, 36, "CLAIM"), Attribution: "asserted"}}},
	}}
	r := Review(d)
	if len(r.Spans) != 1 || r.Spans[0].Span.Label != "ORG" || len(r.Spans[0].Sources) != 2 {
		t.Fatalf("agreed spans: %+v", r.Spans)
	}
	if len(r.Claims) != 1 || r.Claims[0].Claim.Span.Start != 32 || r.Answer != "accept" || r.Unanimous {
		t.Fatalf("agreed claims %+v, answer %q, unanimous %v", r.Claims, r.Answer, r.Unanimous)
	}
	kinds := map[string]int{}
	for _, x := range r.Differences {
		kinds[x.Kind]++
	}
	want := map[string]int{Boundary: 2, LabelConflict: 2, OnlySome: 1, ClaimField: 2}
	for k, n := range want {
		if kinds[k] != n {
			t.Fatalf("differences %v, want %v", kinds, want)
		}
	}
	if len(kinds) != len(want) {
		t.Fatalf("differences %v, want %v", kinds, want)
	}
	same := Review(Document{ID: "e", Text: "abc", Versions: []Version{
		{Annotator: "a", Answer: "accept", Spans: []annotations.Span{sp(0, 1, "X")}},
		{Annotator: "b", Answer: "accept", Spans: []annotations.Span{sp(0, 1, "X")}},
	}})
	if !same.Unanimous || len(same.Spans) != 1 {
		t.Fatalf("identical versions: %+v", same)
	}
	near(t, "F1 of identical versions", same.F1Exact, 1, 1e-12)
}
