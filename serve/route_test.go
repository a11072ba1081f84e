package serve

import (
	"fmt"
	"maps"
	"slices"
	"testing"
)

func docNames(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("doc-%04d", i)
	}
	return out
}

// holders inverts an assignment: document index → annotators.
func holders(a map[string][]int) map[int][]string {
	out := map[int][]string{}
	for name, docs := range a {
		for _, d := range docs {
			out[d] = append(out[d], name)
		}
	}
	return out
}

func TestAssignOverlapOneSplitsTheCorpus(t *testing.T) {
	docs, team := docNames(300), []string{"sara", "bob", "leila"}
	a := Assign(docs, team, 1)
	h := holders(a)
	for d := range docs {
		if len(h[d]) != 1 {
			t.Fatalf("document %d goes to %v, want exactly one annotator", d, h[d])
		}
	}
	for _, name := range team {
		// 100 expected each; hashing may stray, not this far.
		if n := len(a[name]); n < 60 || n > 140 {
			t.Errorf("%s got %d of 300 documents: the split is lopsided (%v)", name, n, counts(a))
		}
		if !slices.IsSorted(a[name]) {
			t.Errorf("%s's documents are not in corpus order", name)
		}
	}
}

func counts(a map[string][]int) map[string]int {
	out := map[string]int{}
	for k, v := range a {
		out[k] = len(v)
	}
	return out
}

func TestAssignOverlapTwo(t *testing.T) {
	docs, team := docNames(200), []string{"sara", "bob", "leila", "omid"}
	h := holders(Assign(docs, team, 2))
	for d := range docs {
		if len(h[d]) != 2 || h[d][0] == h[d][1] {
			t.Fatalf("document %d goes to %v, want two different annotators", d, h[d])
		}
	}
}

func TestAssignOverlapAllGivesEveryoneEverything(t *testing.T) {
	docs, team := docNames(50), []string{"sara", "bob"}
	for _, o := range []Overlap{0, 5} { // "all", and more than the team has
		a := Assign(docs, team, o)
		for _, name := range team {
			if len(a[name]) != len(docs) {
				t.Errorf("overlap %s: %s has %d of %d documents", o, name, len(a[name]), len(docs))
			}
		}
	}
}

// TestAssignStableAcrossRestarts: the assignment depends on names only, not on the
// order of the team file, nor on anything of the process that computed it.
func TestAssignStableAcrossRestarts(t *testing.T) {
	docs := docNames(120)
	a := Assign(docs, []string{"sara", "bob", "leila"}, 1)
	b := Assign(docs, []string{"leila", "sara", "bob"}, 1)
	if !maps.EqualFunc(a, b, slices.Equal) {
		t.Fatal("the team file's order changed the assignment")
	}
	// A newcomer takes documents only for themselves: nobody else's change hands.
	c := Assign(docs, []string{"leila", "sara", "bob", "omid"}, 1)
	for _, name := range []string{"sara", "bob", "leila"} {
		for _, d := range c[name] {
			if !slices.Contains(a[name], d) {
				t.Errorf("adding omid moved document %d to %s", d, name)
			}
		}
	}
	// Fixed values: a change of the hash would reroute a running project.
	if got := Assign(docNames(6), []string{"a", "b"}, 1); fmt.Sprint(got["a"], got["b"]) != goldenAssign {
		t.Errorf("Assign(6 docs, a b, 1) = %v %v, was %s: routing changed across versions", got["a"], got["b"], goldenAssign)
	}
}

// goldenAssign is Assign(doc-0000..doc-0005, a b, 1) as first computed.
const goldenAssign = "[2 5] [0 1 3 4]"

func TestParseOverlap(t *testing.T) {
	for in, want := range map[string]Overlap{"1": 1, "3": 3, "all": 0, "ALL": 0} {
		if got, err := ParseOverlap(in); err != nil || got != want {
			t.Errorf("ParseOverlap(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"0", "-1", "two", ""} {
		if _, err := ParseOverlap(bad); err == nil {
			t.Errorf("ParseOverlap(%q) accepted", bad)
		}
	}
}
