package journal

import "github.com/hashiya/hashiya/annotations"

// Doc returns a copy of one document's annotations; ok is false for a
// document never touched in this store.
func (s *Store) Doc(docID string) (annotations.DocView, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[docID]
	if d == nil {
		return annotations.DocView{}, false
	}
	v := d.View() // tokens aligned as in the record
	v.CanUndo, v.CanRedo = len(d.undo) > 0, len(d.redo) > 0
	return v, true
}

// Docs lists the IDs of documents in the store, in first-touch order.
func (s *Store) Docs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.order...)
}

// Spans returns the spans of docID overlapping [start,end), sorted by start.
// A zero-width range (start == end) returns spans containing that offset.
func (s *Store) Spans(docID string, start, end int) []annotations.Span {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[docID]
	if d == nil {
		return nil
	}
	var out []annotations.Span
	for _, sp := range d.Spans() {
		if overlaps(sp, start, end) {
			out = append(out, sp)
		}
	}
	return out
}

// Claims returns the claims of docID whose span overlaps [start,end).
func (s *Store) Claims(docID string, start, end int) []annotations.Claim {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[docID]
	if d == nil {
		return nil
	}
	var out []annotations.Claim
	for _, c := range d.Claims() {
		if overlaps(c.Span, start, end) {
			out = append(out, c)
		}
	}
	return out
}

func overlaps(sp annotations.Span, start, end int) bool {
	if start == end {
		return sp.Start <= start && start < sp.End
	}
	return sp.Start < end && start < sp.End
}

// AnswerCounts counts the documents of this store by answer (accept, reject, ignore);
// cheap enough for a status line drawn every frame.
func (s *Store) AnswerCounts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	for _, d := range s.docs {
		if d.Answer() != "" {
			out[d.Answer()]++
		}
	}
	return out
}
