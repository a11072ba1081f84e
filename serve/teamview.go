package serve

import (
	"errors"
	"fmt"

	"github.com/hashiya/hashiya/annotations/record"
	"github.com/hashiya/hashiya/annotations/store"
	"github.com/hashiya/hashiya/tui"
)

// memberTeam is one member's view of the team, for their reader (tui.Team).
type memberTeam struct {
	s *Server
	m Member
	liveFeed
}

var _ tui.Live = memberTeam{}

// teamFor is m's view of the team; changes (a subscription of the session's) keeps the
// progress line live.
func (s *Server) teamFor(m Member, changes <-chan store.Commit) tui.Team {
	if s.newTeam != nil {
		return s.newTeam(m)
	}
	return memberTeam{s: s, m: m, liveFeed: liveFeed{ch: changes, skip: m.Name}}
}

// mine is what the member works through: their assignment, or (a reviewer, an admin
// with none) every document.
func (t memberTeam) mine() []int {
	if a := t.s.Assigned(t.m.Name); a != nil || t.m.Role == RoleAnnotator {
		return a
	}
	all := make([]int, len(t.s.docs))
	for i := range all {
		all[i] = i
	}
	return all
}

// Next is the first of the member's documents after index after, wrapping round, that
// they have not answered.
func (t memberTeam) Next(after int) (int, bool, error) {
	if err := t.s.freshAssignments(); err != nil { // another server may just have routed
		return 0, false, err
	}
	answers, err := t.s.cfg.DB.Answers()
	if err != nil {
		return 0, false, err
	}
	done := answers[t.m.Name]
	mine := t.mine()
	for pass := range 2 { // first the documents after the current one, then from the top
		for _, d := range mine {
			if (pass == 0) != (d > after) {
				continue
			}
			if done[t.s.docs[d]] == "" {
				return d, true, nil
			}
		}
	}
	return 0, false, nil
}

// Progress is "mine A/B · team C/D": answered of assigned, for the member and for every
// annotator's assignment together.
func (t memberTeam) Progress() (string, error) {
	answers, err := t.s.cfg.DB.Answers()
	if err != nil {
		return "", err
	}
	count := func(name string, docs []int) int {
		n := 0
		for _, d := range docs {
			if answers[name][t.s.docs[d]] != "" {
				n++
			}
		}
		return n
	}
	teamDone, teamAll := 0, 0
	for name, docs := range *t.s.assign.Load() {
		teamDone += count(name, docs)
		teamAll += len(docs)
	}
	mine := t.mine()
	return fmt.Sprintf("mine %d/%d · team %d/%d", count(t.m.Name, mine), len(mine), teamDone, teamAll), nil
}

// errNotReviewer refuses the others' work to a plain annotator.
var errNotReviewer = errors.New("only reviewers and admins see the other annotators' annotations")

// Others lists the other annotators' spans, claims and answers on doc, read from the
// database (a list, read only: nothing here can change another annotator's work).
func (t memberTeam) Others(doc string) ([]string, error) {
	if !t.m.SeesOthers() {
		return nil, errNotReviewer
	}
	var out []string
	_, err := t.s.cfg.DB.EachRecord("", func(r record.Record) error {
		if r.Meta.ID != doc || r.AnnotatorID == t.m.Name {
			return nil
		}
		for _, sp := range r.Spans {
			out = append(out, fmt.Sprintf("%s  %s  %d–%d  «%s»", r.AnnotatorID, sp.Label, sp.Start, sp.End, sp.Text))
		}
		for _, c := range r.Claims {
			out = append(out, fmt.Sprintf("%s  CLAIM %s  %d–%d  «%s»", r.AnnotatorID, c.ID, c.Span.Start, c.Span.End, c.Span.Text))
		}
		if r.Answer != "" {
			out = append(out, fmt.Sprintf("%s  answer: %s", r.AnnotatorID, r.Answer))
		}
		return nil
	})
	return out, err
}
