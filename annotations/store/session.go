package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/hashiya/hashiya/annotations"
)

// Session is one annotator's edits on one database. Its methods are safe for
// concurrent use; each edit is committed before it returns.
type Session struct {
	db        *DB
	annotator string
	name      string
	annID     int64
	sessID    int64

	mu     sync.Mutex
	cache  map[string]*docEntry // committed states of recent documents
	closed bool
	// shared: gold's session on PostgreSQL, which reviewers on every server
	// write at once; it holds no lease and keeps no cache (another server
	// may have changed any document since), reading each under the lock.
	shared bool

	stop, stopped chan struct{}
	closer        closeOnce
}

var _ annotations.Session = (*Session)(nil)

// docEntry is one document's committed state for this annotator, with its
// row ID and undo position (steps 0..pos-1 undoable, pos..n-1 redoable).
type docEntry struct {
	row    int64
	st     *annotations.DocState
	pos, n int
}

func (e *docEntry) clone() *docEntry {
	c := *e
	c.st = e.st.Clone()
	return &c
}

// cacheLimit bounds the documents a session keeps decoded between edits.
const cacheLimit = 64

// Annotator is the name the session's records carry.
func (s *Session) Annotator() string { return s.annotator }

// Name is the session name records carry as _session_id.
func (s *Session) Name() string { return s.name }

// Apply commits op: the operation, its mutations, their inverse and the new
// state, in one transaction that is durable when Apply returns. An edit
// that changes nothing (ErrUnchanged) writes nothing.
func (s *Session) Apply(op annotations.Op) (annotations.Change, error) {
	switch o := op.(type) {
	case annotations.Undo:
		return s.Undo(o.Doc)
	case annotations.Redo:
		return s.Redo(o.Doc)
	}
	return s.run(func(t *txState) (annotations.Change, error) {
		ch, inv, err := annotations.Apply(t, op)
		if err != nil || ch.Empty() {
			return ch, err
		}
		if err := t.commit(ch, inv, op); err != nil {
			return ch, err
		}
		if ch.Undoable {
			return ch, t.pushHistory(ch.Doc)
		}
		return ch, nil
	})
}

// ApplyAll commits ops in one transaction: all of them or none (an import
// of a file, or a generated project). Undo and Redo are not accepted here;
// an op that changes nothing is skipped. Changes are in the order of ops.
func (s *Session) ApplyAll(ops []annotations.Op) ([]annotations.Change, error) {
	var out []annotations.Change
	_, err := s.run(func(t *txState) (annotations.Change, error) {
		var err error
		out, err = t.applyAll(ops)
		return annotations.Change{}, err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// applyAll applies ops in the transaction, as ApplyAll describes.
func (t *txState) applyAll(ops []annotations.Op) ([]annotations.Change, error) {
	out := make([]annotations.Change, 0, len(ops))
	for i, op := range ops {
		ch, err := t.apply(op)
		if err != nil {
			return nil, fmt.Errorf("operation %d (%s): %w", i+1, op.Kind(), err)
		}
		out = append(out, ch)
	}
	return out, nil
}

// apply applies and records one operation (not Undo or Redo); one that
// changes nothing is no error.
func (t *txState) apply(op annotations.Op) (annotations.Change, error) {
	ch, inv, err := annotations.Apply(t, op)
	if errors.Is(err, annotations.ErrUnchanged) {
		return ch, nil
	}
	if err == nil && !ch.Empty() {
		err = t.commit(ch, inv, op)
		if err == nil && ch.Undoable {
			err = t.pushHistory(ch.Doc)
		}
	}
	return ch, err
}

// Undo reverts the last change recorded in doc's history (which survives
// restarts). If an object it would restore was changed since by a change
// recorded in another document (a link), Undo refuses.
func (s *Session) Undo(doc string) (annotations.Change, error) { return s.undoRedo(doc, true) }

// Redo re-applies the last change undone in doc.
func (s *Session) Redo(doc string) (annotations.Change, error) { return s.undoRedo(doc, false) }

func (s *Session) undoRedo(doc string, undo bool) (annotations.Change, error) {
	return s.run(func(t *txState) (annotations.Change, error) {
		e, err := t.entry(doc)
		if err != nil {
			return annotations.Change{}, err
		}
		if e == nil {
			return annotations.Change{}, fmt.Errorf("%w %q", annotations.ErrUnknownDoc, doc)
		}
		verb, idx, next := "undo", e.pos-1, e.pos-1
		var op annotations.Op = annotations.Undo{Doc: doc}
		if !undo {
			verb, idx, next, op = "redo", e.pos, e.pos+1, annotations.Redo{Doc: doc}
		}
		if idx < 0 || idx >= e.n {
			return annotations.Change{}, fmt.Errorf("nothing to %s in %q", verb, doc)
		}
		var step annotations.Step
		var change, inverse []byte
		if err := t.q.QueryRowContext(t.ctx, `SELECT o.name, o.change, o.inverse FROM history h JOIN ops o ON o.seq = h.seq
			WHERE h.annotator = ? AND h.doc = ? AND h.pos = ?`, t.s.annID, e.row, idx).Scan(&step.Name, &change, &inverse); err != nil {
			return annotations.Change{}, fmt.Errorf("history of %q: %w", doc, err)
		}
		if err := json.Unmarshal(change, &step.After); err != nil {
			return annotations.Change{}, fmt.Errorf("history of %q: %w", doc, err)
		}
		if err := json.Unmarshal(inverse, &step.Before); err != nil {
			return annotations.Change{}, fmt.Errorf("history of %q: %w", doc, err)
		}
		ch, inv, err := annotations.Revert(t, step, undo)
		switch {
		case errors.Is(err, annotations.ErrUnchanged):
			// already in that state: only the history moves
		case err != nil:
			return ch, err
		default:
			ch.Doc = doc
			if err := t.commit(ch, inv, op); err != nil {
				return ch, err
			}
		}
		e.pos = next
		t.dirty[doc] = true
		_, err = t.q.ExecContext(t.ctx, "UPDATE doc_state SET undo_pos = ? WHERE annotator = ? AND doc = ?", e.pos, t.s.annID, e.row)
		return ch, err
	})
}

// run executes fn in a write transaction that first renews the lease. The
// documents fn changed enter the cache only once the commit succeeded.
func (s *Session) run(fn func(t *txState) (annotations.Change, error)) (annotations.Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return annotations.Change{}, errors.New("session is closed")
	}
	var ch annotations.Change
	var t *txState
	uid := newUID()
	err := s.db.write(func(ctx context.Context, q querier) error {
		if err := s.renewLease(ctx, q); err != nil {
			return err
		}
		t = &txState{s: s, ctx: ctx, q: q, docs: map[string]*docEntry{}, dirty: map[string]bool{}, uid: uid}
		var err error
		ch, err = fn(t)
		return err
	})
	if err != nil {
		if s.db.pg {
			// Whether a broken connection's commit happened may be unknown:
			// read the documents again.
			clear(s.cache)
		}
		return ch, err
	}
	for id, e := range t.docs {
		if e != nil && t.dirty[id] {
			s.remember(id, e)
		}
	}
	return ch, nil
}

func (s *Session) remember(id string, e *docEntry) {
	if s.shared {
		return
	}
	if _, ok := s.cache[id]; !ok && len(s.cache) >= cacheLimit {
		for k := range s.cache { // any one: the reader reloads what it needs
			delete(s.cache, k)
			break
		}
	}
	s.cache[id] = e
}

// Doc loads one document's state for this annotator; a document it never
// touched is an ErrUnknownDoc error. Only that document is read.
func (s *Session) Doc(id string) (annotations.DocView, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return annotations.DocView{}, errors.New("session is closed")
	}
	e := s.cache[id]
	if e == nil {
		var err error
		if err = s.db.retryRead(func() error {
			e, err = loadDoc(context.Background(), s.db.rq, s.annID, id)
			return err
		}); err != nil {
			return annotations.DocView{}, fmt.Errorf("database %s: %w", s.db.path, err)
		}
		if e == nil {
			return annotations.DocView{}, fmt.Errorf("%w %q", annotations.ErrUnknownDoc, id)
		}
		s.remember(id, e)
	}
	v := e.st.View()
	v.CanUndo, v.CanRedo = e.pos > 0, e.pos < e.n
	return v, nil
}

// Close releases the lease and ends the session.
func (s *Session) Close() error {
	s.closer.once.Do(func() {
		close(s.stop)
		<-s.stopped
		s.mu.Lock()
		defer s.mu.Unlock()
		s.closed = true
		s.closer.err = s.db.write(func(ctx context.Context, q querier) error {
			if err := s.db.lockAnnotator(ctx, q, s.annID); err != nil {
				return err
			}
			if _, err := q.ExecContext(ctx, "DELETE FROM leases WHERE annotator = ? AND session = ?", s.annID, s.sessID); err != nil {
				return err
			}
			_, err := q.ExecContext(ctx, "UPDATE sessions SET ended = ? WHERE id = ?", s.db.now().UnixMilli(), s.sessID)
			return err
		})
		s.db.smu.Lock()
		delete(s.db.sessions, s)
		s.db.smu.Unlock()
	})
	return s.closer.err
}

// loadDoc reads one document's state; nil if the annotator never touched it.
func loadDoc(ctx context.Context, q querier, annID int64, docID string) (*docEntry, error) {
	var e docEntry
	var info annotations.DocInfo
	var updated int64
	var nextSpan, nextClaim int
	var answer string
	err := q.QueryRowContext(ctx, `SELECT d.id, d.text, d.source, d.lang, ds.updated, ds.next_span, ds.next_claim, ds.undo_pos,
			(SELECT count(*) FROM history h WHERE h.annotator = ds.annotator AND h.doc = ds.doc),
			COALESCE((SELECT answer FROM answers a WHERE a.annotator = ds.annotator AND a.doc = ds.doc), '')
		FROM documents d JOIN doc_state ds ON ds.doc = d.id AND ds.annotator = ? WHERE d.doc_id = ?`, annID, docID).
		Scan(&e.row, &info.Text, &info.Source, &info.Lang, &updated, &nextSpan, &nextClaim, &e.pos, &e.n, &answer)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	info.ID = docID
	spans, claims, err := loadAnnotations(ctx, q, annID, e.row)
	if err != nil {
		return nil, fmt.Errorf("document %q: %w", docID, err)
	}
	if e.st, err = annotations.RestoreDocState(info, spans, claims, answer, updated, nextSpan, nextClaim); err != nil {
		return nil, err
	}
	return &e, nil
}

// loadAnnotations reads one document's spans and claims by one annotator.
func loadAnnotations(ctx context.Context, q querier, annID, doc int64) ([]annotations.Span, []annotations.Claim, error) {
	var spans []annotations.Span
	if err := scanBodies(ctx, q, "SELECT body FROM spans WHERE annotator = ? AND doc = ?", annID, doc, func(b []byte) error {
		var sp annotations.Span
		err := json.Unmarshal(b, &sp)
		spans = append(spans, sp)
		return err
	}); err != nil {
		return nil, nil, err
	}
	var claims []annotations.Claim
	err := scanBodies(ctx, q, "SELECT body FROM claims WHERE annotator = ? AND doc = ?", annID, doc, func(b []byte) error {
		var c annotations.Claim
		err := json.Unmarshal(b, &c)
		claims = append(claims, c)
		return err
	})
	return spans, claims, err
}

func scanBodies(ctx context.Context, q querier, query string, annID, doc int64, each func([]byte) error) error {
	rows, err := q.QueryContext(ctx, query, annID, doc)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			return err
		}
		if err := each(b); err != nil {
			return err
		}
	}
	return rows.Err()
}
