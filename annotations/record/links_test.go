package record

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
)

// claimRecord is annotator's record of a one-claim document whose claim
// links to each of to.
func claimRecord(t *testing.T, annotator, doc string, to ...string) Record {
	t.Helper()
	info := annotations.DocInfo{ID: doc, Lang: "ar", Text: "قال بوتين إن 10 آلاف جندي وصلوا"}
	c := annotations.Claim{ID: "c1", Span: annotations.Span{ID: "c1", Start: 13, End: 25, Text: "10 آلاف جندي", Label: "CLAIM"},
		Attribution: annotations.AttrAsserted, Cluster: "k1"}
	for _, ref := range to {
		c.Links = append(c.Links, annotations.Link{To: ref, Relation: annotations.RelSameClaim})
	}
	d, err := annotations.RestoreDocState(info, nil, []annotations.Claim{c}, "", 1000, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	return BuildRecord(d, annotator, "test")
}

func validateRecords(t *testing.T, rs ...Record) []Problem {
	t.Helper()
	var b strings.Builder
	for _, r := range rs {
		line, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return Validate(strings.NewReader(b.String()), "links.jsonl")
}

// TestCheckRecordRefusedAnnotatorQualifiedLinks: the SQLite store names a
// claim of another annotator "DOC#cN@ANNOTATOR", and the record check took
// that for a malformed reference, so such a database could not be exported.
func TestCheckRecordRefusedAnnotatorQualifiedLinks(t *testing.T) {
	a := claimRecord(t, "amira", "d1", "d2#c1@reza")
	b := claimRecord(t, "reza", "d2", "d1#c1@amira")
	for _, r := range []Record{a, b} {
		if p := CheckRecord(r); len(p) != 0 {
			t.Errorf("%s's record: %v", r.AnnotatorID, p)
		}
	}
	if p := validateRecords(t, a, b); len(p) != 0 {
		t.Errorf("a mutual link across annotators: %v", p)
	}
}

func TestCheckRecordRefusesBadLinkReferences(t *testing.T) {
	for _, to := range []string{"d2#c1@", "d2#c1@re za", "d2#c1@reza@x", "d2#s1@reza", "#c1@reza", "d2#c1@../x"} {
		p := CheckRecord(claimRecord(t, "amira", "d1", to))
		if len(p) != 1 || !strings.Contains(p[0], "links[0].to") {
			t.Errorf("link to %q: %v", to, p)
		}
	}
}

func TestValidateResolvesLinksAcrossAnnotators(t *testing.T) {
	cases := []struct {
		name string
		recs []Record
		want string // "" = clean
	}{
		{"own claim, qualified by its annotator", []Record{
			claimRecord(t, "amira", "d1", "d2#c1@amira"), claimRecord(t, "amira", "d2", "d1#c1")}, ""},
		{"back link unqualified, so it names reza's own claim", []Record{
			claimRecord(t, "amira", "d1", "d2#c1@reza"), claimRecord(t, "reza", "d2", "d1#c1")},
			`"d2#c1@reza" (same-claim): d2#c1@reza does not link back`},
		{"annotator not in the file", []Record{
			claimRecord(t, "amira", "d1", "d2#c1@reza"), claimRecord(t, "amira", "d2")},
			`no document "d2" by "reza"`},
		{"claim missing", []Record{
			claimRecord(t, "amira", "d1", "d2#c7@reza"), claimRecord(t, "reza", "d2", "d1#c1@amira")},
			`document "d2" has no claim "c7"`},
		{"itself, qualified", []Record{claimRecord(t, "amira", "d1", "d1#c1@amira")}, "links the claim to itself"},
		{"the same target twice", []Record{
			claimRecord(t, "amira", "d1", "d2#c1", "d2#c1@amira"), claimRecord(t, "amira", "d2", "d1#c1")}, "repeats links[0]"},
	}
	for _, tc := range cases {
		p := validateRecords(t, tc.recs...)
		switch {
		case tc.want == "" && len(p) != 0:
			t.Errorf("%s: %v", tc.name, p)
		case tc.want != "" && (len(p) == 0 || !strings.Contains(p[0].Msg, tc.want)):
			t.Errorf("%s: want %q, got %v", tc.name, tc.want, p)
		}
	}
}
