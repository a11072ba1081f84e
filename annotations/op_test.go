package annotations

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// memState is a State over plain DocStates, applying changes as a store would.
type memState map[string]*DocState

func (m memState) Doc(id string) (*DocState, error) { return m[id], nil }

func (m memState) ClusterMembers(cluster string) ([]ClaimAt, error) {
	var out []ClaimAt
	for _, id := range []string{docA.ID, docB.ID} {
		if d := m[id]; d != nil {
			for _, c := range d.Claims() {
				if c.Cluster == cluster {
					out = append(out, ClaimAt{Doc: id, Claim: c})
				}
			}
		}
	}
	return out, nil
}

func (m memState) put(t *testing.T, ch Change, muts []Mut) {
	t.Helper()
	if ch.NewDoc != nil {
		m[ch.NewDoc.ID] = NewDocState(*ch.NewDoc)
	}
	for _, mu := range muts {
		if err := m[mu.Doc].Put(mu, 1); err != nil {
			t.Fatal(err)
		}
	}
}

func (m memState) views() map[string]DocView {
	out := map[string]DocView{}
	for id, d := range m {
		out[id] = d.View()
	}
	return out
}

func mustApply(t *testing.T, st memState, op Op) (Change, []Mut) {
	t.Helper()
	before := st.views()
	ch, inv, err := Apply(st, op)
	if err != nil {
		t.Fatalf("%s: %v", op.Kind(), err)
	}
	if !reflect.DeepEqual(before, st.views()) {
		t.Fatalf("%s: Apply changed the state it read", op.Kind())
	}
	st.put(t, ch, ch.Muts)
	return ch, inv
}

// Every operation's inverse restores the state before it, across documents.
func TestApplyInverseRestoresState(t *testing.T) {
	st := memState{}
	a, b := find(t, docA.Text, "روسيا")
	sp, _ := mustApply(t, st, AddSpan{Doc: docA, Label: "GPE", Start: a, End: b})
	c1, _ := mustApply(t, st, AddClaim{Doc: docA, Start: a, End: b + 3})
	c2, _ := mustApply(t, st, AddClaim{Doc: docB, Start: 0, End: 5})
	r1 := ClaimRef{Doc: docA.ID, Claim: c1.Claim.ID}
	r2 := ClaimRef{Doc: docB.ID, Claim: c2.Claim.ID}
	ops := []Op{
		SetLabel{Doc: docA.ID, Span: sp.Span.ID, Label: "NORP"},
		Resize{Doc: docA.ID, Span: sp.Span.ID, Start: a, End: b + 3},
		LinkClaims{From: r1, To: r2, Relation: RelSameClaim},
		Answer{Doc: docB.ID, Answer: AnswerAccept},
	}
	for _, op := range ops {
		before := st.views()
		_, inv := mustApply(t, st, op)
		st.put(t, Change{}, inv)
		if !reflect.DeepEqual(before, st.views()) {
			t.Fatalf("%s: the inverse did not restore the state", op.Kind())
		}
		mustApply(t, st, op)
	}
	// Linked both ways, one cluster; removing one side unlinks the other.
	if l := st[docB.ID].claims[r2.Claim].Links; len(l) != 1 || l[0].To != r1.String() {
		t.Fatalf("link not mutual: %+v", l)
	}
	mustApply(t, st, SetRelation{From: r2, To: r1, Relation: RelContradicts})
	if l := st[docA.ID].claims[r1.Claim].Links; len(l) != 1 || l[0].Relation != RelContradicts {
		t.Fatalf("set-relation left %+v", l)
	}
	mustApply(t, st, Remove{Doc: docA.ID, ID: r1.Claim})
	if l := st[docB.ID].claims[r2.Claim].Links; len(l) != 0 {
		t.Fatalf("removing a linked claim kept the other side's link: %+v", l)
	}
	if _, _, err := Apply(st, SetRelation{From: r2, To: ClaimRef{Doc: docB.ID, Claim: "c9"}, Relation: RelRelated}); err == nil {
		t.Fatal("set-relation on claims that are not linked was accepted")
	}
	if _, _, err := Apply(st, Answer{Doc: docB.ID, Answer: AnswerAccept}); !errors.Is(err, ErrUnchanged) {
		t.Fatalf("the same answer again: %v, want ErrUnchanged", err)
	}
}

func TestClaimRefForms(t *testing.T) {
	for _, s := range []string{"doc-1#c3", "a#b#c12", "doc#c3@alice.b"} {
		r, err := ParseClaimRef(s)
		if err != nil || r.String() != s {
			t.Errorf("%q → %+v, %v", s, r, err)
		}
	}
	if r, _ := ParseClaimRef("a@x#c1@bob"); r.Doc != "a@x" || r.Annotator != "bob" {
		t.Errorf("a document ID with '@' read as %+v", r)
	}
	for _, s := range []string{"c3", "#c3", "doc#", "doc#c3@", "doc#c3@a b"} {
		if _, err := ParseClaimRef(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
}

func TestEncodeOpNamesDocumentsNotTheirText(t *testing.T) {
	b, err := EncodeOp(AddSpan{Doc: docA, Label: "GPE", Start: 1, End: 4})
	if err != nil || strings.Contains(string(b), docA.Text[:20]) || string(b) != `{"doc":"`+docA.ID+`","end":4,"label":"GPE","op":"add-span","start":1}` {
		t.Fatalf("add-span encodes as %s (%v)", b, err)
	}
	b, _ = EncodeOp(LinkClaims{From: ClaimRef{Doc: "a", Claim: "c1"}, To: ClaimRef{Doc: "b", Claim: "c2", Annotator: "bob"}, Relation: RelRefines})
	if string(b) != `{"from":"a#c1","op":"link-claims","relation":"refines","to":"b#c2@bob"}` {
		t.Fatalf("link encodes as %s", b)
	}
}
