package store

import (
	"reflect"
	"testing"

	"github.com/hashiya/hashiya/annotations"
)

func TestDocProgressListsAnswersAndCounts(t *testing.T) {
	onBoth(t, testDocProgressListsAnswersAndCounts)
}

func testDocProgressListsAnswersAndCounts(t *testing.T, target string) {
	db := openDB(t, target)
	s := openSession(t, db, "alice")
	other := openSession(t, db, "bob")
	must(t, s, annotations.AddSpan{Doc: docA, Label: "GPE", Start: 0, End: 3})
	must(t, s, annotations.AddClaim{Doc: docA, Start: 4, End: 9})
	must(t, s, annotations.Touch{Doc: docB})
	must(t, s, annotations.Answer{Doc: docB.ID, Answer: annotations.AnswerReject})
	must(t, other, annotations.AddSpan{Doc: docB, Label: "GPE", Start: 0, End: 3}) // bob's, not alice's
	answers, annotated, err := s.DocProgress()
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{docB.ID: "reject"}; !reflect.DeepEqual(answers, want) {
		t.Errorf("answers %v, want %v", answers, want)
	}
	if want := map[string]int{docA.ID: 2}; !reflect.DeepEqual(annotated, want) {
		t.Errorf("annotated %v, want %v", annotated, want)
	}
}
