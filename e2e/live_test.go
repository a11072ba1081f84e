package e2e

import (
	"path/filepath"
	"regexp"
	"testing"

	"github.com/hashiya/hashiya/internal/pgtest"
	"github.com/hashiya/hashiya/tui"
)

// otherDocReadRE is the focused pane's title once a document after the first is read.
var otherDocReadRE = regexp.MustCompile(`▸[2-5]/5 \S+ +\S+ · (rtl|ltr)`)

// liveAcrossServers: sara on the first server answers one of her documents; bob, on the
// second and pressing nothing, sees the team's progress count it (issue 14: live updates
// across servers on one database).
func liveAcrossServers(t *testing.T, db string) {
	_, srvA, srvB, sara, bob := startTwoSites(t, db)
	for _, s := range []*session{sara, bob} {
		s.waitForRE(focusedLoadedRE)
		s.waitFor("team 0/5")
	}
	km := tui.DefaultKeyMap()
	// Her next document to answer is after the first (she has two of the five): it opens
	// in the focused pane, and once it is read she accepts it.
	sara.press(km.NextAssigned)
	sara.waitForRE(otherDocReadRE)
	sara.press(km.Accept)
	sara.waitFor("team 1/5")
	bob.waitFor("team 1/5")
	for _, s := range []*session{sara, bob} {
		s.press(km.Quit)
		s.waitFor("SSH-EXIT=0")
	}
	srvA.stop(t)
	srvB.stop(t)
}

// TestLiveProgressAcrossServersSQLite is liveAcrossServers on one SQLite file.
func TestLiveProgressAcrossServersSQLite(t *testing.T) {
	liveAcrossServers(t, filepath.Join(t.TempDir(), "project.db"))
}

// TestLiveProgressReachesOtherServerOnPostgreSQL is liveAcrossServers on one PostgreSQL.
// It failed when the store's subscription read the operation log with '?' placeholders on
// the raw pool: on PostgreSQL every read was an error, retried silently, and no commit
// reached a subscriber.
func TestLiveProgressReachesOtherServerOnPostgreSQL(t *testing.T) {
	liveAcrossServers(t, pgtest.URL(t))
}
