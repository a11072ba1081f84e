package record

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
)

// TestRecordKeepsSpanSource: the record of a span accepted from a pattern carries its
// source; one not of the form KIND:ID is refused by the record check.
func TestRecordKeepsSpanSource(t *testing.T) {
	info := annotations.DocInfo{ID: "d", Lang: "ar", Text: "قال بوتين"}
	sp := annotations.Span{ID: "s1", Start: 4, End: 9, Label: "PERSON", Text: "بوتين", Source: "pattern:putin"}
	d, err := annotations.RestoreDocState(info, []annotations.Span{sp}, nil, "", 1000, 2, 1)
	if err != nil {
		t.Fatal(err)
	}
	r := BuildRecord(d, "sara", "s")
	if p := CheckRecord(r); len(p) > 0 {
		t.Fatal(p)
	}
	line, _ := json.Marshal(r)
	if !strings.Contains(string(line), `"source":"pattern:putin"`) {
		t.Errorf("record %s", line)
	}
	r.Spans[0].Source = "putin"
	if p := CheckRecord(r); len(p) != 1 || !strings.Contains(p[0], `source "putin" is not KIND:ID`) {
		t.Errorf("problems %v", p)
	}
}
