package annotations

// Doc returns a copy of one document's annotations; ok is false for a
// document never touched in this store.
func (s *Store) Doc(docID string) (DocView, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[docID]
	if d == nil {
		return DocView{}, false
	}
	v := DocView{
		Info: d.info, Spans: sortedSpans(d.spans), Claims: sortedClaims(d.claims),
		Answer: d.answer, CanUndo: len(d.undo) > 0, CanRedo: len(d.redo) > 0,
	}
	v.Tokens = alignTokens(d.toks(), v.Spans, v.Claims) // as in the record
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
func (s *Store) Spans(docID string, start, end int) []Span {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[docID]
	if d == nil {
		return nil
	}
	var out []Span
	for _, sp := range sortedSpans(d.spans) {
		if overlaps(sp, start, end) {
			out = append(out, sp)
		}
	}
	return out
}

// Claims returns the claims of docID whose span overlaps [start,end).
func (s *Store) Claims(docID string, start, end int) []Claim {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[docID]
	if d == nil {
		return nil
	}
	var out []Claim
	for _, c := range sortedClaims(d.claims) {
		if overlaps(c.Span, start, end) {
			out = append(out, c)
		}
	}
	return out
}

func overlaps(sp Span, start, end int) bool {
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
		if d.answer != "" {
			out[d.answer]++
		}
	}
	return out
}
