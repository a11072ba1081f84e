package serve

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
)

// twoServers is two Server values on one database, each with a team file of its own.
type twoServers struct {
	fa, fb *fixture
	a, b   *Server
}

func newTwoServers(t *testing.T, dbName string, overlap Overlap, teamA, teamB []string) *twoServers {
	t.Helper()
	ts := &twoServers{fa: newFixtureOn(t, dbName, overlap, teamA...), fb: newFixture(t, overlap, teamB...)}
	cfg := ts.fa.config()
	cfg.Name = "server-a"
	var err error
	if ts.a, err = New(cfg); err != nil {
		t.Fatal(err)
	}
	cfg = ts.fb.config()
	cfg.Name = "server-b"
	cfg.DB = openStore(t, dbName)
	if ts.b, err = New(cfg); err != nil {
		t.Fatal(err)
	}
	ts.sync(t)
	return ts
}

// sync runs both servers' periodic check of the database once, as their team watchers do.
func (ts *twoServers) sync(t *testing.T) {
	t.Helper()
	for _, s := range []*Server{ts.a, ts.b} {
		if err := s.syncRouting(); err != nil {
			t.Fatal(err)
		}
	}
}

// checkRouting: both servers route every document to the same want annotators, all
// from names.
func (ts *twoServers) checkRouting(t *testing.T, want int, names ...string) map[int][]string {
	t.Helper()
	ha, hb := holders(*ts.a.assign.Load()), holders(*ts.b.assign.Load())
	for d := range ts.a.docs {
		slices.Sort(ha[d])
		slices.Sort(hb[d])
		if !slices.Equal(ha[d], hb[d]) {
			t.Fatalf("document %d: server A routes it to %v, server B to %v", d, ha[d], hb[d])
		}
		if len(ha[d]) != want {
			t.Fatalf("document %d goes to %v, want exactly %d annotators", d, ha[d], want)
		}
		for _, n := range ha[d] {
			if !slices.Contains(names, n) {
				t.Fatalf("document %d goes to %s, on neither team", d, n)
			}
		}
	}
	return ha
}

func TestTwoServersWithDifferentTeamsRouteEachDocumentToOverlapAnnotators(t *testing.T) {
	onBackends(t, testTwoServersWithDifferentTeams)
}

func testTwoServersWithDifferentTeams(t *testing.T, dbName string) {
	ts := newTwoServers(t, dbName, 2, []string{"sara", "bob", "rev:reviewer"}, []string{"leila", "omid", "sara"})
	ts.checkRouting(t, 2, "sara", "bob", "leila", "omid")

	// B's team changes: omid leaves, nima joins.
	os.Remove(ts.fb.team)
	ts.fb.addMember("leila", "")
	ts.fb.addMember("sara", "")
	ts.fb.addMember("nima", "")
	team, err := LoadTeam(ts.fb.team)
	if err != nil {
		t.Fatal(err)
	}
	if err := ts.b.setTeam(team); err != nil {
		t.Fatal(err)
	}
	ts.sync(t)
	h := ts.checkRouting(t, 2, "sara", "bob", "leila", "nima")
	if len(*ts.a.assign.Load()) < 3 {
		t.Errorf("the work is not spread over the union of both teams: %v", h)
	}
}

// TestStartedDocumentStaysWithItsAnnotator: a second server joining (or a team change)
// moves only documents nobody assigned has started; a started one keeps its annotator,
// so no document is worked on by more than the overlap.
func TestStartedDocumentStaysWithItsAnnotator(t *testing.T) {
	onBackends(t, testStartedDocumentStays)
}

func testStartedDocumentStays(t *testing.T, dbName string) {
	f := newFixtureOn(t, dbName, 1, "sara", "bob")
	cfg := f.config()
	cfg.Name = "server-a"
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	started := map[string][]int{}
	for _, name := range []string{"sara", "bob"} {
		for _, d := range a.Assigned(name) {
			tag(t, f.db, name, annotations.AddSpan{Doc: sampleDoc(t, d), Label: "PERSON", Start: 0, End: 3})
			started[name] = append(started[name], d)
		}
	}
	fb := newFixture(t, 1, "leila", "omid", "nima", "ali")
	cfg = fb.config()
	cfg.Name = "server-b"
	cfg.DB = openStore(t, dbName)
	b, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.syncRouting(); err != nil {
		t.Fatal(err)
	}
	for _, s := range []*Server{a, b} {
		for name, docs := range started {
			if !slices.Equal(s.Assigned(name), docs) {
				t.Errorf("%s's started documents %v became %v", name, docs, s.Assigned(name))
			}
		}
	}
}

func TestServersWithDifferentOverlapRefused(t *testing.T) {
	onBackends(t, testDifferentOverlapRefused)
}

func testDifferentOverlapRefused(t *testing.T, dbName string) {
	f := newFixtureOn(t, dbName, 2, "sara", "bob")
	cfg := f.config()
	cfg.Name = "server-a"
	if _, err := New(cfg); err != nil {
		t.Fatal(err)
	}
	fb := newFixture(t, 1, "leila")
	cfg = fb.config()
	cfg.Name = "server-b"
	cfg.DB = openStore(t, dbName)
	_, err := New(cfg)
	if err == nil || !strings.Contains(err.Error(), "the server server-a routes this database with --overlap 2") ||
		!strings.Contains(err.Error(), "this one with 1") {
		t.Fatalf("a second server with another overlap: %v", err)
	}
}
