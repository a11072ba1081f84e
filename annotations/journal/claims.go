package journal

import (
	"fmt"
	"strings"

	"github.com/hashiya/hashiya/annotations"
)

// AddClaim marks text[start:end] of doc as a claim: asserted, not
// checkworthy, with the first quantity phrase of its text as Numeric (nil if
// it has none). A claim of exactly that extent already there is returned
// with an ErrUnchanged error: one extent, one claim.
func (s *Store) AddClaim(doc annotations.DocInfo, start, end int) (annotations.Claim, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, err := s.run(annotations.AddClaim{Doc: doc, Start: start, End: end})
	return claimOf(ch), err
}

// UpdateClaim replaces a claim's editable fields: Span (Start/End/Label;
// Text and tokens are recomputed), Claimant, Attribution, Checkworthy and
// Numeric. Cluster and Links are managed by LinkClaims/UnlinkClaims and are
// ignored here. Returns the stored claim.
func (s *Store) UpdateClaim(docID string, c annotations.Claim) (annotations.Claim, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, err := s.run(annotations.EditClaim{Doc: docID, Claim: c})
	return claimOf(ch), err
}

// RemoveClaim deletes a claim and the links other claims have to it.
func (s *Store) RemoveClaim(docID, claimID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !strings.HasPrefix(claimID, "c") { // Remove would take it for a span
		if _, err := s.doc(docID); err != nil {
			return err
		}
		return fmt.Errorf("document %q has no claim %q", docID, claimID)
	}
	_, err := s.run(annotations.Remove{Doc: docID, ID: claimID})
	return err
}

// LinkClaims links two claims both ways with relation (same-claim,
// contradicts, refines, related; an existing link between them is
// replaced). Linked claims share a cluster ID; linking two clusters merges
// them into the one with the smaller ID. Undo is recorded on fromDoc.
func (s *Store) LinkClaims(fromDoc, fromClaim, toDoc, toClaim, relation string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.run(annotations.LinkClaims{From: annotations.ClaimRef{Doc: fromDoc, Claim: fromClaim}, To: annotations.ClaimRef{Doc: toDoc, Claim: toClaim}, Relation: relation})
	return err
}

// UnlinkClaims removes the link between two claims in both directions.
// Cluster IDs are kept (a cluster is not split automatically).
func (s *Store) UnlinkClaims(fromDoc, fromClaim, toDoc, toClaim string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.run(annotations.UnlinkClaims{From: annotations.ClaimRef{Doc: fromDoc, Claim: fromClaim}, To: annotations.ClaimRef{Doc: toDoc, Claim: toClaim}})
	return err
}
