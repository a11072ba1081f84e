package annotations

import (
	"fmt"
	"strings"
)

// AddClaim marks text[start:end] of doc as a claim: asserted, not
// checkworthy, with the first quantity phrase of its text as Numeric (nil if
// it has none). A claim of exactly that extent already there is returned
// with an ErrUnchanged error: one extent, one claim.
func (s *Store) AddClaim(doc DocInfo, start, end int) (Claim, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, err := s.run(AddClaim{Doc: doc, Start: start, End: end})
	return claimOf(ch), err
}

// UpdateClaim replaces a claim's editable fields: Span (Start/End/Label;
// Text and tokens are recomputed), Claimant, Attribution, Checkworthy and
// Numeric. Cluster and Links are managed by LinkClaims/UnlinkClaims and are
// ignored here. Returns the stored claim.
func (s *Store) UpdateClaim(docID string, c Claim) (Claim, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, err := s.run(EditClaim{Doc: docID, Claim: c})
	return claimOf(ch), err
}

// claimNumber is the first quantity phrase of a claim's text, its surface
// located in the document.
func claimNumber(sp Span) *Numeric {
	p, ok := FindNumber(sp.Text)
	if !ok {
		return nil
	}
	n := p.Numeric
	n.SurfaceStart += sp.Start
	n.SurfaceEnd += sp.Start
	return &n
}

// locateSurface keeps n's offsets if they still hold its surface inside the
// claim span sp, else looks the surface up in the span's text (a typed value,
// a resized claim); 0,0 when it is not there.
func locateSurface(n *Numeric, sp Span) {
	if n.SurfaceStart >= sp.Start && n.SurfaceEnd <= sp.End && n.SurfaceEnd > n.SurfaceStart {
		rs := []rune(sp.Text)
		if string(rs[n.SurfaceStart-sp.Start:n.SurfaceEnd-sp.Start]) == n.Surface {
			return
		}
	}
	n.SurfaceStart, n.SurfaceEnd = 0, 0
	if i := strings.Index(sp.Text, n.Surface); i >= 0 && n.Surface != "" {
		n.SurfaceStart = sp.Start + CodePointLen(sp.Text[:i])
		n.SurfaceEnd = n.SurfaceStart + CodePointLen(n.Surface)
	}
}

// checkSurface verifies a numeric's located surface against the claim span.
func checkSurface(n *Numeric, sp Span) error {
	if n == nil || (n.SurfaceStart == 0 && n.SurfaceEnd == 0) {
		return nil
	}
	if n.SurfaceStart < sp.Start || n.SurfaceEnd > sp.End || n.SurfaceEnd <= n.SurfaceStart {
		return fmt.Errorf("numeric surface [%d,%d) is not inside the claim span [%d,%d)", n.SurfaceStart, n.SurfaceEnd, sp.Start, sp.End)
	}
	rs := []rune(sp.Text)
	if got := string(rs[n.SurfaceStart-sp.Start : n.SurfaceEnd-sp.Start]); got != n.Surface {
		return fmt.Errorf("numeric surface [%d,%d): text is %q, surface says %q", n.SurfaceStart, n.SurfaceEnd, got, n.Surface)
	}
	return nil
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
	_, err := s.run(Remove{Doc: docID, ID: claimID})
	return err
}

// LinkClaims links two claims both ways with relation (same-claim,
// contradicts, refines, related; an existing link between them is
// replaced). Linked claims share a cluster ID; linking two clusters merges
// them into the one with the smaller ID. Undo is recorded on fromDoc.
func (s *Store) LinkClaims(fromDoc, fromClaim, toDoc, toClaim, relation string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.run(LinkClaims{From: ClaimRef{Doc: fromDoc, Claim: fromClaim}, To: ClaimRef{Doc: toDoc, Claim: toClaim}, Relation: relation})
	return err
}

// UnlinkClaims removes the link between two claims in both directions.
// Cluster IDs are kept (a cluster is not split automatically).
func (s *Store) UnlinkClaims(fromDoc, fromClaim, toDoc, toClaim string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.run(UnlinkClaims{From: ClaimRef{Doc: fromDoc, Claim: fromClaim}, To: ClaimRef{Doc: toDoc, Claim: toClaim}})
	return err
}
