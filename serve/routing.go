package serve

import (
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/hashiya/hashiya/annotations/store"
)

// Routing is shared by every server on the database: each registers its team's
// annotators, and documents are routed over the annotators of all running servers under
// the database's routing lock (store.RouteTeam). A document keeps the annotators who
// started it; the rest follow Assign's rendezvous ranking, so one server alone routes
// exactly as Assign does.

// defaultName names a server in the database: its host and listen address.
func defaultName(listen string) string {
	host, _ := os.Hostname()
	return host + "/" + listen
}

// choose decides one document's annotators for store.RouteTeam: the ones who started it,
// then the best-ranked running annotators up to the overlap.
func (s *Server) choose(doc string, live, pinned []string) []string {
	want := slices.Clone(pinned)
	n := int(s.cfg.Overlap)
	for _, a := range rank(doc, live) {
		if n != 0 && len(want) >= n {
			break
		}
		if !slices.Contains(want, a) {
			want = append(want, a)
		}
	}
	return want
}

// route registers team as this server's and routes the corpus, then reads the result.
func (s *Server) route(t *Team) error {
	s.routeMu.Lock()
	defer s.routeMu.Unlock()
	if _, err := s.cfg.DB.RouteTeam(store.TeamServer{Name: s.cfg.Name, Overlap: int(s.cfg.Overlap), Annotators: t.Annotators()},
		s.docs, s.choose); err != nil {
		return err
	}
	s.lastBeat = time.Now()
	live, _, err := s.cfg.DB.TeamState()
	if err != nil {
		return err
	}
	s.routedLive = live
	return s.loadAssignments()
}

// loadAssignments reads every document's annotators into the map Assigned serves;
// the caller holds routeMu.
func (s *Server) loadAssignments() error {
	byDoc, version, err := s.cfg.DB.Assignments()
	if err != nil {
		return err
	}
	a := map[string][]int{}
	for i, id := range s.docs {
		for _, name := range byDoc[id] {
			a[name] = append(a[name], i)
		}
	}
	s.assign.Store(&a)
	s.version.Store(version)
	return nil
}

// freshAssignments reads the assignments again if another server changed them since.
func (s *Server) freshAssignments() error {
	s.routeMu.Lock()
	defer s.routeMu.Unlock()
	v, err := s.cfg.DB.RoutingVersion()
	if err != nil || v == s.version.Load() {
		return err
	}
	return s.loadAssignments()
}

// syncRouting is the team watcher's check of the database: a heartbeat now and then,
// routing again when the running servers' annotators changed (a server started,
// reloaded its team or went quiet), reading again when another server routed.
func (s *Server) syncRouting() error {
	s.routeMu.Lock()
	beat := time.Since(s.lastBeat) >= s.heartbeatEvery()
	routed := s.routedLive
	s.routeMu.Unlock()
	if beat {
		if err := s.cfg.DB.TeamHeartbeat(s.cfg.Name); err != nil {
			return err
		}
		s.routeMu.Lock()
		s.lastBeat = time.Now()
		s.routeMu.Unlock()
	}
	live, version, err := s.cfg.DB.TeamState()
	if err != nil {
		return err
	}
	if !slices.Equal(live, routed) {
		s.log.Info("rerouting", "annotators", fmt.Sprint(live))
		return s.route(s.team.Load())
	}
	if version != s.version.Load() {
		s.routeMu.Lock()
		defer s.routeMu.Unlock()
		return s.loadAssignments()
	}
	return nil
}

// heartbeatEvery spaces the server's heartbeats: well within store.TeamStaleAfter.
func (s *Server) heartbeatEvery() time.Duration { return store.HeartbeatEvery }
