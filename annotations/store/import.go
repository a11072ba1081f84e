package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"time"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/record"
)

// ImportSource identifies a file brought in by hashiya import.
type ImportSource struct {
	Name   string // the path as given
	Size   int64
	SHA256 string // hex, of the bytes read
	Format string
	// Own are sessions of this DB whose annotators' records go in under
	// their leases (the reader bringing in its own previous work); any
	// other annotator held by a session is refused.
	Own []*Session
}

// ImportCounts is what an import brought in.
type ImportCounts struct {
	Documents, Spans, Claims, Answers int
}

// Imported is a recorded import.
type Imported struct {
	ImportSource
	ImportCounts
	At time.Time
}

// AlreadyImportedError refuses a file whose content was imported before.
type AlreadyImportedError struct {
	DB       string
	File     string
	Previous Imported
}

func (e *AlreadyImportedError) Error() string {
	return fmt.Sprintf("%s: already imported into %s on %s (as %s, %d documents); nothing imported again",
		e.File, e.DB, e.Previous.At.UTC().Format("2006-01-02 15:04:05 UTC"), e.Previous.Name, e.Previous.Documents)
}

// FindImport returns the recorded import of the content with this sha256,
// or nil.
func (db *DB) FindImport(sha string) (*Imported, error) {
	return findImport(context.Background(), db.rq, sha)
}

func findImport(ctx context.Context, q querier, sha string) (*Imported, error) {
	var im Imported
	var at int64
	err := q.QueryRowContext(ctx, `SELECT name, size, sha256, format, imported, documents, spans, claims, answers
		FROM imports WHERE sha256 = ?`, sha).Scan(&im.Name, &im.Size, &im.SHA256, &im.Format, &at,
		&im.Documents, &im.Spans, &im.Claims, &im.Answers)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	im.At = time.UnixMilli(at)
	return &im, nil
}

// Import brings one file's records into the database in one transaction:
// every record or none, with the file recorded in imports. Each record
// becomes operations of its annotator (Touch, AddSpan, AddClaim and
// EditClaim, Answer, then the links), applied by the domain as edits are;
// the session a record names becomes a (closed) session row. Refused, with
// nothing written: content imported before (AlreadyImportedError), an
// annotator in use by a running hashiya, a document an annotator already
// has in the database, and any operation the domain refuses.
//
// Span and claim IDs of the form sN and cN are kept (others are given the
// next free ID, in ID order), so claimant spans and links read as they did;
// clusters are those the links make. A link to another annotator's claim
// is kept as the record has it. Each document keeps the record's
// _session_id and _timestamp.
func (db *DB) Import(src ImportSource, recs []record.Record) (ImportCounts, error) {
	return db.ImportStream(&src, func(put func(record.Record) error) error {
		for _, r := range recs {
			if err := put(r); err != nil {
				return err
			}
		}
		return nil
	})
}

// ImportStream is Import for records that come one at a time: feed calls
// put with each, and only the claims' links are kept until the end, so
// memory does not grow with the file. An error from feed (a bad line found
// at the end of the file) rolls everything back and is returned as it is.
// src.Format may be set by feed; it is recorded after it returns. A source
// without a SHA-256 is part of a file whose other part is to come later
// (annotators at work elsewhere): it is neither checked nor recorded.
func (db *DB) ImportStream(src *ImportSource, feed func(put func(record.Record) error) error) (ImportCounts, error) {
	var counts ImportCounts
	uid := newUID()
	err := db.writeOnce(func(ctx context.Context, q querier) error {
		counts = ImportCounts{}
		if db.pg { // one import at a time: two of one file would both pass the check below
			if _, err := q.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?, ?)", pgLockSpace, pgLockImport); err != nil {
				return err
			}
		}
		if src.SHA256 != "" {
			if prev, err := findImport(ctx, q, src.SHA256); err != nil {
				return err
			} else if prev != nil {
				return &AlreadyImportedError{DB: db.path, File: src.Name, Previous: *prev}
			}
		}
		in := &importTx{db: db, ctx: ctx, q: q, src: src, by: map[string]*annotatorImport{}, uid: uid}
		err := feed(func(r record.Record) error {
			if err := in.put(r); err != nil {
				return fmt.Errorf("%s: annotator %s: %w; nothing imported", src.Name, r.AnnotatorID, err)
			}
			counts.Documents++
			counts.Spans += len(r.Spans)
			counts.Claims += len(r.Claims)
			if r.Answer != "" {
				counts.Answers++
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := in.links(); err != nil {
			return fmt.Errorf("%s: %w; nothing imported", src.Name, err)
		}
		if src.SHA256 == "" {
			return nil
		}
		_, err = q.ExecContext(ctx, `INSERT INTO imports (name, size, sha256, format, imported, documents, spans, claims, answers)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, src.Name, src.Size, src.SHA256, src.Format, db.now().UnixMilli(),
			counts.Documents, counts.Spans, counts.Claims, counts.Answers)
		return err
	})
	return counts, err
}

// importTx is one import's transaction: the annotators met so far.
type importTx struct {
	db  *DB
	ctx context.Context
	q   querier
	src *ImportSource
	by  map[string]*annotatorImport
	uid string // of this import's operations
}

// own reports whether the annotator is one of the source's own sessions.
func (in *importTx) own(annotator string) bool {
	for _, s := range in.src.Own {
		if s.db == in.db && s.annotator == annotator {
			return true
		}
	}
	return false
}

// annotatorImport applies one annotator's records through a session value
// that holds no lease (the transaction is the only writer, and a running
// holder is refused).
type annotatorImport struct {
	s        *Session
	t        *txState
	sessions map[string]int64  // session name → row
	claimIDs map[string]string // "DOC#cOLD" → new claim ID
	links    []pendingLink
	// linked are the documents with links, as their records left them
	// (a link changes both sides' session and time).
	linked map[string]docStamp
}

// docStamp is a record's _session_id (its row) and _timestamp (unix ms).
type docStamp struct{ session, updated int64 }

// pendingLink is a link of an imported claim, made once every claim exists.
type pendingLink struct {
	session int64
	doc     string
	claim   string // the claim's ID in the record
	cluster string // the claim's cluster in the record
	link    annotations.Link
}

func (in *importTx) annotator(name string) (*annotatorImport, error) {
	if a := in.by[name]; a != nil {
		return a, nil
	}
	if !annotatorRE.MatchString(name) {
		return nil, fmt.Errorf("annotator name %q: use letters, digits, '.', '_' or '-'", name)
	}
	s := &Session{db: in.db, annotator: name, cache: map[string]*docEntry{}}
	if _, err := in.q.ExecContext(in.ctx, "INSERT INTO annotators (name) VALUES (?) ON CONFLICT (name) DO NOTHING", name); err != nil {
		return nil, err
	}
	if err := in.q.QueryRowContext(in.ctx, "SELECT id FROM annotators WHERE name = ?", name).Scan(&s.annID); err != nil {
		return nil, err
	}
	if err := in.db.lockAnnotator(in.ctx, in.q, s.annID); err != nil {
		return nil, err
	}
	if err := in.db.checkLease(in.ctx, in.q, s.annID, name); err != nil && !in.own(name) {
		return nil, err
	}
	a := &annotatorImport{s: s, sessions: map[string]int64{}, claimIDs: map[string]string{}, linked: map[string]docStamp{}}
	a.t = &txState{s: s, ctx: in.ctx, q: in.q, uid: in.uid + "." + strconv.Itoa(len(in.by)+1)}
	in.by[name] = a
	return a, nil
}

// session is the row of a record's session, made on first use.
func (in *importTx) session(a *annotatorImport, name string) (int64, error) {
	if name == "" {
		name = a.s.annotator + "-import"
	}
	if id, ok := a.sessions[name]; ok {
		return id, nil
	}
	now := in.db.now().UnixMilli()
	var id int64
	err := in.q.QueryRowContext(in.ctx, "INSERT INTO sessions (annotator, name, host, pid, started, ended) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
		a.s.annID, name, in.db.host, os.Getpid(), now, now).Scan(&id)
	a.sessions[name] = id
	return id, err
}

// put applies one record; its documents' states are not kept after it.
func (in *importTx) put(r record.Record) error {
	a, err := in.annotator(r.AnnotatorID)
	if err != nil {
		return err
	}
	if a.s.sessID, err = in.session(a, r.SessionID); err != nil {
		return err
	}
	t := a.t
	t.docs, t.dirty = map[string]*docEntry{}, map[string]bool{}
	if e, err := t.entry(r.Meta.ID); err != nil {
		return err
	} else if e != nil {
		return fmt.Errorf("document %q is already in the database for this annotator (imported or annotated before)", r.Meta.ID)
	}
	if err := importRecord(t, r, a.claimIDs); err != nil {
		return fmt.Errorf("document %q: %w", r.Meta.ID, err)
	}
	stamp := docStamp{a.s.sessID, in.db.now().UnixMilli()}
	if r.Timestamp > 0 {
		stamp.updated = r.Timestamp * 1000
	}
	if err := in.stamp(a, r.Meta.ID, stamp); err != nil {
		return err
	}
	for _, c := range r.Claims {
		for _, l := range c.Links {
			a.links = append(a.links, pendingLink{session: a.s.sessID, doc: r.Meta.ID, claim: c.ID, cluster: c.Cluster, link: l})
			a.linked[r.Meta.ID] = stamp
		}
	}
	return nil
}

// stamp gives a document the session and time of its record.
func (in *importTx) stamp(a *annotatorImport, doc string, st docStamp) error {
	_, err := in.q.ExecContext(in.ctx, `UPDATE doc_state SET session = ?, updated = ?
		WHERE annotator = ? AND doc = (SELECT id FROM documents WHERE doc_id = ?)`, st.session, st.updated, a.s.annID, doc)
	return err
}

// links makes the links of every annotator's claims, once each pair.
func (in *importTx) links() error {
	names := make([]string, 0, len(in.by))
	for n := range in.by {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		a := in.by[name]
		t := a.t
		done := map[[2]string]bool{}
		for _, p := range a.links {
			t.docs, t.dirty = map[string]*docEntry{}, map[string]bool{}
			a.s.sessID = p.session
			from := annotations.ClaimRef{Doc: p.doc, Claim: a.claimIDs[p.doc+"#"+p.claim]}
			to, err := annotations.ParseClaimRef(p.link.To)
			if err != nil {
				return fmt.Errorf("annotator %s: document %q claim %s: %w", name, p.doc, p.claim, err)
			}
			if to.Annotator != "" && to.Annotator != name {
				if err := crossLink(t, from, to, p); err != nil {
					return fmt.Errorf("annotator %s: document %q claim %s link to %s: %w", name, p.doc, p.claim, p.link.To, err)
				}
				continue
			}
			nid, ok := a.claimIDs[to.Doc+"#"+to.Claim]
			if !ok {
				return fmt.Errorf("annotator %s: document %q claim %s links to %s, which is not in the file", name, p.doc, p.claim, p.link.To)
			}
			to.Claim, to.Annotator = nid, ""
			key := [2]string{from.String(), to.String()}
			if key[1] < key[0] {
				key[0], key[1] = key[1], key[0]
			}
			if done[key] {
				continue
			}
			done[key] = true
			if _, err := t.apply(annotations.LinkClaims{From: from, To: to, Relation: p.link.Relation}); err != nil {
				return fmt.Errorf("annotator %s: document %q claim %s link to %s: %w", name, p.doc, p.claim, p.link.To, err)
			}
		}
		for doc, st := range a.linked {
			if err := in.stamp(a, doc, st); err != nil {
				return err
			}
		}
	}
	return nil
}

// crossLink keeps a link to another annotator's claim (an adjudication or
// review file names them DOC#cN@ANNOTATOR) as the record has it: the
// domain links only an annotator's own claims, so it is put on the claim
// as it stands, with the record's cluster if the claim has none, and logged
// as an import. The file's records were checked together, the other side
// included.
func crossLink(t *txState, from, to annotations.ClaimRef, p pendingLink) error {
	e, err := t.entry(from.Doc)
	if err != nil || e == nil {
		return errors.Join(err, fmt.Errorf("%w %q", annotations.ErrUnknownDoc, from.Doc))
	}
	for _, c := range e.st.Claims() {
		if c.ID != from.Claim {
			continue
		}
		for _, l := range c.Links {
			if l.To == to.String() {
				return nil // the other direction of a pair, or given twice
			}
		}
		nc := annotations.CloneClaim(c)
		nc.Links = append(nc.Links, annotations.Link{To: to.String(), Relation: p.link.Relation})
		if nc.Cluster == "" {
			nc.Cluster = p.cluster
		}
		ch := annotations.Change{Name: "import-link", Doc: from.Doc, Muts: []annotations.Mut{{Doc: from.Doc, Claim: &nc}}}
		return t.commit(ch, []annotations.Mut{{Doc: from.Doc, Claim: &c}}, annotations.LinkClaims{From: from, To: to, Relation: p.link.Relation})
	}
	return fmt.Errorf("no claim %s", from)
}

// importRecord applies one record's document, spans, claims and answer.
func importRecord(t *txState, r record.Record, claimIDs map[string]string) error {
	info := annotations.DocInfo{ID: r.Meta.ID, Text: r.Text, Source: r.Meta.Source, Lang: r.Meta.Lang}
	if _, err := t.apply(annotations.Touch{Doc: info}); err != nil {
		return err
	}
	spans := append([]annotations.Span(nil), r.Spans...)
	sort.SliceStable(spans, func(i, j int) bool { return idLess(spans[i].ID, spans[j].ID) })
	spanIDs := map[string]string{}
	for _, sp := range spans {
		if err := keepID(t, info.ID, sp.ID, 's'); err != nil {
			return err
		}
		ch, err := t.apply(annotations.AddSpan{Doc: info, Label: sp.Label, Start: sp.Start, End: sp.End, Source: sp.Source})
		if err != nil {
			return fmt.Errorf("span %s: %w", sp.ID, err)
		}
		if ch.Name != "add-span" || ch.Span == nil {
			return fmt.Errorf("span %s [%d,%d) has the extent of another span", sp.ID, sp.Start, sp.End)
		}
		spanIDs[sp.ID] = ch.Span.ID
	}
	claims := append([]annotations.Claim(nil), r.Claims...)
	sort.SliceStable(claims, func(i, j int) bool { return idLess(claims[i].ID, claims[j].ID) })
	for _, c := range claims {
		if err := keepID(t, info.ID, c.ID, 'c'); err != nil {
			return err
		}
		ch, err := t.apply(annotations.AddClaim{Doc: info, Start: c.Span.Start, End: c.Span.End})
		if err != nil {
			return fmt.Errorf("claim %s: %w", c.ID, err)
		}
		if ch.Name != "add-claim" || ch.Claim == nil {
			return fmt.Errorf("claim %s [%d,%d) has the extent of another claim", c.ID, c.Span.Start, c.Span.End)
		}
		claimIDs[info.ID+"#"+c.ID] = ch.Claim.ID
		edit := c
		edit.ID, edit.Links, edit.Cluster = ch.Claim.ID, nil, ""
		edit.Span.ID = ch.Claim.ID
		if c.Claimant.SpanID != "" {
			nid, ok := spanIDs[c.Claimant.SpanID]
			if !ok {
				return fmt.Errorf("claim %s: claimant span %q is not in the record", c.ID, c.Claimant.SpanID)
			}
			edit.Claimant.SpanID = nid
		}
		if _, err := t.apply(annotations.EditClaim{Doc: info.ID, Claim: edit}); err != nil {
			return fmt.Errorf("claim %s: %w", c.ID, err)
		}
	}
	if r.Answer != "" {
		if _, err := t.apply(annotations.Answer{Doc: info.ID, Answer: r.Answer}); err != nil {
			return err
		}
	}
	return nil
}

// keepID makes id (sN or cN) the next ID the domain gives in doc, when
// it is free: IDs are taken in order, so it is, unless the record's IDs
// are not of that form.
func keepID(t *txState, doc, id string, kind byte) error {
	n, err := strconv.Atoi(id[min(1, len(id)):])
	if err != nil || len(id) < 2 || id[0] != kind || n < 1 {
		return nil
	}
	e, err := t.entry(doc)
	if err != nil || e == nil {
		return err
	}
	ns, nc := e.st.NextIDs()
	if kind == 's' && n > ns {
		ns = n
	} else if kind == 'c' && n > nc {
		nc = n
	} else {
		return nil
	}
	st := e.st
	e.st, err = annotations.RestoreDocState(st.Info(), st.Spans(), st.Claims(), st.Answer(), st.Updated(), ns, nc)
	return err
}

// idLess orders "s2" before "s10".
func idLess(a, b string) bool {
	na, ea := strconv.Atoi(a[min(1, len(a)):])
	nb, eb := strconv.Atoi(b[min(1, len(b)):])
	if ea == nil && eb == nil && na != nb {
		return na < nb
	}
	return a < b
}
