package store

import (
	"github.com/hashiya/hashiya/internal/pgtest"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/record"
)

func TestGoldKeepsProvenanceAndExportsLikeAnyAnnotator(t *testing.T) {
	onBoth(t, testGoldKeepsProvenanceAndExportsLikeAnyAnnotator)
}

func testGoldKeepsProvenanceAndExportsLikeAnyAnnotator(t *testing.T, target string) {
	db := openDB(t, target)
	s := openSession(t, db, Gold)
	defer s.Close()
	s0, s1 := at(t, docA.Text, "روسيا")
	sp, err := s.AcceptSpan(docA, annotations.Span{Start: s0, End: s1, Label: "GPE"}, []string{"sara", "reza"}, AutoDecider)
	if err != nil || sp.ID == "" {
		t.Fatalf("accept span: %+v %v", sp, err)
	}
	c0, c1 := at(t, docA.Text, "نشرت أكثر من 8 آلاف جندي")
	c, err := s.AcceptClaim(docA, annotations.Claim{Span: annotations.Span{Start: c0, End: c1}, Attribution: annotations.AttrAttributed,
		Checkworthy: true, Numeric: &annotations.Numeric{Value: 8000, Qualifier: annotations.QualMoreThan}}, []string{"reza"}, "mona")
	if err != nil || c.ID == "" {
		t.Fatalf("accept claim: %+v %v", c, err)
	}
	if err := s.AcceptAnswer(docA, "accept", []string{"reza", "sara"}, AutoDecider); err != nil {
		t.Fatal(err)
	}
	got, err := db.Provenance(docA.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("provenance: %+v", got)
	}
	if p := got[2]; p.Kind != "span" || p.Item != sp.ID || !reflect.DeepEqual(p.Sources, []string{"reza", "sara"}) || p.DecidedBy != AutoDecider || p.Decided.IsZero() {
		t.Fatalf("span provenance: %+v", p)
	}
	if p := got[1]; p.Kind != "claim" || p.Item != c.ID || p.DecidedBy != "mona" || !reflect.DeepEqual(p.Sources, []string{"reza"}) {
		t.Fatalf("claim provenance: %+v", p)
	}
	if p := got[0]; p.Kind != "answer" || p.Item != "accept" {
		t.Fatalf("answer provenance: %+v", p)
	}
	var recs []record.Record
	if _, err := db.EachRecord(Gold, func(r record.Record) error { recs = append(recs, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0].AnnotatorID != Gold || len(recs[0].Spans) != 1 || recs[0].Spans[0].Label != "GPE" ||
		len(recs[0].Claims) != 1 || recs[0].Claims[0].Numeric == nil || recs[0].Claims[0].Numeric.Value != 8000 ||
		recs[0].Claims[0].Attribution != annotations.AttrAttributed || recs[0].Answer != "accept" {
		t.Fatalf("gold's record: %+v", recs)
	}
}

func TestOnlyGoldsSessionAcceptsIntoGold(t *testing.T) {
	onBoth(t, testOnlyGoldsSessionAcceptsIntoGold)
}

func testOnlyGoldsSessionAcceptsIntoGold(t *testing.T, target string) {
	db := openDB(t, target)
	s := openSession(t, db, "sara")
	defer s.Close()
	_, err := s.AcceptSpan(docA, annotations.Span{Start: 0, End: 3, Label: "X"}, []string{"sara"}, "sara")
	if err == nil || !strings.Contains(err.Error(), "only the gold annotator") {
		t.Fatalf("sara accepting into gold: %v", err)
	}
	g := openSession(t, db, Gold)
	defer g.Close()
	if _, err := g.AcceptSpan(docA, annotations.Span{Start: 0, End: 3, Label: "X"}, []string{"sara"}, ""); err == nil {
		t.Fatal("accepted with no decider")
	}
}

// Reviewers on two servers write gold at once on PostgreSQL: each accept
// reads gold's document as it is now, so neither overwrites the other's.
func TestGoldIsWrittenByReviewersOnEveryServer(t *testing.T) {
	url := pgtest.URL(t)
	one, two := openDB(t, url), openDB(t, url)
	g1, g2 := openSession(t, one, Gold), openSession(t, two, Gold)
	words := []string{"قال", "الرئيس", "روسيا", "الحدود"}
	for i, w := range words {
		g := []*Session{g2, g1}[i%2]
		s0, s1 := at(t, docA.Text, w)
		if _, err := g.AcceptSpan(docA, annotations.Span{Start: s0, End: s1, Label: "X"}, []string{"sara"}, "mona"); err != nil {
			t.Fatalf("accept %s on server %d: %v", w, 2-i%2, err)
		}
	}
	v := view(t, g1, docA.ID)
	if len(v.Spans) != len(words) {
		t.Fatalf("gold has %d spans, want %d (one server overwrote the other's): %+v", len(v.Spans), len(words), v.Spans)
	}
	p, err := two.Provenance(docA.ID)
	if err != nil || len(p) != len(words) {
		t.Fatalf("provenance %+v (%v), want %d items", p, err, len(words))
	}
	// Gold's session on SQLite stays one at a time, like every annotator's.
	db := openDB(t, filepath.Join(t.TempDir(), "p.db"))
	openSession(t, db, Gold)
	if _, err := db.Session(Gold); err == nil {
		t.Fatal("two gold sessions on one SQLite database")
	}
}
