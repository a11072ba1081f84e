package annotations

import (
	"fmt"
	"strings"
)

// commit is the single path by which user actions change state: it applies
// muts (all or nothing), journals them durably and records the undo step on
// undoDoc. If the journal write fails the change stays in memory and in the
// pending queue, and the error says so: nothing is lost, the write is
// retried by the next change, Flush or Close.
func (s *Store) commit(op, undoDoc string, doc *DocInfo, muts []mut, undoable bool) error {
	e := entry{TS: s.now().UnixMilli(), Op: op, Muts: muts}
	if doc != nil {
		if _, known := s.docs[doc.ID]; !known {
			if err := s.addDoc(*doc); err != nil {
				return err
			}
			info := *doc
			e.Doc = &info
			s.docs[doc.ID].updated = e.TS
		} else if err := s.addDoc(*doc); err != nil {
			return err
		}
	}
	// undo registers a document added above if the entry is not queued:
	// a document in memory but not in the journal would make later entries
	// unreplayable.
	undoNewDoc := func() {
		if e.Doc != nil {
			delete(s.docs, e.Doc.ID)
			s.order = s.order[:len(s.order)-1]
		}
	}
	before := make([]mut, 0, len(muts))
	for i, m := range muts {
		before = append(before, s.current(m))
		if err := s.apply(m, e.TS); err != nil {
			s.rollback(before[:i], e.TS)
			undoNewDoc()
			return err
		}
	}
	if err := s.queue(e); err != nil {
		s.rollback(before, e.TS)
		undoNewDoc()
		return err
	}
	if undoable {
		d := s.docs[undoDoc]
		rev := make([]mut, len(before))
		for i := range before {
			rev[len(before)-1-i] = before[i]
		}
		d.undo = append(d.undo, undoStep{op: op, before: rev, after: muts})
		d.redo = nil
	}
	return s.syncPending()
}

func (s *Store) doc(id string) (*docState, error) {
	if s.closed {
		return nil, ErrClosed
	}
	d := s.docs[id]
	if d == nil {
		return nil, fmt.Errorf("%w %q", ErrUnknownDoc, id)
	}
	return d, nil
}

// makeSpan validates [start,end) against the text and fills Text and tokens.
func makeSpan(d *docState, id, label string, start, end int) (Span, error) {
	if start < 0 || end <= start || end > d.runes {
		return Span{}, fmt.Errorf("span [%d,%d) is empty or outside text of %d code points", start, end, d.runes)
	}
	text, err := CodePointSlice(d.info.Text, start, end)
	if err != nil {
		return Span{}, err
	}
	ts, te, ok := tokenRange(d.toks(), start, end)
	if !ok {
		return Span{}, fmt.Errorf("span [%d,%d) covers only white space", start, end)
	}
	return Span{ID: id, Start: start, End: end, TokenStart: ts, TokenEnd: te, Label: label, Text: text}, nil
}

// Touch registers a document (journalling its text) without annotating it,
// e.g. before SetAnswer on an unannotated document.
func (s *Store) Touch(doc DocInfo) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	if _, ok := s.docs[doc.ID]; ok {
		return s.addDoc(doc) // only checks the text is unchanged
	}
	return s.commit("touch", doc.ID, &doc, nil, false)
}

// AddSpan labels text[start:end] of doc (code points, end exclusive). The
// first call for a document journals its full text.
func (s *Store) AddSpan(doc DocInfo, label string, start, end int) (Span, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return Span{}, ErrClosed
	}
	if strings.TrimSpace(label) == "" {
		return Span{}, fmt.Errorf("empty label")
	}
	if err := s.addDocCheck(doc); err != nil {
		return Span{}, err
	}
	d := s.docs[doc.ID]
	if d == nil {
		d = newDocState(doc) // validation only; commit registers it
	}
	sp, err := makeSpan(d, fmt.Sprintf("s%d", d.nextSpan), label, start, end)
	if err != nil {
		return Span{}, err
	}
	err = s.commit("add-span", doc.ID, &doc, []mut{{Doc: doc.ID, Span: &sp}}, true)
	return sp, err
}

// addDocCheck rejects a known ID whose text changed.
func (s *Store) addDocCheck(doc DocInfo) error {
	if doc.ID == "" {
		return fmt.Errorf("document without ID")
	}
	if d, ok := s.docs[doc.ID]; ok && d.info.Text != doc.Text {
		return s.addDoc(doc)
	}
	return nil
}

// RemoveSpan deletes a span; claims naming it as claimant keep the
// claimant's text but lose the span reference.
func (s *Store) RemoveSpan(docID, spanID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, err := s.doc(docID)
	if err != nil {
		return err
	}
	sp, ok := d.spans[spanID]
	if !ok {
		return fmt.Errorf("document %q has no span %q", docID, spanID)
	}
	muts := []mut{{Doc: docID, DelID: spanID}}
	for _, c := range sortedClaims(d.claims) {
		if c.Claimant.SpanID == spanID {
			c.Claimant.SpanID = ""
			if c.Claimant.Text == "" {
				c.Claimant.Text = sp.Text
			}
			muts = append(muts, mut{Doc: docID, Claim: &c})
		}
	}
	return s.commit("remove-span", docID, nil, muts, true)
}

// ResizeSpan moves a span's boundaries, keeping its ID and label.
func (s *Store) ResizeSpan(docID, spanID string, start, end int) (Span, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, err := s.doc(docID)
	if err != nil {
		return Span{}, err
	}
	old, ok := d.spans[spanID]
	if !ok {
		return Span{}, fmt.Errorf("document %q has no span %q", docID, spanID)
	}
	sp, err := makeSpan(d, spanID, old.Label, start, end)
	if err != nil {
		return Span{}, err
	}
	return sp, s.commit("resize-span", docID, nil, []mut{{Doc: docID, Span: &sp}}, true)
}

// SetAnswer records accept, reject or ignore ("" clears) for a known
// document (use Touch first for one without annotations).
func (s *Store) SetAnswer(docID, answer string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.doc(docID); err != nil {
		return err
	}
	switch answer {
	case "", AnswerAccept, AnswerReject, AnswerIgnore:
	default:
		return fmt.Errorf("answer %q is not accept, reject or ignore", answer)
	}
	return s.commit("answer", docID, nil, []mut{{Doc: docID, Answer: &answer}}, true)
}

// Undo reverts the last change made in docID (per document; history lasts
// for this session). If an object it would restore was changed since by an
// action recorded in another document (a link), Undo refuses.
func (s *Store) Undo(docID string) error { return s.undoRedo(docID, true) }

// Redo re-applies the last change undone in docID.
func (s *Store) Redo(docID string) error { return s.undoRedo(docID, false) }

func (s *Store) undoRedo(docID string, undo bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, err := s.doc(docID)
	if err != nil {
		return err
	}
	from, to, verb := &d.undo, &d.redo, "undo"
	if !undo {
		from, to, verb = &d.redo, &d.undo, "redo"
	}
	if len(*from) == 0 {
		return fmt.Errorf("nothing to %s in %q", verb, docID)
	}
	st := (*from)[len(*from)-1]
	want, next := st.after, st.before
	if !undo {
		want, next = st.before, st.after
	}
	for _, m := range want {
		if !sameState(s.current(m), m) {
			return fmt.Errorf("cannot %s %s: document %q changed it since", verb, st.op, m.Doc)
		}
	}
	err = s.commit(verb+" "+st.op, docID, nil, next, false)
	if err != nil && !IsNotDurable(err) {
		return err // not applied
	}
	*from = (*from)[:len(*from)-1]
	*to = append(*to, st)
	return err
}
