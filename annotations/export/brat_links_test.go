package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/record"
)

// twoClaims is amira's record of one document with claims c1 and c2, c1
// linked to each of to.
func twoClaims(t *testing.T, to ...string) record.Record {
	t.Helper()
	info := annotations.DocInfo{ID: "d1", Lang: "ar", Text: "قال بوتين إن 10 آلاف جندي وصلوا ثم قال 20 ألفا"}
	claim := func(id string, start, end int, text string, links ...string) annotations.Claim {
		c := annotations.Claim{ID: id, Span: annotations.Span{ID: id, Start: start, End: end, Text: text, Label: "CLAIM"},
			Attribution: annotations.AttrAsserted}
		for _, l := range links {
			c.Links = append(c.Links, annotations.Link{To: l, Relation: annotations.RelContradicts})
		}
		return c
	}
	cs := []annotations.Claim{claim("c1", 13, 25, "10 آلاف جندي", to...), claim("c2", 39, 46, "20 ألفا")}
	d, err := annotations.RestoreDocState(info, nil, cs, "", 1000, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	return record.BuildRecord(d, "amira", "test")
}

// TestBratRelationsOnlyBetweenTheRecordsOwnClaims: a link qualified with the
// record's own annotator is a relation in the document; one to another
// annotator's claim of the same id is not (it stays an AnnotatorNotes entry).
func TestBratRelationsOnlyBetweenTheRecordsOwnClaims(t *testing.T) {
	for _, tc := range []struct {
		to   string
		want int
	}{{"d1#c2", 1}, {"d1#c2@amira", 1}, {"d1#c2@reza", 0}} {
		dir := t.TempDir()
		if err := Export(nil, []record.Record{twoClaims(t, tc.to)}, FormatBrat, ExportOptions{Dir: dir}); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, BratName("d1")+".ann"))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Count(string(b), "\tcontradicts Arg1:"); got != tc.want {
			t.Errorf("link to %s: %d relations, want %d:\n%s", tc.to, got, tc.want, b)
		}
		if !strings.Contains(string(b), "contradicts="+tc.to) {
			t.Errorf("link to %s not noted:\n%s", tc.to, b)
		}
	}
}
