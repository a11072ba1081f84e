package store

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/hashiya/hashiya/annotations"
)

// firstLive routes a document to the annotators who started it, else to the first
// running annotator: enough to watch what RouteTeam keeps and moves.
func firstLive(doc string, live, pinned []string) []string {
	if len(pinned) > 0 {
		return pinned
	}
	if len(live) == 0 {
		return nil
	}
	return live[:1]
}

func TestRouteTeamMovesAQuietServersUnstartedDocumentsOnly(t *testing.T) {
	onBoth(t, testRouteTeamMovesAQuietServers)
}

func testRouteTeamMovesAQuietServers(t *testing.T, target string) {
	a, b := openDB(t, target), openDB(t, target)
	now := time.Now()
	a.now = func() time.Time { return now }
	docs := []string{docA.ID, docB.ID}
	if _, err := a.RouteTeam(TeamServer{Name: "a", Overlap: 1, Annotators: []string{"alice"}}, docs, firstLive); err != nil {
		t.Fatal(err)
	}
	must(t, openSession(t, a, "alice"), annotations.AddSpan{Doc: docA, Label: "GPE", Start: 0, End: 3})
	// Two minutes later a quits hearing from its server: b takes what alice never started.
	b.now = func() time.Time { return now.Add(2 * time.Minute) }
	v, err := b.RouteTeam(TeamServer{Name: "b", Overlap: 1, Annotators: []string{"bob"}}, docs, firstLive)
	if err != nil {
		t.Fatal(err)
	}
	got, version, err := b.Assignments()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{docA.ID: {"alice"}, docB.ID: {"bob"}}
	if fmt.Sprint(got) != fmt.Sprint(want) || version != v || version != 2 {
		t.Fatalf("assignments %v at version %d (routing said %d), want %v at 2", got, version, v, want)
	}
	if live, _, err := b.TeamState(); err != nil || !slices.Equal(live, []string{"bob"}) {
		t.Fatalf("running annotators %v %v, want bob only", live, err)
	}
	if mine, err := b.AssignedTo("bob"); err != nil || !slices.Equal(mine, []string{docB.ID}) {
		t.Fatalf("bob's documents %v %v", mine, err)
	}
}

func BenchmarkRouteTeam50000(b *testing.B) {
	docs := make([]string, 50000)
	for i := range docs {
		docs[i] = fmt.Sprintf("doc-%06d", i)
	}
	for b.Loop() {
		b.StopTimer()
		db, err := Open(filepath.Join(b.TempDir(), "project.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := db.RouteTeam(TeamServer{Name: "a", Overlap: 1, Annotators: []string{"x", "y", "z"}}, docs, firstLive); err != nil {
			b.Fatal(err)
		}
		// Routing again with nothing changed: what every restart pays.
		if _, err := db.RouteTeam(TeamServer{Name: "a", Overlap: 1, Annotators: []string{"x", "y", "z"}}, docs, firstLive); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}

// topTwo keeps the started annotators and fills up to two from the running ones, in
// the order the document's name picks.
func topTwo(doc string, live, pinned []string) []string {
	want := slices.Clone(pinned)
	for i := range live {
		a := live[(i+len(doc))%len(live)]
		if len(want) < 2 && !slices.Contains(want, a) {
			want = append(want, a)
		}
	}
	return want
}

// TestRouteTeamConcurrentServersNeverOverAssign: two servers routing at once, with
// teams that keep changing, never leave a document with more than the overlap.
func TestRouteTeamConcurrentServersNeverOverAssign(t *testing.T) {
	onBoth(t, testRouteTeamConcurrent)
}

func testRouteTeamConcurrent(t *testing.T, target string) {
	a, b := openDB(t, target), openDB(t, target)
	docs := make([]string, 40)
	for i := range docs {
		docs[i] = fmt.Sprintf("doc-%02d", i)
	}
	teams := [][]string{{"ali", "bob"}, {"cem", "dan", "eda"}, {"bob", "fay"}}
	errs := make(chan error, 2)
	for i, db := range []*DB{a, b} {
		go func() {
			for round := range 15 {
				team := teams[(round+i)%len(teams)]
				if _, err := db.RouteTeam(TeamServer{Name: fmt.Sprint("server-", i), Overlap: 2, Annotators: team}, docs, topTwo); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	got, _, err := a.Assignments()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if len(got[d]) != 2 {
			t.Errorf("%s goes to %v, want two annotators", d, got[d])
		}
	}
}
