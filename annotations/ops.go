package annotations

import (
	"errors"
	"fmt"
	"strings"
)

// ErrUnchanged means an edit would leave everything as it is: nothing was
// journalled and no undo step was recorded. Its message says why («بوتين» is
// already PERSON); callers show it rather than report a failure.
var ErrUnchanged = errors.New("nothing changed")

// commit is the single path by which user actions change state: it applies
// muts (all or nothing), journals them durably and records the undo step on
// undoDoc. If the journal write fails the change stays in memory and in the
// pending queue, and the error says so: nothing is lost, the write is
// retried by the next change, Flush or Close.
func (s *Store) commit(op, undoDoc string, doc *DocInfo, muts []mut, undoable bool) error {
	if len(muts) > 0 && (doc == nil || s.docs[doc.ID] != nil) && s.changesNothing(muts) {
		return fmt.Errorf("%s: %w", op, ErrUnchanged)
	}
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

// changesNothing reports whether every mutation puts what is already there.
func (s *Store) changesNothing(muts []mut) bool {
	for _, m := range muts {
		if s.docs[m.Doc] == nil || !sameState(s.current(m), m) {
			return false
		}
	}
	return true
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
	if same := sameExtent(d, start, end, ""); len(same) > 0 {
		return s.relabel(d, same, label)
	}
	err = s.commit("add-span", doc.ID, &doc, []mut{{Doc: doc.ID, Span: &sp}}, true)
	return sp, err
}

// SetLabel changes the label of a span, keeping its ID and extent; the same
// label again is ErrUnchanged. Like AddSpan on the span's extent.
func (s *Store) SetLabel(docID, spanID, label string) (Span, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, err := s.doc(docID)
	if err != nil {
		return Span{}, err
	}
	if strings.TrimSpace(label) == "" {
		return Span{}, fmt.Errorf("empty label")
	}
	sp, ok := d.spans[spanID]
	if !ok {
		return Span{}, fmt.Errorf("document %q has no span %q", docID, spanID)
	}
	return s.relabel(d, sameExtent(d, sp.Start, sp.End, spanID), label)
}

// sameExtent lists the spans covering exactly [start,end), first the one
// named first (if any), then by ID. Spans are one layer, claims another:
// one extent holds at most one span.
func sameExtent(d *docState, start, end int, first string) []Span {
	var out []Span
	for _, sp := range sortedSpans(d.spans) {
		if sp.Start == start && sp.End == end {
			if sp.ID == first {
				out = append([]Span{sp}, out...)
			} else {
				out = append(out, sp)
			}
		}
	}
	return out
}

// relabel gives the first of same (spans of one extent) the label and
// removes the others (left by versions that stacked spans), in one undoable
// step; a span that already has the label and no twin is ErrUnchanged.
func (s *Store) relabel(d *docState, same []Span, label string) (Span, error) {
	doc := d.info.ID
	keep := same[0]
	for _, sp := range same {
		if sp.Label == label {
			keep = sp
			break
		}
	}
	if keep.Label == label && len(same) == 1 {
		return keep, fmt.Errorf("%w: «%s» is already %s", ErrUnchanged, keep.Text, label)
	}
	old := keep.Label
	keep.Label = label
	muts := []mut{{Doc: doc, Span: &keep}}
	for _, sp := range same {
		if sp.ID != keep.ID {
			muts = append(muts, s.dropSpan(d, sp, keep.ID)...)
		}
	}
	op := "set-label " + old + "→" + label
	return keep, s.commit(op, doc, nil, muts, true)
}

// dropSpan deletes sp; claims naming it as claimant move to the span into
// ("" keeps the claimant's text without a span).
func (s *Store) dropSpan(d *docState, sp Span, into string) []mut {
	doc := d.info.ID
	muts := []mut{{Doc: doc, DelID: sp.ID}}
	for _, c := range sortedClaims(d.claims) {
		if c.Claimant.SpanID == sp.ID {
			c.Claimant.SpanID = into
			if c.Claimant.Text == "" {
				c.Claimant.Text = sp.Text
			}
			muts = append(muts, mut{Doc: doc, Claim: &c})
		}
	}
	return muts
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
	return s.commit("remove-span", docID, nil, s.dropSpan(d, sp, ""), true)
}

// ResizeSpan moves a span's boundaries, keeping its ID and label. Spans of
// the same label that the new extent overlaps are merged into it (the
// extent grows to cover them; their claimants move to it), in one undoable
// step. A new extent equal to a span of another label is refused: relabel
// that span instead.
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
	if start == old.Start && end == old.End {
		return old, fmt.Errorf("%w: %s «%s» already has that extent", ErrUnchanged, old.Label, old.Text)
	}
	merged := map[string]Span{}
	for grew := true; grew; { // a merged span may reach one more
		grew = false
		for _, o := range sortedSpans(d.spans) {
			if o.ID != spanID && o.Label == old.Label && merged[o.ID].ID == "" && o.Start < end && start < o.End {
				merged[o.ID] = o
				start, end, grew = min(start, o.Start), max(end, o.End), true
			}
		}
	}
	sp, err := makeSpan(d, spanID, old.Label, start, end)
	if err != nil {
		return Span{}, err
	}
	for _, o := range sortedSpans(d.spans) {
		if o.ID != spanID && merged[o.ID].ID == "" && o.Start == start && o.End == end {
			return old, fmt.Errorf("%s «%s» [%d,%d) is already %s (%s): tag it to relabel, or remove one", old.Label, sp.Text, start, end, o.Label, o.ID)
		}
	}
	muts := []mut{{Doc: docID, Span: &sp}}
	op := "resize-span"
	for _, o := range sortedSpans(merged) {
		muts = append(muts, s.dropSpan(d, o, spanID)...)
		op = "resize-span (merged)"
	}
	return sp, s.commit(op, docID, nil, muts, true)
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
	if s.docs[docID].answer == answer {
		return fmt.Errorf("%w: document %q is already marked %q", ErrUnchanged, docID, answer)
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
	if errors.Is(err, ErrUnchanged) {
		err = nil // already in that state: only the history moves
	}
	if err != nil && !IsNotDurable(err) {
		return err // not applied
	}
	*from = (*from)[:len(*from)-1]
	*to = append(*to, st)
	return err
}
