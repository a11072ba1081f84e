package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/hashiya/hashiya/annotations"
)

// txState is the annotator's documents as one write transaction sees them:
// the State operations read, loaded document by document. Entries are
// copies, so a rolled-back transaction leaves the session's cache as it was.
type txState struct {
	s     *Session
	ctx   context.Context
	q     querier
	docs  map[string]*docEntry // nil value: known not to exist
	dirty map[string]bool      // documents whose entry changed
	// lastSeq is the operation log row of the last commit.
	lastSeq int64
	// uid names this write's operations (uid.1, uid.2, ...) in ops.uid, the
	// same in every retry of the write.
	uid  string
	nops int
}

func (t *txState) entry(id string) (*docEntry, error) {
	if e, ok := t.docs[id]; ok {
		return e, nil
	}
	var e *docEntry
	if c := t.s.cache[id]; c != nil {
		e = c.clone()
	} else {
		var err error
		if e, err = loadDoc(t.ctx, t.q, t.s.annID, id); err != nil {
			return nil, err
		}
	}
	t.docs[id] = e
	return e, nil
}

// Doc implements annotations.State.
func (t *txState) Doc(id string) (*annotations.DocState, error) {
	e, err := t.entry(id)
	if e == nil || err != nil {
		return nil, err
	}
	return e.st, nil
}

// ClusterMembers implements annotations.State with one indexed query.
func (t *txState) ClusterMembers(cluster string) ([]annotations.ClaimAt, error) {
	rows, err := t.q.QueryContext(t.ctx, `SELECT d.doc_id, c.claim_id FROM claims c JOIN documents d ON d.id = c.doc
		WHERE c.annotator = ? AND c.cluster = ? ORDER BY c.doc, c.claim_id`, t.s.annID, cluster)
	if err != nil {
		return nil, err
	}
	type ref struct{ doc, claim string }
	var refs []ref
	for rows.Next() {
		var r ref
		if err := rows.Scan(&r.doc, &r.claim); err != nil {
			rows.Close()
			return nil, err
		}
		refs = append(refs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []annotations.ClaimAt
	for _, r := range refs {
		d, err := t.Doc(r.doc)
		if err != nil {
			return nil, err
		}
		for _, c := range d.Claims() {
			if c.ID == r.claim {
				out = append(out, annotations.ClaimAt{Doc: r.doc, Claim: c})
			}
		}
	}
	return out, nil
}

// commit writes one change: the document on first touch, the new state of
// every document it changes, and the operation log row.
func (t *txState) commit(ch annotations.Change, inverse []annotations.Mut, op annotations.Op) error {
	ts := t.s.db.now().UnixMilli()
	touched := map[string]bool{}
	if ch.NewDoc != nil {
		touched[ch.NewDoc.ID] = true
		if err := t.register(*ch.NewDoc, ts); err != nil {
			return err
		}
	}
	for _, m := range ch.Muts {
		e, err := t.entry(m.Doc)
		if err != nil {
			return err
		}
		if e == nil {
			return fmt.Errorf("%w %q", annotations.ErrUnknownDoc, m.Doc)
		}
		if err := e.st.Put(m, ts); err != nil {
			return err
		}
		if err := t.writeMut(e, m); err != nil {
			return err
		}
		t.dirty[m.Doc] = true
		touched[m.Doc] = true
	}
	for id := range touched {
		e := t.docs[id]
		ns, nc := e.st.NextIDs()
		if _, err := t.q.ExecContext(t.ctx, `UPDATE doc_state SET session = ?, updated = ?, next_span = ?, next_claim = ?
			WHERE annotator = ? AND doc = ?`, t.s.sessID, e.st.Updated(), ns, nc, t.s.annID, e.row); err != nil {
			return err
		}
	}
	opJSON, err := annotations.EncodeOp(op)
	if err != nil {
		return err
	}
	change, err := json.Marshal(ch.Muts)
	if err != nil {
		return err
	}
	inv, err := json.Marshal(inverse)
	if err != nil {
		return err
	}
	e, err := t.entry(ch.Doc)
	if err != nil || e == nil {
		return fmt.Errorf("document %q of %s: %w", ch.Doc, ch.Name, errors.Join(err, annotations.ErrUnknownDoc))
	}
	t.nops++
	if t.nops == 1 && t.s.db.pg { // delivered to every server's listener at COMMIT
		if _, err := t.q.ExecContext(t.ctx, "SELECT pg_notify(?, '')", pgChannel); err != nil {
			return err
		}
	}
	return t.q.QueryRowContext(t.ctx, `INSERT INTO ops (annotator, session, ts, doc, name, op, change, inverse, uid)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`, t.s.annID, t.s.sessID, ts, e.row, ch.Name, opJSON, change, inv,
		t.uid+"."+strconv.Itoa(t.nops)).Scan(&t.lastSeq)
}

// newUID is a fresh random ID for one write's operations.
func newUID() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// register stores a document's text once per project (refusing a known ID
// with another text) and starts this annotator's state for it.
func (t *txState) register(info annotations.DocInfo, ts int64) error {
	sum := sha256.Sum256([]byte(info.Text))
	sha := hex.EncodeToString(sum[:])
	var row int64
	var have string
	err := t.q.QueryRowContext(t.ctx, "SELECT id, text_sha256 FROM documents WHERE doc_id = ?", info.ID).Scan(&row, &have)
	if errors.Is(err, sql.ErrNoRows) {
		// Another server's annotator may store it first (PostgreSQL): then
		// this inserts nothing and the row is read again.
		err = t.q.QueryRowContext(t.ctx, `INSERT INTO documents (doc_id, text, text_sha256, source, lang) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (doc_id) DO NOTHING RETURNING id, text_sha256`, info.ID, info.Text, sha, info.Source, info.Lang).Scan(&row, &have)
		if errors.Is(err, sql.ErrNoRows) {
			err = t.q.QueryRowContext(t.ctx, "SELECT id, text_sha256 FROM documents WHERE doc_id = ?", info.ID).Scan(&row, &have)
		}
	}
	switch {
	case err != nil:
		return err
	case have != sha:
		return fmt.Errorf("document %q: text differs from the text stored for it (sha256 %s…, now %s…); refusing to mix offsets",
			info.ID, have[:12], sha[:12])
	}
	if _, err := t.q.ExecContext(t.ctx, `INSERT INTO doc_state (annotator, doc, session, updated, next_span, next_claim)
		VALUES (?, ?, ?, ?, 1, 1)`, t.s.annID, row, t.s.sessID, ts); err != nil {
		return err
	}
	st := annotations.NewDocState(info)
	if err := st.Put(annotations.Mut{Doc: info.ID, Answer: new(string)}, ts); err != nil {
		return err
	}
	t.docs[info.ID] = &docEntry{row: row, st: st}
	t.dirty[info.ID] = true
	return nil
}

// writeMut mirrors one applied mutation in the state tables.
func (t *txState) writeMut(e *docEntry, m annotations.Mut) error {
	a, d := t.s.annID, e.row
	exec := func(q string, args ...any) error {
		_, err := t.q.ExecContext(t.ctx, q, args...)
		return err
	}
	switch {
	case m.Answer != nil && *m.Answer == "":
		return exec("DELETE FROM answers WHERE annotator = ? AND doc = ?", a, d)
	case m.Answer != nil:
		return exec(`INSERT INTO answers (annotator, doc, answer) VALUES (?, ?, ?)
			ON CONFLICT (annotator, doc) DO UPDATE SET answer = excluded.answer`, a, d, *m.Answer)
	case m.Span != nil:
		body, err := json.Marshal(m.Span)
		if err != nil {
			return err
		}
		return exec(`INSERT INTO spans (annotator, doc, span_id, start, "end", label, body) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (annotator, doc, span_id) DO UPDATE SET start = excluded.start, "end" = excluded."end",
				label = excluded.label, body = excluded.body`, a, d, m.Span.ID, m.Span.Start, m.Span.End, m.Span.Label, body)
	case m.Claim != nil:
		body, err := json.Marshal(m.Claim)
		if err != nil {
			return err
		}
		if err := exec(`INSERT INTO claims (annotator, doc, claim_id, start, "end", cluster, body) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (annotator, doc, claim_id) DO UPDATE SET start = excluded.start, "end" = excluded."end",
				cluster = excluded.cluster, body = excluded.body`, a, d, m.Claim.ID, m.Claim.Span.Start, m.Claim.Span.End, m.Claim.Cluster, body); err != nil {
			return err
		}
		if err := exec("DELETE FROM links WHERE annotator = ? AND from_doc = ? AND from_claim = ?", a, d, m.Claim.ID); err != nil {
			return err
		}
		for _, l := range m.Claim.Links {
			r, err := annotations.ParseClaimRef(l.To)
			if err != nil {
				return fmt.Errorf("claim %s: %w", m.Claim.ID, err)
			}
			if err := exec(`INSERT INTO links (annotator, from_doc, from_claim, to_doc, to_annotator, to_claim, relation)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, a, d, m.Claim.ID, r.Doc, r.Annotator, r.Claim, l.Relation); err != nil {
				return err
			}
		}
		return nil
	case len(m.DelID) > 0 && m.DelID[0] == 's':
		return exec("DELETE FROM spans WHERE annotator = ? AND doc = ? AND span_id = ?", a, d, m.DelID)
	case len(m.DelID) > 0 && m.DelID[0] == 'c':
		return exec("DELETE FROM claims WHERE annotator = ? AND doc = ? AND claim_id = ?", a, d, m.DelID) // links cascade
	}
	return fmt.Errorf("empty mutation for %q", m.Doc)
}

// pushHistory records the change just logged as the next undo step of doc,
// dropping the steps that could have been redone.
func (t *txState) pushHistory(doc string) error {
	e, err := t.entry(doc)
	if err != nil || e == nil {
		return errors.Join(err, fmt.Errorf("%w %q", annotations.ErrUnknownDoc, doc))
	}
	if _, err := t.q.ExecContext(t.ctx, "DELETE FROM history WHERE annotator = ? AND doc = ? AND pos >= ?", t.s.annID, e.row, e.pos); err != nil {
		return err
	}
	if _, err := t.q.ExecContext(t.ctx, "INSERT INTO history (annotator, doc, pos, seq) VALUES (?, ?, ?, ?)", t.s.annID, e.row, e.pos, t.lastSeq); err != nil {
		return err
	}
	e.pos++
	e.n = e.pos
	t.dirty[doc] = true
	_, err = t.q.ExecContext(t.ctx, "UPDATE doc_state SET undo_pos = ? WHERE annotator = ? AND doc = ?", e.pos, t.s.annID, e.row)
	return err
}
