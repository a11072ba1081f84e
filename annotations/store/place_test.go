package store

import (
	"path/filepath"
	"testing"
)

func TestPlaceFollowsTheAnnotator(t *testing.T) { onBoth(t, testPlaceFollowsTheAnnotator) }

func testPlaceFollowsTheAnnotator(t *testing.T, path string) {
	db := openDB(t, path)
	s := openSession(t, db, "alice")
	if p, err := s.Place(); err != nil || p != nil {
		t.Fatalf("a new annotator's place: %q, %v", p, err)
	}
	for _, p := range []string{`{"panes":[1]}`, `{"panes":[2]}`} {
		if err := s.SavePlace([]byte(p)); err != nil {
			t.Fatal(err)
		}
	}
	bob := openSession(t, db, "bob")
	if err := bob.SavePlace([]byte(`{"bob":true}`)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db.Close()
	db = openDB(t, path) // another process, later
	s = openSession(t, db, "alice")
	if p, err := s.Place(); err != nil || string(p) != `{"panes":[2]}` {
		t.Fatalf("alice's place after a restart: %q, %v", p, err)
	}
	s.Close()
	if err := s.SavePlace([]byte("{}")); err == nil {
		t.Fatal("a closed session saved a place")
	}
}

// From every earlier schema version the migrated database keeps places.
func TestPlacesAfterMigrationFromEveryVersion(t *testing.T) {
	for v := 1; v < SchemaVersion(); v++ {
		path := filepath.Join(t.TempDir(), "old.db")
		buildVersion(t, path, v)
		db := openDB(t, path)
		s := openSession(t, db, "alice") // alice exists in every built version
		if p, err := s.Place(); err != nil || p != nil {
			t.Fatalf("from version %d: place %q, %v", v, p, err)
		}
		if err := s.SavePlace([]byte(`{"v":1}`)); err != nil {
			t.Fatalf("from version %d: %v", v, err)
		}
		if p, err := s.Place(); err != nil || string(p) != `{"v":1}` {
			t.Fatalf("from version %d: place %q, %v", v, p, err)
		}
	}
}
