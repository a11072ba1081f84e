package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/record"
)

// backend is a database the store suite runs against: SQLite or
// PostgreSQL (TestStoreSuite runs it on both).
type backend interface {
	Session(annotator string) (annotations.Session, error)
	WriteTraining(w io.Writer) (ExportStats, error)
	Close() error
}

// opener opens the suite's database, again on every call (reopen = restart).
type opener func(t *testing.T) backend

var (
	docA = annotations.DocInfo{ID: "a-1", Lang: "ar", Source: "test",
		Text: "قال الرئيس إن روسيا نشرت أكثر من 8 آلاف جندي قرب الحدود يوم الاثنين."}
	docB = annotations.DocInfo{ID: "b-2", Lang: "ar",
		Text: "ونفت موسكو أنها نشرت 8 آلاف جندي، وقالت إن العدد أقل من ذلك بكثير."}
)

func at(t *testing.T, text, sub string) (int, int) {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in text", sub)
	}
	s := len([]rune(text[:i]))
	return s, s + len([]rune(sub))
}

func must(t *testing.T, s annotations.Session, op annotations.Op) annotations.Change {
	t.Helper()
	ch, err := s.Apply(op)
	if err != nil {
		t.Fatalf("%s: %v", op.Kind(), err)
	}
	return ch
}

func view(t *testing.T, s annotations.Session, id string) annotations.DocView {
	t.Helper()
	v, err := s.Doc(id)
	if err != nil {
		t.Fatalf("Doc(%s): %v", id, err)
	}
	return v
}

func session(t *testing.T, b backend, annotator string) annotations.Session {
	t.Helper()
	s, err := b.Session(annotator)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func training(t *testing.T, b backend) []record.Record {
	t.Helper()
	var buf bytes.Buffer
	if _, err := b.WriteTraining(&buf); err != nil {
		t.Fatal(err)
	}
	var out []record.Record
	for _, line := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		var r record.Record
		if err := json.Unmarshal(line, &r); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

// runSuite is the store behaviour every backend must have.
func runSuite(t *testing.T, newDB func(t *testing.T) opener) {
	t.Run("ReplayAfterReopen", func(t *testing.T) { suiteReplay(t, newDB(t)) })
	t.Run("UndoRedoAcrossRestart", func(t *testing.T) { suiteUndo(t, newDB(t)) })
	t.Run("LinksAcrossDocuments", func(t *testing.T) { suiteLinks(t, newDB(t)) })
	t.Run("SessionsAndLeases", func(t *testing.T) { suiteSessions(t, newDB(t)) })
	t.Run("UnchangedWritesNothing", func(t *testing.T) { suiteUnchanged(t, newDB(t)) })
	t.Run("LinkingClustersMergesThem", func(t *testing.T) { suiteClusters(t, newDB(t)) })
}

func suiteReplay(t *testing.T, open opener) {
	b := open(t)
	s := session(t, b, "alice")
	a0, a1 := at(t, docA.Text, "روسيا")
	must(t, s, annotations.AddSpan{Doc: docA, Label: "GPE", Start: a0, End: a1})
	c0, c1 := at(t, docA.Text, "نشرت أكثر من 8 آلاف جندي")
	c := must(t, s, annotations.AddClaim{Doc: docA, Start: c0, End: c1}).Claim
	edit := *c
	edit.Attribution, edit.Checkworthy = annotations.AttrAttributed, true
	must(t, s, annotations.EditClaim{Doc: docA.ID, Claim: edit})
	must(t, s, annotations.Answer{Doc: docA.ID, Answer: annotations.AnswerAccept})
	must(t, s, annotations.Touch{Doc: docB})
	want := view(t, s, docA.ID)
	wantRecs := training(t, b)
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}

	b = open(t)
	defer b.Close()
	s = session(t, b, "alice")
	if got := view(t, s, docA.ID); !reflect.DeepEqual(got, want) {
		t.Fatalf("after reopen:\n got %+v\nwant %+v", got, want)
	}
	if v := view(t, s, docB.ID); len(v.Spans)+len(v.Claims) != 0 || v.Info.Text != docB.Text {
		t.Fatalf("touched document after reopen: %+v", v)
	}
	if got := training(t, b); !reflect.DeepEqual(got, wantRecs) || len(got) != 2 {
		t.Fatalf("training records changed by a reopen:\n got %+v\nwant %+v", got, wantRecs)
	}
	if _, err := s.Doc("never"); !errors.Is(err, annotations.ErrUnknownDoc) {
		t.Fatalf("Doc of an untouched document: %v, want ErrUnknownDoc", err)
	}
}

func suiteUndo(t *testing.T, open opener) {
	b := open(t)
	s := session(t, b, "alice")
	a0, a1 := at(t, docA.Text, "روسيا")
	sp := must(t, s, annotations.AddSpan{Doc: docA, Label: "GPE", Start: a0, End: a1}).Span
	must(t, s, annotations.SetLabel{Doc: docA.ID, Span: sp.ID, Label: "NORP"})
	b.Close()

	b = open(t)
	s = session(t, b, "alice")
	if v := view(t, s, docA.ID); !v.CanUndo || v.CanRedo {
		t.Fatalf("after restart CanUndo=%v CanRedo=%v, want history kept", v.CanUndo, v.CanRedo)
	}
	must(t, s, annotations.Undo{Doc: docA.ID})
	if v := view(t, s, docA.ID); len(v.Spans) != 1 || v.Spans[0].Label != "GPE" {
		t.Fatalf("undo after restart gave %+v, want GPE", v.Spans)
	}
	must(t, s, annotations.Undo{Doc: docA.ID})
	if v := view(t, s, docA.ID); len(v.Spans) != 0 || v.CanUndo || !v.CanRedo {
		t.Fatalf("second undo gave %+v", v)
	}
	if _, err := s.Apply(annotations.Undo{Doc: docA.ID}); err == nil || !strings.Contains(err.Error(), "nothing to undo") {
		t.Fatalf("undo past the start: %v", err)
	}
	must(t, s, annotations.Redo{Doc: docA.ID})
	b.Close()

	b = open(t)
	defer b.Close()
	s = session(t, b, "alice")
	must(t, s, annotations.Redo{Doc: docA.ID})
	if v := view(t, s, docA.ID); len(v.Spans) != 1 || v.Spans[0].Label != "NORP" || v.CanRedo {
		t.Fatalf("redo after restart gave %+v", v)
	}
	// A new edit after an undo drops what could have been redone.
	must(t, s, annotations.Undo{Doc: docA.ID})
	must(t, s, annotations.Remove{Doc: docA.ID, ID: sp.ID})
	if _, err := s.Apply(annotations.Redo{Doc: docA.ID}); err == nil {
		t.Fatal("redo after a new edit was accepted")
	}
}

func suiteLinks(t *testing.T, open opener) {
	b := open(t)
	s := session(t, b, "alice")
	c0, c1 := at(t, docA.Text, "نشرت أكثر من 8 آلاف جندي")
	ca := must(t, s, annotations.AddClaim{Doc: docA, Start: c0, End: c1}).Claim
	d0, d1 := at(t, docB.Text, "نشرت 8 آلاف جندي")
	cb := must(t, s, annotations.AddClaim{Doc: docB, Start: d0, End: d1}).Claim
	ra := annotations.ClaimRef{Doc: docA.ID, Claim: ca.ID}
	rb := annotations.ClaimRef{Doc: docB.ID, Claim: cb.ID}
	must(t, s, annotations.LinkClaims{From: ra, To: rb, Relation: annotations.RelContradicts})
	b.Close()

	b = open(t)
	defer b.Close()
	s = session(t, b, "alice")
	la, lb := view(t, s, docA.ID).Claims[0], view(t, s, docB.ID).Claims[0]
	if len(la.Links) != 1 || la.Links[0].To != rb.String() || len(lb.Links) != 1 || lb.Links[0].To != ra.String() ||
		la.Cluster == "" || la.Cluster != lb.Cluster {
		t.Fatalf("links after reopen not mutual in one cluster: %+v / %+v", la, lb)
	}
	must(t, s, annotations.SetRelation{From: rb, To: ra, Relation: annotations.RelSameClaim})
	if l := view(t, s, docA.ID).Claims[0].Links; l[0].Relation != annotations.RelSameClaim {
		t.Fatalf("set-relation not seen from the other side: %+v", l)
	}
	must(t, s, annotations.Remove{Doc: docA.ID, ID: ca.ID})
	if l := view(t, s, docB.ID).Claims[0].Links; len(l) != 0 {
		t.Fatalf("removing a linked claim left the other side's link: %+v", l)
	}
	must(t, s, annotations.Undo{Doc: docA.ID})
	if l := view(t, s, docB.ID).Claims[0].Links; len(l) != 1 {
		t.Fatalf("undoing the removal did not restore the link in the other document: %+v", l)
	}
	must(t, s, annotations.UnlinkClaims{From: ra, To: rb})
	if l := view(t, s, docA.ID).Claims[0].Links; len(l) != 0 {
		t.Fatalf("unlink left %+v", l)
	}
	for _, r := range training(t, b) {
		for _, c := range r.Claims {
			if c.Links == nil {
				t.Fatalf("record %s: links null, want []", r.Meta.ID)
			}
		}
	}
}

func suiteSessions(t *testing.T, open opener) {
	b := open(t)
	defer b.Close()
	alice := session(t, b, "alice")
	if _, err := b.Session("alice"); err == nil || !strings.Contains(err.Error(), "pid ") || !strings.Contains(err.Error(), " on ") {
		t.Fatalf("a second session of alice: %v, want a refusal naming pid and host", err)
	}
	bob := session(t, b, "bob")
	a0, a1 := at(t, docA.Text, "روسيا")
	must(t, alice, annotations.AddSpan{Doc: docA, Label: "GPE", Start: a0, End: a1})
	must(t, bob, annotations.AddSpan{Doc: docA, Label: "NORP", Start: a0, End: a1})
	if v := view(t, alice, docA.ID); v.Spans[0].Label != "GPE" {
		t.Fatalf("bob's edit changed alice's state: %+v", v.Spans)
	}
	recs := training(t, b)
	if len(recs) != 2 || recs[0].AnnotatorID != "alice" || recs[1].AnnotatorID != "bob" ||
		recs[0].Spans[0].Label != "GPE" || recs[1].Spans[0].Label != "NORP" {
		t.Fatalf("training records: %+v", recs)
	}
	// Text is stored once per project: another text under the same ID is refused.
	if _, err := bob.Apply(annotations.Touch{Doc: docB}); err != nil {
		t.Fatal(err)
	}
	changed := annotations.DocInfo{ID: docB.ID, Text: docA.Text}
	if _, err := alice.Apply(annotations.AddSpan{Doc: changed, Label: "GPE", Start: 0, End: 3}); err == nil || !strings.Contains(err.Error(), "differs") {
		t.Fatalf("another text under a stored document ID: %v, want a refusal", err)
	}
	if _, err := alice.Doc(docB.ID); !errors.Is(err, annotations.ErrUnknownDoc) {
		t.Fatalf("the refused edit registered the document for alice: %v", err)
	}
	if err := alice.Close(); err != nil {
		t.Fatal(err)
	}
	again := session(t, b, "alice") // a closed session's lease is free
	if v := view(t, again, docA.ID); len(v.Spans) != 1 {
		t.Fatalf("alice's work after a new session: %+v", v)
	}
	if _, err := alice.Apply(annotations.Touch{Doc: docB}); err == nil {
		t.Fatal("a closed session accepted an edit")
	}
}

func suiteUnchanged(t *testing.T, open opener) {
	b := open(t)
	defer b.Close()
	s := session(t, b, "alice")
	a0, a1 := at(t, docA.Text, "روسيا")
	must(t, s, annotations.AddSpan{Doc: docA, Label: "GPE", Start: a0, End: a1})
	before := training(t, b)
	if _, err := s.Apply(annotations.AddSpan{Doc: docA, Label: "GPE", Start: a0, End: a1}); !errors.Is(err, annotations.ErrUnchanged) {
		t.Fatalf("the same label again: %v, want ErrUnchanged", err)
	}
	if _, err := s.Apply(annotations.AddSpan{Doc: docA, Label: "GPE", Start: a0, End: a0}); err == nil {
		t.Fatal("an empty span was accepted")
	}
	if got := training(t, b); !reflect.DeepEqual(got, before) {
		t.Fatal("a refused edit changed the records")
	}
	must(t, s, annotations.Undo{Doc: docA.ID}) // the only step is the first tag
	if v := view(t, s, docA.ID); len(v.Spans) != 0 || v.CanUndo {
		t.Fatalf("undo after an unchanged edit: %+v, want the first tag undone and no more history", v)
	}
}

func suiteClusters(t *testing.T, open opener) {
	b := open(t)
	defer b.Close()
	s := session(t, b, "alice")
	var refs []annotations.ClaimRef
	for i := range 4 {
		d := annotations.DocInfo{ID: "d" + itoa(i), Text: docA.Text}
		c := must(t, s, annotations.AddClaim{Doc: d, Start: 0, End: 3}).Claim
		refs = append(refs, annotations.ClaimRef{Doc: d.ID, Claim: c.ID})
	}
	must(t, s, annotations.LinkClaims{From: refs[0], To: refs[1], Relation: annotations.RelSameClaim})
	must(t, s, annotations.LinkClaims{From: refs[3], To: refs[2], Relation: annotations.RelSameClaim})
	must(t, s, annotations.LinkClaims{From: refs[1], To: refs[2], Relation: annotations.RelRelated})
	for _, r := range refs {
		if c := view(t, s, r.Doc).Claims[0]; c.Cluster != refs[0].String() {
			t.Fatalf("%s is in cluster %q after linking the clusters, want %q", r, c.Cluster, refs[0])
		}
	}
	must(t, s, annotations.Undo{Doc: refs[1].Doc})
	if c := view(t, s, refs[3].Doc).Claims[0]; c.Cluster != refs[3].String() {
		t.Fatalf("undoing the merge left %s in cluster %q", refs[3], c.Cluster)
	}
}
