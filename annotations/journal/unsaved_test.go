package journal

import (
	"path/filepath"
	"reflect"
	"syscall"
	"testing"

	"github.com/hashiya/hashiya/annotations"
)

func TestUnsavedListsChangesOnlyInMemory(t *testing.T) {
	s, err := Open(StoreOptions{Out: filepath.Join(t.TempDir(), "a.jsonl"), Annotator: "t"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	docA := annotations.DocInfo{ID: "a", Text: "سلام عليكم"}
	docB := annotations.DocInfo{ID: "b", Text: "hello world"}
	if _, err := s.AddSpan(docA, "PERSON", 0, 4); err != nil {
		t.Fatal(err)
	}
	if n, docs := s.Unsaved(); n != 0 || docs != nil {
		t.Fatalf("after a durable edit: %d %v", n, docs)
	}
	s.FailJournalWrites(syscall.ENOSPC)
	for _, add := range []func() error{
		func() error { _, err := s.AddSpan(docB, "ORG", 0, 5); return err },
		func() error { _, err := s.AddSpan(docA, "GPE", 5, 10); return err },
		func() error { _, err := s.AddSpan(docB, "LOC", 6, 11); return err },
	} {
		if err := add(); !IsNotDurable(err) {
			t.Fatalf("want a NotDurableError, got %v", err)
		}
	}
	if n, docs := s.Unsaved(); n != 3 || !reflect.DeepEqual(docs, []string{"b", "a"}) {
		t.Errorf("Unsaved = %d %v, want 3 [b a]", n, docs)
	}
	if err := s.Close(); !IsNotDurable(err) {
		t.Fatalf("Close on a full disk: %v", err)
	}
	s.FailJournalWrites(nil)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}
