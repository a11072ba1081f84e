package annotations

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestSpanSourceRecorded: a span added with a source (an accepted suggestion) carries it
// in the change, the operation log and through a resize.
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
	if sp := st[docA.ID].View().Spans; len(sp) != 1 || sp[0].Source != "pattern:putin" || sp[0].Start != s+1 {
		t.Fatalf("after resize %+v", sp)
	}
	// a span tagged by hand has none, and says nothing of it
	plain, _ := json.Marshal(Span{ID: "s1", Label: "GPE"})
	if strings.Contains(string(plain), "source") {
		t.Errorf("%s", plain)
	}
}
