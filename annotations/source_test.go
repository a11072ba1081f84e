package annotations

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestSpanSourceRecorded: a span added with a source (an accepted suggestion) carries it
// into the record, the operation log and through a resize; a malformed one is refused
// by the record check.
func TestSpanSourceRecorded(t *testing.T) {
	st := memState{}
	s, e := find(t, docA.Text, "بوتين")
	op := AddSpan{Doc: docA, Label: "PERSON", Start: s, End: e, Source: "pattern:putin"}
	ch, _ := mustApply(t, st, op)
	if ch.Span.Source != "pattern:putin" {
		t.Fatalf("span %+v", ch.Span)
	}
	b, _ := EncodeOp(op)
	if !strings.Contains(string(b), `"source":"pattern:putin"`) {
		t.Errorf("op log %s", b)
	}
	mustApply(t, st, Resize{Doc: docA.ID, Span: ch.Span.ID, Start: s + 1, End: e})
	r := BuildRecord(st[docA.ID], "sara", "s")
	if len(r.Spans) != 1 || r.Spans[0].Source != "pattern:putin" {
		t.Fatalf("record spans %+v", r.Spans)
	}
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
	// a span tagged by hand has none, and the record says nothing of it
	plain, _ := json.Marshal(Span{ID: "s1", Label: "GPE"})
	if strings.Contains(string(plain), "source") {
		t.Errorf("%s", plain)
	}
}
