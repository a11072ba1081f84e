package journal

import (
	"testing"

	"github.com/hashiya/hashiya/annotations"
)

func TestSpansInRange(t *testing.T) {
	s := openT(t, t.TempDir())
	defer s.Close()
	p := mustSpan(t, s, docA, "PERSON", "فلاديمير بوتين")
	mustSpan(t, s, docA, "GPE", "روسيا")
	a, _ := find(t, docA.Text, "بوتين")
	if got := s.Spans(docA.ID, a, a); len(got) != 1 || got[0].ID != p.ID {
		t.Fatalf("at %d: %v", a, got)
	}
	if got := s.Spans(docA.ID, 0, annotations.CodePointLen(docA.Text)); len(got) != 2 {
		t.Fatalf("whole text: %v", got)
	}
	if got := s.Spans(docA.ID, 0, p.Start); len(got) != 0 {
		t.Fatalf("before: %v", got)
	}
	if err := s.Touch(docB); err != nil {
		t.Fatal(err)
	}
	if err := s.SetAnswer(docB.ID, "maybe"); err == nil {
		t.Fatal("bad answer accepted")
	}
	if err := s.SetAnswer("nope", annotations.AnswerAccept); err == nil {
		t.Fatal("answer on unknown doc accepted")
	}
}
