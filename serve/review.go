package serve

import (
	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/agree"
	"github.com/hashiya/hashiya/annotations/record"
	"github.com/hashiya/hashiya/annotations/store"
	"github.com/hashiya/hashiya/tui"
)

// StoreReview is the review screen's backend on a project database, for
// `hashiya review` and a reviewer's session under `hashiya serve` alike: it
// reads every record and writes through gold's session, with Reviewer as
// who decided.
type StoreReview struct {
	DB       *store.DB
	Gold     *store.Session // the session of store.Gold
	Reviewer string
	// Changes, from DB.Subscribe, makes the screen live: it reads again whenever
	// anyone commits, here or on another server. Nil: it reads on its own writes only.
	Changes <-chan store.Commit
}

var (
	_ tui.ReviewBackend = (*StoreReview)(nil)
	_ tui.Live          = (*StoreReview)(nil)
)

// WaitChange implements tui.Live over Changes.
func (s *StoreReview) WaitChange() bool { return liveFeed{ch: s.Changes}.WaitChange() }

// Documents is every document two or more annotators worked on, with
// their versions, and gold's version of each.
func (s *StoreReview) Documents() ([]agree.Document, map[string]agree.Version, error) {
	var docs []agree.Document
	gold := map[string]agree.Version{}
	_, err := s.DB.EachRecord("", func(r record.Record) error {
		v := agree.Version{Annotator: r.AnnotatorID, Answer: r.Answer, Spans: r.Spans, Claims: r.Claims}
		if r.AnnotatorID == store.Gold {
			gold[r.Meta.ID] = v
			return nil
		}
		if n := len(docs); n == 0 || docs[n-1].ID != r.Meta.ID {
			docs = append(docs, agree.Document{ID: r.Meta.ID, Text: r.Text})
		}
		d := &docs[len(docs)-1]
		d.Versions = append(d.Versions, v)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	out := docs[:0]
	for _, d := range docs {
		if len(d.Versions) >= 2 {
			out = append(out, d)
		}
	}
	return out, gold, nil
}

func (s *StoreReview) decider(auto bool) string {
	if auto {
		return store.AutoDecider
	}
	return s.Reviewer
}

func (s *StoreReview) AcceptSpan(doc annotations.DocInfo, sp annotations.Span, sources []string, auto bool) error {
	_, err := s.Gold.AcceptSpan(doc, sp, sources, s.decider(auto))
	return err
}

func (s *StoreReview) AcceptClaim(doc annotations.DocInfo, c annotations.Claim, sources []string, auto bool) error {
	_, err := s.Gold.AcceptClaim(doc, c, sources, s.decider(auto))
	return err
}

func (s *StoreReview) AcceptAnswer(doc annotations.DocInfo, answer string, sources []string, auto bool) error {
	return s.Gold.AcceptAnswer(doc, answer, sources, s.decider(auto))
}
