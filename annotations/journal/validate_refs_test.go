package journal

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/record"
)

// linkedLines writes two documents through the real store, each with a claim,
// the claims linked both ways, and returns the file's lines (docA first).
func linkedLines(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	s := openT(t, dir)
	who := mustSpan(t, s, docA, "PERSON", "فلاديمير بوتين")
	mustSpan(t, s, docA, "GPE", "روسيا")
	a, b := find(t, docA.Text, "نشرت حوالى 10 آلاف جندي")
	ca, err := s.AddClaim(docA, a, b)
	if err != nil {
		t.Fatal(err)
	}
	ca.Claimant.SpanID = who.ID
	if _, err := s.UpdateClaim(docA.ID, ca); err != nil {
		t.Fatal(err)
	}
	a, b = find(t, docB.Text, "شامل ۲۳ ماده")
	cb, err := s.AddClaim(docB, a, b)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.LinkClaims(docA.ID, ca.ID, docB.ID, cb.ID, annotations.RelSameClaim); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "annotations.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], docA.ID) {
		t.Fatalf("want docA then docB, got %d lines", len(lines))
	}
	return lines
}

// edit decodes a record line, changes it and encodes it again.
func edit(t *testing.T, line string, f func(r *record.Record)) string {
	t.Helper()
	var r record.Record
	if err := json.Unmarshal([]byte(line), &r); err != nil {
		t.Fatal(err)
	}
	f(&r)
	out, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// problemsOn validates lines as one file and returns the messages per line.
func problemsOn(t *testing.T, o record.ValidateOptions, lines ...string) map[int][]string {
	t.Helper()
	got := map[int][]string{}
	for _, p := range record.ValidateWith(strings.NewReader(strings.Join(lines, "\n")+"\n"), "a.jsonl", o) {
		if !strings.HasPrefix(p.String(), "a.jsonl:") {
			t.Errorf("problem does not name the file: %s", p)
		}
		got[p.Line] = append(got[p.Line], p.Msg)
	}
	return got
}

func wantProblem(t *testing.T, got map[int][]string, line int, sub string) {
	t.Helper()
	for _, m := range got[line] {
		if strings.Contains(m, sub) {
			return
		}
	}
	t.Errorf("line %d: want a problem containing %q; got %v", line, sub, got)
}

func TestValidateLinkedClaimsFromTheStoreAreClean(t *testing.T) {
	lines := linkedLines(t)
	if got := problemsOn(t, record.ValidateOptions{}, lines...); len(got) != 0 {
		t.Fatalf("problems in a file the store wrote: %v", got)
	}
	def := annotations.DefaultSchema()
	if got := problemsOn(t, record.ValidateOptions{Schema: &def, SchemaName: "default"}, lines...); len(got) != 0 {
		t.Fatalf("problems against the default schema: %v", got)
	}
}

func TestValidatePassedLinkToMissingClaim(t *testing.T) {
	lines := linkedLines(t)
	lines[0] = edit(t, lines[0], func(r *record.Record) { r.Claims[0].Links[0].To = docB.ID + "#c9" })
	got := problemsOn(t, record.ValidateOptions{}, lines...)
	wantProblem(t, got, 1, `no claim "c9"`)
	lines[0] = edit(t, lines[0], func(r *record.Record) { r.Claims[0].Links[0].To = "nowhere#c1" })
	got = problemsOn(t, record.ValidateOptions{}, lines...)
	wantProblem(t, got, 1, `no document "nowhere"`)
}

func TestValidatePassedMissingClaimantSpan(t *testing.T) {
	lines := linkedLines(t)
	lines[0] = edit(t, lines[0], func(r *record.Record) { r.Claims[0].Claimant.SpanID = "s99" })
	wantProblem(t, problemsOn(t, record.ValidateOptions{}, lines...), 1, `claimant span_id "s99" is not a span`)
}

func TestValidatePassedOneSidedLink(t *testing.T) {
	lines := linkedLines(t)
	lines[1] = edit(t, lines[1], func(r *record.Record) { r.Claims[0].Links = []annotations.Link{} })
	got := problemsOn(t, record.ValidateOptions{}, lines...)
	wantProblem(t, got, 1, "does not link back")
	if len(got[2]) != 0 {
		t.Errorf("the side without the link is not at fault: %v", got[2])
	}
	lines = linkedLines(t)
	lines[1] = edit(t, lines[1], func(r *record.Record) { r.Claims[0].Links[0].Relation = annotations.RelContradicts })
	got = problemsOn(t, record.ValidateOptions{}, lines...)
	wantProblem(t, got, 1, "links back as contradicts")
	wantProblem(t, got, 2, "links back as same-claim")
}

func TestValidatePassedLabelsOutsideSchema(t *testing.T) {
	lines := linkedLines(t)
	lines[0] = edit(t, lines[0], func(r *record.Record) { r.Spans[1].Label = "WEAPON" })
	if got := problemsOn(t, record.ValidateOptions{}, lines...); len(got) != 0 {
		t.Fatalf("without a schema any label passes: %v", got)
	}
	def := annotations.DefaultSchema()
	got := problemsOn(t, record.ValidateOptions{Schema: &def, SchemaName: "labels.toml"}, lines...)
	wantProblem(t, got, 1, `label "WEAPON" is not in labels.toml`)
}

func TestValidateDuplicateSpans(t *testing.T) {
	lines := linkedLines(t)
	twin := edit(t, lines[0], func(r *record.Record) {
		sp := r.Spans[0]
		sp.ID = "s9"
		r.Spans = append(r.Spans, sp)
	})
	wantProblem(t, problemsOn(t, record.ValidateOptions{}, twin, lines[1]), 1, "same extent and label as spans[0]")
	relabelled := edit(t, lines[0], func(r *record.Record) {
		sp := r.Spans[0]
		sp.ID, sp.Label = "s9", "ORG"
		r.Spans = append(r.Spans, sp)
	})
	wantProblem(t, problemsOn(t, record.ValidateOptions{}, relabelled, lines[1]), 1, "two labels on one extent")
	region := edit(t, lines[0], func(r *record.Record) {
		sp := r.Spans[0]
		sp.ID, sp.Label = "s9", "BOILERPLATE"
		r.Spans = append(r.Spans, sp)
	})
	if got := problemsOn(t, record.ValidateOptions{}, region, lines[1]); len(got) != 0 {
		t.Errorf("a boilerplate region over an entity is another layer, not a duplicate: %v", got)
	}
}
