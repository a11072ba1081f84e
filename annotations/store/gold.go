package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashiya/hashiya/annotations"
)

// Gold is the annotator that holds the adjudicated version of each
// document: exported, measured and reviewed like any other annotator.
const Gold = "gold"

// AutoDecider is the decider of what every annotator agreed on, accepted
// without a reviewer's key press.
const AutoDecider = "auto"

// Provenance says where one item of gold's version came from.
type Provenance struct {
	Doc       string
	Kind      string // span, claim or answer
	Item      string // gold's span or claim id, or the answer
	Sources   []string
	DecidedBy string
	Decided   time.Time
}

// AcceptSpan adds sp's extent and label to gold's version of doc, noting
// that sources had it and decider chose it, in one transaction. The
// session must be gold's.
func (s *Session) AcceptSpan(doc annotations.DocInfo, sp annotations.Span, sources []string, decider string) (annotations.Span, error) {
	ch, err := s.accept(func(t *txState) (annotations.Change, string, error) {
		ch, err := t.apply(annotations.AddSpan{Doc: doc, Label: sp.Label, Start: sp.Start, End: sp.End})
		if err != nil || ch.Span == nil {
			return ch, "", err
		}
		return ch, ch.Span.ID, nil
	}, doc.ID, "span", sources, decider)
	if err != nil || ch.Span == nil {
		return annotations.Span{}, err
	}
	return *ch.Span, nil
}

// AcceptClaim adds c's span, attribution, check-worthiness, number and
// claimant text to gold's version of doc (links and claimant spans, which
// name the source annotator's ids, are left to the reviewer).
func (s *Session) AcceptClaim(doc annotations.DocInfo, c annotations.Claim, sources []string, decider string) (annotations.Claim, error) {
	ch, err := s.accept(func(t *txState) (annotations.Change, string, error) {
		ch, err := t.apply(annotations.AddClaim{Doc: doc, Start: c.Span.Start, End: c.Span.End})
		if err != nil || ch.Claim == nil {
			return ch, "", err
		}
		nc := annotations.CloneClaim(*ch.Claim)
		nc.Attribution, nc.Checkworthy = c.Attribution, c.Checkworthy
		nc.Claimant = annotations.Claimant{Text: c.Claimant.Text}
		if c.Numeric != nil {
			n := *c.Numeric
			nc.Numeric = &n
		}
		ech, err := t.apply(annotations.EditClaim{Doc: doc.ID, Claim: nc})
		if err != nil {
			return ch, "", err
		}
		if ech.Claim != nil {
			ch.Claim = ech.Claim
		}
		return ch, nc.ID, nil
	}, doc.ID, "claim", sources, decider)
	if err != nil || ch.Claim == nil {
		return annotations.Claim{}, err
	}
	return *ch.Claim, nil
}

// AcceptAnswer sets gold's answer of doc.
func (s *Session) AcceptAnswer(doc annotations.DocInfo, answer string, sources []string, decider string) error {
	_, err := s.accept(func(t *txState) (annotations.Change, string, error) {
		if _, err := t.apply(annotations.Touch{Doc: doc}); err != nil {
			return annotations.Change{}, "", err
		}
		ch, err := t.apply(annotations.Answer{Doc: doc.ID, Answer: answer})
		return ch, answer, err
	}, doc.ID, "answer", sources, decider)
	return err
}

// accept runs add and records the provenance of the item it names.
func (s *Session) accept(add func(t *txState) (annotations.Change, string, error), doc, kind string, sources []string, decider string) (annotations.Change, error) {
	if s.annotator != Gold {
		return annotations.Change{}, fmt.Errorf("only the %s annotator's session accepts into gold, not %s's", Gold, s.annotator)
	}
	if decider == "" {
		return annotations.Change{}, fmt.Errorf("accept into gold: who decided is not given")
	}
	src := slices.Clone(sources)
	slices.Sort(src)
	return s.run(func(t *txState) (annotations.Change, error) {
		ch, item, err := add(t)
		if err != nil || item == "" {
			return ch, err
		}
		_, err = t.q.ExecContext(t.ctx, `INSERT INTO gold_provenance (doc, kind, item, sources, decided_by, decided)
			VALUES ((SELECT id FROM documents WHERE doc_id = ?), ?, ?, ?, ?, ?)
			ON CONFLICT (doc, kind, item) DO UPDATE SET sources = excluded.sources,
				decided_by = excluded.decided_by, decided = excluded.decided`,
			doc, kind, item, strings.Join(src, ","), decider, s.db.now().UnixMilli())
		return ch, err
	})
}

// Provenance lists where each item of gold's version of doc came from, in
// kind then item order.
func (db *DB) Provenance(doc string) ([]Provenance, error) {
	var rows *sql.Rows
	err := db.retryRead(func() (err error) {
		rows, err = db.rq.QueryContext(context.Background(), `SELECT kind, item, sources, decided_by, decided
			FROM gold_provenance WHERE doc = (SELECT id FROM documents WHERE doc_id = ?) ORDER BY kind, item`, doc)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", db.path, err)
	}
	defer rows.Close()
	var out []Provenance
	for rows.Next() {
		p := Provenance{Doc: doc}
		var src string
		var ms int64
		if err := rows.Scan(&p.Kind, &p.Item, &src, &p.DecidedBy, &ms); err != nil {
			return nil, fmt.Errorf("database %s: %w", db.path, err)
		}
		if src != "" {
			p.Sources = strings.Split(src, ",")
		}
		p.Decided = time.UnixMilli(ms).UTC()
		out = append(out, p)
	}
	return out, rows.Err()
}
