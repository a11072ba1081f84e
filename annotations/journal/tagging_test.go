package journal

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/export"
	"github.com/hashiya/hashiya/annotations/record"
)

func journalSize(t *testing.T, dir string) int64 {
	t.Helper()
	st, err := os.Stat(journalPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	return st.Size()
}

func exportedOf(t *testing.T, s *Store, dir, format string) string {
	t.Helper()
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "annotations.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, probs, err := record.ReadRecords(f, "annotations.jsonl")
	if err != nil || len(probs) > 0 {
		t.Fatal(err, probs)
	}
	out, _ := exportString(t, recs, format, export.ExportOptions{})
	return out
}

// The defect: a second label on a tagged word stacked a second span of the same
// extent (GPE and NORP saved, one drawn, the first x removed the hidden one), and the
// same label twice saved two identical spans that exports kept.
func TestTaggingTaggedWordAddsSecondSpan(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	defer s.Close()
	g := mustSpan(t, s, docA, "GPE", "روسيا")
	a, b := find(t, docA.Text, "روسيا")
	n, err := s.AddSpan(docA, "NORP", a, b)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := s.Doc(docA.ID)
	if len(v.Spans) != 1 || v.Spans[0].Label != "NORP" || n.ID != g.ID {
		t.Fatalf("a second label gave %+v, want the one span relabelled NORP", v.Spans)
	}

	size := journalSize(t, dir)
	same, err := s.AddSpan(docA, "NORP", a, b)
	if !errors.Is(err, annotations.ErrUnchanged) || same.ID != g.ID || !strings.Contains(err.Error(), "already NORP") {
		t.Fatalf("the same label again: %+v, %v; want ErrUnchanged saying already NORP", same, err)
	}
	if got := journalSize(t, dir); got != size {
		t.Errorf("a change of nothing grew the journal from %d to %d bytes", size, got)
	}
	for format, one := range map[string]string{"prodigy": `"label":"NORP"`, "doccano": `"start_offset"`} {
		if out := exportedOf(t, s, dir, format); strings.Count(out, one) != 1 || strings.Contains(out, `"GPE"`) {
			t.Errorf("%s export keeps other than one NORP span:\n%s", format, out)
		}
	}

	// Relabelling is one undo step; the unchanged retag recorded none.
	if err := s.Undo(docA.ID); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Doc(docA.ID); len(v.Spans) != 1 || v.Spans[0].Label != "GPE" {
		t.Fatalf("undo of the relabel gave %+v, want GPE back", v.Spans)
	}
	if err := s.Undo(docA.ID); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Doc(docA.ID); len(v.Spans) != 0 || v.CanUndo {
		t.Fatalf("two undos leave %+v (can undo %v): a no-op was recorded", v.Spans, v.CanUndo)
	}
}

func TestSetLabel(t *testing.T) {
	s := openT(t, t.TempDir())
	defer s.Close()
	g := mustSpan(t, s, docA, "GPE", "كوريا الشمالية")
	sp, err := s.SetLabel(docA.ID, g.ID, "ORG")
	if err != nil || sp.Label != "ORG" || sp.ID != g.ID || sp.Start != g.Start || sp.End != g.End {
		t.Fatalf("SetLabel: %+v, %v", sp, err)
	}
	if _, err := s.SetLabel(docA.ID, g.ID, "ORG"); !errors.Is(err, annotations.ErrUnchanged) {
		t.Fatalf("SetLabel to its own label: %v, want ErrUnchanged", err)
	}
}

func TestResizeMergesSpansOfTheSameLabel(t *testing.T) {
	s := openT(t, t.TempDir())
	defer s.Close()
	k := mustSpan(t, s, docA, "GPE", "كوريا")
	n := mustSpan(t, s, docA, "GPE", "الشمالية")
	o := mustSpan(t, s, docA, "ORG", "الشمالية.") // another label overlaps: left alone
	c, err := s.AddClaim(docA, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	c.Claimant.SpanID = n.ID
	if _, err := s.UpdateClaim(docA.ID, c); err != nil {
		t.Fatal(err)
	}
	_, end := find(t, docA.Text, "كوريا الشمالية")
	sp, err := s.ResizeSpan(docA.ID, k.ID, k.Start, end-3) // reaches into الشمالية
	if err != nil {
		t.Fatal(err)
	}
	v, _ := s.Doc(docA.ID)
	if sp.Text != "كوريا الشمالية" || len(v.Spans) != 2 || v.Spans[0].ID != k.ID || v.Spans[1].ID != o.ID {
		t.Fatalf("merge gave %q and spans %+v", sp.Text, v.Spans)
	}
	if v.Claims[0].Claimant.SpanID != k.ID {
		t.Errorf("the claimant of the merged span points at %q, want %q", v.Claims[0].Claimant.SpanID, k.ID)
	}
	if err := s.Undo(docA.ID); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Doc(docA.ID); len(v.Spans) != 3 || v.Claims[0].Claimant.SpanID != n.ID {
		t.Fatalf("one undo does not restore both spans and the claimant: %+v %+v", v.Spans, v.Claims[0].Claimant)
	}
	// A resize onto the extent of a span of another label is refused.
	if _, err := s.ResizeSpan(docA.ID, n.ID, o.Start, o.End); err == nil || errors.Is(err, annotations.ErrUnchanged) {
		t.Fatalf("resize onto ORG's extent: %v, want a refusal", err)
	}
	if _, err := s.ResizeSpan(docA.ID, n.ID, n.Start, n.End); !errors.Is(err, annotations.ErrUnchanged) {
		t.Fatalf("resize to its own extent: %v, want ErrUnchanged", err)
	}
}

func TestEditsThatChangeNothingRecordNothing(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	defer s.Close()
	mustSpan(t, s, docA, "GPE", "روسيا")
	ca, _ := s.AddClaim(docA, 0, 20)
	cb, _ := s.AddClaim(docB, 0, 20)
	if err := s.SetAnswer(docA.ID, annotations.AnswerAccept); err != nil {
		t.Fatal(err)
	}
	if err := s.LinkClaims(docA.ID, ca.ID, docB.ID, cb.ID, annotations.RelRefines); err != nil {
		t.Fatal(err)
	}
	v, _ := s.Doc(docA.ID)
	size := journalSize(t, dir)
	for name, err := range map[string]error{
		"answer":   s.SetAnswer(docA.ID, annotations.AnswerAccept),
		"link":     s.LinkClaims(docA.ID, ca.ID, docB.ID, cb.ID, annotations.RelRefines),
		"update":   func() error { _, err := s.UpdateClaim(docA.ID, v.Claims[0]); return err }(),
		"claim":    func() error { _, err := s.AddClaim(docA, 0, 20); return err }(),
		"unlink-b": s.UnlinkClaims(docA.ID, ca.ID, docB.ID, "c9"),
	} {
		if name == "unlink-b" {
			if err == nil {
				t.Errorf("unlink of a claim that does not exist passed")
			}
			continue
		}
		if !errors.Is(err, annotations.ErrUnchanged) {
			t.Errorf("%s again: %v, want ErrUnchanged", name, err)
		}
	}
	if got := journalSize(t, dir); got != size {
		t.Errorf("edits that changed nothing grew the journal from %d to %d bytes", size, got)
	}
	if v, _ := s.Doc(docA.ID); len(v.Claims) != 1 {
		t.Errorf("a claim of the same extent was added: %+v", v.Claims)
	}
	// Nor can a resize give a claim the extent of another.
	c2, err := s.AddClaim(docA, 0, 30)
	if err != nil {
		t.Fatal(err)
	}
	c2.Span.End = 20
	if _, err := s.UpdateClaim(docA.ID, c2); err == nil || !strings.Contains(err.Error(), "extent of claim "+ca.ID) {
		t.Errorf("a resize onto another claim's extent: %v", err)
	}
}

func TestNewClaimFindsItsNumber(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	defer s.Close()
	a, b := find(t, docA.Text, "وقالت كييف إن كوريا الشمالية نشرت حوالى 10 آلاف جندي في روسيا")
	c, err := s.AddClaim(docA, a, b)
	if err != nil {
		t.Fatal(err)
	}
	n := c.Numeric
	if n == nil || n.Value != 10000 || n.Qualifier != annotations.QualApprox || n.Unit != "جندي" || n.Surface != "حوالى 10 آلاف" {
		t.Fatalf("new claim's numeric: %+v", n)
	}
	if got, _ := annotations.CodePointSlice(docA.Text, n.SurfaceStart, n.SurfaceEnd); got != n.Surface {
		t.Fatalf("surface offsets [%d,%d) hold %q", n.SurfaceStart, n.SurfaceEnd, got)
	}
	// A typed surface is located in the claim when it is there, else left unplaced.
	c.Numeric = &annotations.Numeric{Value: 10, Qualifier: annotations.QualExact, Surface: "10"}
	c, _ = s.UpdateClaim(docA.ID, c)
	if got, _ := annotations.CodePointSlice(docA.Text, c.Numeric.SurfaceStart, c.Numeric.SurfaceEnd); got != "10" {
		t.Errorf("typed surface «10» located at [%d,%d) = %q", c.Numeric.SurfaceStart, c.Numeric.SurfaceEnd, got)
	}
	c.Numeric = &annotations.Numeric{Value: 3, Qualifier: annotations.QualExact, Surface: "ثلاثة", SurfaceStart: 2, SurfaceEnd: 7}
	c, _ = s.UpdateClaim(docA.ID, c)
	if c.Numeric.SurfaceStart != 0 || c.Numeric.SurfaceEnd != 0 {
		t.Errorf("a surface not in the claim kept offsets [%d,%d)", c.Numeric.SurfaceStart, c.Numeric.SurfaceEnd)
	}
	// The record says where the surface is, and a wrong offset is caught.
	c.Numeric = nil
	c2, _ := s.AddClaim(docA, a, b-3)
	if c2.Numeric == nil {
		t.Fatal("no numeric on the second claim")
	}
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "annotations.jsonl"))
	if !strings.Contains(string(data), `"surface":"حوالى 10 آلاف","surface_start":`) {
		t.Errorf("record lacks the surface offsets:\n%s", data)
	}
	if p := record.Validate(strings.NewReader(string(data)), "a.jsonl"); len(p) > 0 {
		t.Fatalf("valid record refused: %v", p)
	}
	bad := strings.Replace(string(data), `"surface_start":`+strconv.Itoa(c2.Numeric.SurfaceStart), `"surface_start":`+strconv.Itoa(c2.Numeric.SurfaceStart+1), 1)
	if p := record.Validate(strings.NewReader(bad), "a.jsonl"); len(p) == 0 || !strings.Contains(p[0].String(), "a.jsonl:1: claims[0] c2: numeric surface") {
		t.Fatalf("a wrong surface offset passed: %v", p)
	}
}

func TestRemoveLinkedClaimUndoRestoresBothSides(t *testing.T) {
	s := openT(t, t.TempDir())
	defer s.Close()
	ca, _ := s.AddClaim(docA, 0, 20)
	cb, _ := s.AddClaim(docB, 0, 20)
	cb2, _ := s.AddClaim(docB, 30, 40)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.LinkClaims(docA.ID, ca.ID, docB.ID, cb.ID, annotations.RelContradicts))
	must(s.LinkClaims(docA.ID, ca.ID, docB.ID, cb2.ID, annotations.RelRefines))
	before, _ := s.Doc(docB.ID)
	must(s.RemoveClaim(docA.ID, ca.ID))
	if v, _ := s.Doc(docB.ID); len(v.Claims[0].Links)+len(v.Claims[1].Links) != 0 {
		t.Fatalf("links to the removed claim remain: %+v", v.Claims)
	}
	must(s.Undo(docA.ID))
	va, _ := s.Doc(docA.ID)
	vb, _ := s.Doc(docB.ID)
	if len(va.Claims) != 1 || len(va.Claims[0].Links) != 2 || !reflectEqual(vb.Claims, before.Claims) {
		t.Fatalf("undo did not restore both sides: %+v / %+v", va.Claims, vb.Claims)
	}
	// Changing a relation replaces it on both sides; unlinking removes both.
	must(s.LinkClaims(docA.ID, ca.ID, docB.ID, cb.ID, annotations.RelSameClaim))
	vb, _ = s.Doc(docB.ID)
	if l := vb.Claims[0].Links; len(l) != 1 || l[0].Relation != annotations.RelSameClaim {
		t.Fatalf("relation change on the other side: %+v", l)
	}
	must(s.UnlinkClaims(docA.ID, ca.ID, docB.ID, cb.ID))
	va, _ = s.Doc(docA.ID)
	vb, _ = s.Doc(docB.ID)
	if len(va.Claims[0].Links) != 1 || len(vb.Claims[0].Links) != 0 {
		t.Fatalf("unlink: %+v / %+v", va.Claims[0].Links, vb.Claims[0].Links)
	}
}

func reflectEqual(a, b []annotations.Claim) bool {
	return reflect.DeepEqual(annotations.CloneClaim(annotations.Claim{Links: flatLinks(a)}), annotations.CloneClaim(annotations.Claim{Links: flatLinks(b)}))
}

func flatLinks(cs []annotations.Claim) []annotations.Link {
	var out []annotations.Link
	for _, c := range cs {
		out = append(out, annotations.Link{To: c.ID + " " + c.Cluster})
		out = append(out, c.Links...)
	}
	return out
}
