package store

import (
	"fmt"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/record"
)

// Restore brings this annotator's records (a previous version's training file and
// journal, read by annotations/importer) into the database as they are: span and
// claim IDs, links and answers kept, all in one transaction. Each document is logged
// as an import operation; one this annotator already has is left as it is, so a
// second Restore of the same records imports nothing. It returns how many documents
// it imported.
func (s *Session) Restore(recs []record.Record) (int, error) {
	n := 0
	_, err := s.run(func(t *txState) (annotations.Change, error) {
		n = 0
		for _, r := range recs {
			if r.AnnotatorID != "" && r.AnnotatorID != s.annotator {
				continue
			}
			info := annotations.DocInfo{ID: r.Meta.ID, Text: r.Text, Source: r.Meta.Source, Lang: r.Meta.Lang}
			e, err := t.entry(info.ID)
			if err != nil {
				return annotations.Change{}, err
			}
			if e != nil {
				continue
			}
			ch := annotations.Change{Name: "import", Doc: info.ID, NewDoc: &info}
			for i := range r.Spans {
				ch.Muts = append(ch.Muts, annotations.Mut{Doc: info.ID, Span: &r.Spans[i]})
			}
			for i := range r.Claims {
				ch.Muts = append(ch.Muts, annotations.Mut{Doc: info.ID, Claim: &r.Claims[i]})
			}
			if r.Answer != "" {
				a := r.Answer
				ch.Muts = append(ch.Muts, annotations.Mut{Doc: info.ID, Answer: &a})
			}
			if err := t.commit(ch, nil, annotations.Touch{Doc: info}); err != nil {
				return ch, fmt.Errorf("importing document %q: %w", info.ID, err)
			}
			n++
		}
		return annotations.Change{}, nil
	})
	return n, err
}

// HasWork reports whether this annotator has any document in the database.
func (s *Session) HasWork() (bool, error) {
	var n int
	err := s.db.sql.QueryRow(`SELECT EXISTS (SELECT 1 FROM doc_state WHERE annotator = ?)`, s.annID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("database %s: %w", s.db.path, err)
	}
	return n == 1, nil
}
