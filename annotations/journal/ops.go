package journal

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashiya/hashiya/annotations"
)

func (s *Store) doc(id string) (*docState, error) {
	if s.closed {
		return nil, ErrClosed
	}
	d := s.docs[id]
	if d == nil {
		return nil, fmt.Errorf("%w %q", annotations.ErrUnknownDoc, id)
	}
	return d, nil
}

// commit is the single path by which user actions change state: it applies
// the change's mutations (all or nothing, undone with inverse on failure),
// journals them durably and records the undo step. If the journal write
// fails the change stays in memory and in the pending queue, and the error
// says so: nothing is lost, the write is retried by the next change, Flush
// or Close.
func (s *Store) commit(ch annotations.Change, inverse []mut) error {
	e := entry{TS: s.now().UnixMilli(), Op: ch.Name, Muts: ch.Muts}
	if ch.NewDoc != nil {
		if err := s.addDoc(*ch.NewDoc); err != nil {
			return err
		}
		info := *ch.NewDoc
		e.Doc = &info
		s.docs[info.ID].SetUpdated(e.TS)
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
	n := len(ch.Muts)
	for i, m := range ch.Muts {
		if err := s.apply(m, e.TS); err != nil {
			s.revert(inverse[n-i:], e.TS)
			undoNewDoc()
			return err
		}
	}
	if err := s.queue(e); err != nil {
		s.revert(inverse, e.TS)
		undoNewDoc()
		return err
	}
	if ch.Undoable {
		d := s.docs[ch.Doc]
		d.undo = append(d.undo, undoStep{op: ch.Name, before: inverse, after: ch.Muts})
		d.redo = nil
	}
	return s.syncPending()
}

// revert applies an inverse (already in the order to apply).
func (s *Store) revert(inverse []mut, ts int64) {
	for _, m := range inverse {
		_ = s.apply(m, ts)
	}
}

// run applies op through the domain and commits the change.
func (s *Store) run(op annotations.Op) (annotations.Change, error) {
	if s.closed {
		return annotations.Change{}, ErrClosed
	}
	ch, inv, err := annotations.Apply(storeState{s}, op)
	if err != nil || ch.Empty() {
		return ch, err
	}
	return ch, s.commit(ch, inv)
}

func spanOf(ch annotations.Change) annotations.Span {
	if ch.Span == nil {
		return annotations.Span{}
	}
	return *ch.Span
}

func claimOf(ch annotations.Change) annotations.Claim {
	if ch.Claim == nil {
		return annotations.Claim{}
	}
	return *ch.Claim
}

// Touch registers a document (journalling its text) without annotating it,
// e.g. before SetAnswer on an unannotated document.
func (s *Store) Touch(doc annotations.DocInfo) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.run(annotations.Touch{Doc: doc})
	return err
}

// AddSpan labels text[start:end] of doc (code points, end exclusive). The
// first call for a document journals its full text.
func (s *Store) AddSpan(doc annotations.DocInfo, label string, start, end int) (annotations.Span, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, err := s.run(annotations.AddSpan{Doc: doc, Label: label, Start: start, End: end})
	return spanOf(ch), err
}

// SetLabel changes the label of a span, keeping its ID and extent; the same
// label again is ErrUnchanged. Like AddSpan on the span's extent.
func (s *Store) SetLabel(docID, spanID, label string) (annotations.Span, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, err := s.run(annotations.SetLabel{Doc: docID, Span: spanID, Label: label})
	return spanOf(ch), err
}

// RemoveSpan deletes a span; claims naming it as claimant keep the
// claimant's text but lose the span reference.
func (s *Store) RemoveSpan(docID, spanID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if strings.HasPrefix(spanID, "c") { // Remove would take it for a claim
		if _, err := s.doc(docID); err != nil {
			return err
		}
		return fmt.Errorf("document %q has no span %q", docID, spanID)
	}
	_, err := s.run(annotations.Remove{Doc: docID, ID: spanID})
	return err
}

// ResizeSpan moves a span's boundaries, keeping its ID and label. Spans of
// the same label that the new extent overlaps are merged into it (the
// extent grows to cover them; their claimants move to it), in one undoable
// step. A new extent equal to a span of another label is refused: relabel
// that span instead.
func (s *Store) ResizeSpan(docID, spanID string, start, end int) (annotations.Span, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, err := s.run(annotations.Resize{Doc: docID, Span: spanID, Start: start, End: end})
	return spanOf(ch), err
}

// SetAnswer records accept, reject or ignore ("" clears) for a known
// document (use Touch first for one without annotations).
func (s *Store) SetAnswer(docID, answer string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.run(annotations.Answer{Doc: docID, Answer: answer})
	return err
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
	ch, inv, err := annotations.Revert(storeState{s}, annotations.Step{Name: st.op, Before: st.before, After: st.after}, undo)
	if err == nil {
		ch.Doc, ch.Undoable = docID, false
		err = s.commit(ch, inv)
	} else if errors.Is(err, annotations.ErrUnchanged) {
		err = nil // already in that state: only the history moves
	}
	if err != nil && !IsNotDurable(err) {
		return err // not applied
	}
	*from = (*from)[:len(*from)-1]
	*to = append(*to, st)
	return err
}
