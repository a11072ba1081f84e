package annotations

import (
	"errors"
	"sync"
)

// StoreOptions configure Open.
type StoreOptions struct {
	// Out is the annotations JSONL file, e.g. "annotations.jsonl".
	Out string
	// Annotator names whose journal and records this store owns; it becomes
	// _annotator_id. [A-Za-z0-9._-]+; defaults to $USER or "annotator".
	Annotator string
	// Session becomes _session_id; defaults to "<annotator>-<YYYY-MM-DD>".
	Session string
	// Salvage lets Open continue past corruption in the middle of the
	// journal: readable lines are loaded, the damaged journal is kept as
	// "<journal>.corrupt-<time>", a clean journal is rebuilt, and every
	// skipped line is listed in Warnings. Without it Open fails.
	Salvage bool
}

// Store holds one annotator's annotations for one Out file. It is safe for
// concurrent use: every method takes an internal mutex, so the TUI may call
// Flush from a goroutine while handling keys.
type Store struct {
	mu   sync.Mutex
	opts StoreOptions
}

// ErrUnknownDoc is returned for a document the store has never seen.
var ErrUnknownDoc = errors.New("unknown document")

var errTODO = errors.New("not implemented yet")

// Open locks opts.Out, replays the journal and returns the store.
func Open(opts StoreOptions) (*Store, error) { return nil, errTODO }

// Touch registers a document (journalling its text) without annotating it.
func (s *Store) Touch(doc DocInfo) error { return errTODO }

// AddSpan labels text[start:end] of doc.
func (s *Store) AddSpan(doc DocInfo, label string, start, end int) (Span, error) {
	return Span{}, errTODO
}

// RemoveSpan deletes a span.
func (s *Store) RemoveSpan(docID, spanID string) error { return errTODO }

// ResizeSpan moves a span's boundaries.
func (s *Store) ResizeSpan(docID, spanID string, start, end int) (Span, error) {
	return Span{}, errTODO
}

// AddClaim marks text[start:end] of doc as a claim.
func (s *Store) AddClaim(doc DocInfo, start, end int) (Claim, error) { return Claim{}, errTODO }

// UpdateClaim replaces a claim's editable fields.
func (s *Store) UpdateClaim(docID string, c Claim) (Claim, error) { return Claim{}, errTODO }

// RemoveClaim deletes a claim and the links pointing at it.
func (s *Store) RemoveClaim(docID, claimID string) error { return errTODO }

// LinkClaims links two claims both ways and merges their clusters.
func (s *Store) LinkClaims(fromDoc, fromClaim, toDoc, toClaim, relation string) error {
	return errTODO
}

// UnlinkClaims removes the link between two claims (both directions).
func (s *Store) UnlinkClaims(fromDoc, fromClaim, toDoc, toClaim string) error { return errTODO }

// SetAnswer records accept, reject or ignore ("" clears) for a document.
func (s *Store) SetAnswer(docID, answer string) error { return errTODO }

// Undo reverts the last change made in docID.
func (s *Store) Undo(docID string) error { return errTODO }

// Redo re-applies the last undone change in docID.
func (s *Store) Redo(docID string) error { return errTODO }

// Doc returns a copy of one document's annotations.
func (s *Store) Doc(docID string) (DocView, bool) { return DocView{}, false }

// Docs lists the IDs of documents in the store, in first-touch order.
func (s *Store) Docs() []string { return nil }

// Spans returns spans of docID overlapping [start,end), sorted.
func (s *Store) Spans(docID string, start, end int) []Span { return nil }

// Claims returns claims of docID overlapping [start,end), sorted.
func (s *Store) Claims(docID string, start, end int) []Claim { return nil }

// Warnings returns non-fatal problems found so far (torn journal tail,
// records kept verbatim, retried writes).
func (s *Store) Warnings() []string { return nil }

// Flush atomically rewrites Out.
func (s *Store) Flush() error { return errTODO }

// Close flushes and releases the lock.
func (s *Store) Close() error { return errTODO }
