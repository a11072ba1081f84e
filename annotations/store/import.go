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
	return findImport(context.Background(), db.sql, sha)
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
// Span and claim IDs are given anew in ID order (the same IDs when a
// record's are s1, s2, ... without gaps), and claimant spans and links
// follow them; clusters are those the links make.
func (db *DB) Import(src ImportSource, recs []record.Record) (ImportCounts, error) {
	var counts ImportCounts
	byAnn := map[string][]record.Record{}
	var annotators []string
	for _, r := range recs {
		if _, ok := byAnn[r.AnnotatorID]; !ok {
			annotators = append(annotators, r.AnnotatorID)
		}
		byAnn[r.AnnotatorID] = append(byAnn[r.AnnotatorID], r)
		counts.Documents++
		counts.Spans += len(r.Spans)
		counts.Claims += len(r.Claims)
		if r.Answer != "" {
			counts.Answers++
		}
	}
	sort.Strings(annotators)
	err := db.write(func(ctx context.Context, q querier) error {
		if prev, err := findImport(ctx, q, src.SHA256); err != nil {
			return err
		} else if prev != nil {
			return &AlreadyImportedError{DB: db.path, File: src.Name, Previous: *prev}
		}
		for _, a := range annotators {
			if err := db.importAnnotator(ctx, q, a, byAnn[a]); err != nil {
				return fmt.Errorf("%s: annotator %s: %w; nothing imported", src.Name, a, err)
			}
		}
		_, err := q.ExecContext(ctx, `INSERT INTO imports (name, size, sha256, format, imported, documents, spans, claims, answers)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, src.Name, src.Size, src.SHA256, src.Format, db.now().UnixMilli(),
			counts.Documents, counts.Spans, counts.Claims, counts.Answers)
		return err
	})
	return counts, err
}

// importAnnotator applies one annotator's records inside the import's
// transaction, through a session value that holds no lease (the
// transaction is the only writer, and a running holder is refused).
func (db *DB) importAnnotator(ctx context.Context, q querier, annotator string, recs []record.Record) error {
	if !annotatorRE.MatchString(annotator) {
		return fmt.Errorf("annotator name %q: use letters, digits, '.', '_' or '-'", annotator)
	}
	s := &Session{db: db, annotator: annotator, cache: map[string]*docEntry{}}
	if _, err := q.ExecContext(ctx, "INSERT INTO annotators (name) VALUES (?) ON CONFLICT (name) DO NOTHING", annotator); err != nil {
		return err
	}
	if err := q.QueryRowContext(ctx, "SELECT id FROM annotators WHERE name = ?", annotator).Scan(&s.annID); err != nil {
		return err
	}
	if err := db.checkLease(ctx, q, s.annID, annotator); err != nil {
		return err
	}
	sessions := map[string]int64{}
	sessionRow := func(name string) (int64, error) {
		if name == "" {
			name = annotator + "-import"
		}
		if id, ok := sessions[name]; ok {
			return id, nil
		}
		now := db.now().UnixMilli()
		res, err := q.ExecContext(ctx, "INSERT INTO sessions (annotator, name, host, pid, started, ended) VALUES (?, ?, ?, ?, ?, ?)",
			s.annID, name, db.host, os.Getpid(), now, now)
		if err != nil {
			return 0, err
		}
		id, err := res.LastInsertId()
		sessions[name] = id
		return id, err
	}
	t := &txState{s: s, ctx: ctx, q: q, docs: map[string]*docEntry{}, dirty: map[string]bool{}}
	claimIDs := map[string]string{} // "DOC#cOLD" → new claim ID
	for _, r := range recs {
		var err error
		if s.sessID, err = sessionRow(r.SessionID); err != nil {
			return err
		}
		if e, err := t.entry(r.Meta.ID); err != nil {
			return err
		} else if e != nil {
			return fmt.Errorf("document %q is already in the database for this annotator (imported or annotated before)", r.Meta.ID)
		}
		if err := importRecord(t, r, claimIDs); err != nil {
			return fmt.Errorf("document %q: %w", r.Meta.ID, err)
		}
	}
	// Links last, once every claim they join exists.
	done := map[[2]string]bool{}
	for _, r := range recs {
		var err error
		if s.sessID, err = sessionRow(r.SessionID); err != nil {
			return err
		}
		for _, c := range r.Claims {
			from := annotations.ClaimRef{Doc: r.Meta.ID, Claim: claimIDs[r.Meta.ID+"#"+c.ID]}
			for _, l := range c.Links {
				to, err := annotations.ParseClaimRef(l.To)
				if err != nil {
					return fmt.Errorf("document %q claim %s: %w", r.Meta.ID, c.ID, err)
				}
				if to.Annotator != "" && to.Annotator != annotator {
					return fmt.Errorf("document %q claim %s links to another annotator's claim %s, which is not imported", r.Meta.ID, c.ID, l.To)
				}
				nid, ok := claimIDs[to.Doc+"#"+to.Claim]
				if !ok {
					return fmt.Errorf("document %q claim %s links to %s, which is not in the file", r.Meta.ID, c.ID, l.To)
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
				if _, err := t.apply(annotations.LinkClaims{From: from, To: to, Relation: l.Relation}); err != nil {
					return fmt.Errorf("document %q claim %s link to %s: %w", r.Meta.ID, c.ID, l.To, err)
				}
			}
		}
	}
	return nil
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

// idLess orders "s2" before "s10".
func idLess(a, b string) bool {
	na, ea := strconv.Atoi(a[min(1, len(a)):])
	nb, eb := strconv.Atoi(b[min(1, len(b)):])
	if ea == nil && eb == nil && na != nb {
		return na < nb
	}
	return a < b
}
