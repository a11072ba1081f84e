package annotations

import (
	"fmt"
	"strings"
)

// AddClaim marks text[start:end] of doc as a claim (asserted, not
// checkworthy, no numeric until UpdateClaim).
func (s *Store) AddClaim(doc DocInfo, start, end int) (Claim, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return Claim{}, ErrClosed
	}
	if err := s.addDocCheck(doc); err != nil {
		return Claim{}, err
	}
	d := s.docs[doc.ID]
	if d == nil {
		d = newDocState(doc)
	}
	id := fmt.Sprintf("c%d", d.nextClm)
	sp, err := makeSpan(d, id, "CLAIM", start, end)
	if err != nil {
		return Claim{}, err
	}
	c := Claim{ID: id, Span: sp, Attribution: AttrAsserted}
	err = s.commit("add-claim", doc.ID, &doc, []mut{{Doc: doc.ID, Claim: &c}}, true)
	return c, err
}

// UpdateClaim replaces a claim's editable fields: Span (Start/End/Label;
// Text and tokens are recomputed), Claimant, Attribution, Checkworthy and
// Numeric. Cluster and Links are managed by LinkClaims/UnlinkClaims and are
// ignored here. Returns the stored claim.
func (s *Store) UpdateClaim(docID string, c Claim) (Claim, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, err := s.doc(docID)
	if err != nil {
		return Claim{}, err
	}
	old, ok := d.claims[c.ID]
	if !ok {
		return Claim{}, fmt.Errorf("document %q has no claim %q", docID, c.ID)
	}
	label := c.Span.Label
	if label == "" {
		label = old.Span.Label
	}
	sp, err := makeSpan(d, c.ID, label, c.Span.Start, c.Span.End)
	if err != nil {
		return Claim{}, err
	}
	switch c.Attribution {
	case AttrAsserted, AttrAttributed, AttrDenied:
	default:
		return Claim{}, fmt.Errorf("attribution %q is not asserted, attributed or denied", c.Attribution)
	}
	if c.Claimant.SpanID != "" {
		if _, ok := d.spans[c.Claimant.SpanID]; !ok {
			return Claim{}, fmt.Errorf("claimant span %q not in document %q", c.Claimant.SpanID, docID)
		}
	}
	if c.Numeric != nil {
		if err := checkQualifier(c.Numeric.Qualifier); err != nil {
			return Claim{}, err
		}
	}
	nc := cloneClaim(c)
	nc.Span, nc.Cluster, nc.Links = sp, old.Cluster, append([]Link(nil), old.Links...)
	return nc, s.commit("update-claim", docID, nil, []mut{{Doc: docID, Claim: &nc}}, true)
}

// RemoveClaim deletes a claim and the links other claims have to it.
func (s *Store) RemoveClaim(docID, claimID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, err := s.doc(docID)
	if err != nil {
		return err
	}
	c, ok := d.claims[claimID]
	if !ok {
		return fmt.Errorf("document %q has no claim %q", docID, claimID)
	}
	muts := []mut{{Doc: docID, DelID: claimID}}
	me := docID + "#" + claimID
	for _, l := range c.Links {
		od, oc, ok := s.claimRef(l.To)
		if !ok {
			continue
		}
		other := cloneClaim(oc)
		other.Links = dropLink(other.Links, me)
		muts = append(muts, mut{Doc: od, Claim: &other})
	}
	return s.commit("remove-claim", docID, nil, muts, true)
}

// claimRef resolves "DOC#CLAIM".
func (s *Store) claimRef(ref string) (string, Claim, bool) {
	i := strings.LastIndex(ref, "#")
	if i < 0 {
		return "", Claim{}, false
	}
	d := s.docs[ref[:i]]
	if d == nil {
		return "", Claim{}, false
	}
	c, ok := d.claims[ref[i+1:]]
	return ref[:i], c, ok
}

func dropLink(ls []Link, to string) []Link {
	var out []Link
	for _, l := range ls {
		if l.To != to {
			out = append(out, l)
		}
	}
	return out
}

// LinkClaims links two claims both ways with relation (same-claim,
// contradicts, refines, related; an existing link between them is
// replaced). Linked claims share a cluster ID; linking two clusters merges
// them into the one with the smaller ID. Undo is recorded on fromDoc.
func (s *Store) LinkClaims(fromDoc, fromClaim, toDoc, toClaim, relation string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	if err := checkRelation(relation); err != nil {
		return err
	}
	fromRef, toRef := fromDoc+"#"+fromClaim, toDoc+"#"+toClaim
	if fromRef == toRef {
		return fmt.Errorf("cannot link claim %s to itself", fromRef)
	}
	_, a, ok := s.claimRef(fromRef)
	if !ok {
		return fmt.Errorf("no claim %s", fromRef)
	}
	_, b, ok := s.claimRef(toRef)
	if !ok {
		return fmt.Errorf("no claim %s", toRef)
	}
	a, b = cloneClaim(a), cloneClaim(b)
	a.Links = append(dropLink(a.Links, toRef), Link{To: toRef, Relation: relation})
	b.Links = append(dropLink(b.Links, fromRef), Link{To: fromRef, Relation: relation})
	cluster := pickCluster(a.Cluster, b.Cluster, fromRef)
	changed := map[string]Claim{fromRef: a, toRef: b}
	merge := map[string]bool{a.Cluster: a.Cluster != "", b.Cluster: b.Cluster != ""}
	for _, id := range s.order { // every member of either cluster moves
		for _, c := range s.docs[id].claims {
			ref := id + "#" + c.ID
			if cur, ok := changed[ref]; ok {
				cur.Cluster = cluster
				changed[ref] = cur
			} else if merge[c.Cluster] && c.Cluster != cluster {
				c = cloneClaim(c)
				c.Cluster = cluster
				changed[ref] = c
			}
		}
	}
	var muts []mut
	for _, id := range s.order {
		for _, c := range sortedClaims(s.docs[id].claims) {
			if nc, ok := changed[id+"#"+c.ID]; ok {
				muts = append(muts, mut{Doc: id, Claim: &nc})
			}
		}
	}
	return s.commit("link-claims", fromDoc, nil, muts, true)
}

func pickCluster(a, b, fallback string) string {
	switch {
	case a == "" && b == "":
		return fallback
	case a == "":
		return b
	case b == "" || a < b:
		return a
	}
	return b
}

// UnlinkClaims removes the link between two claims in both directions.
// Cluster IDs are kept (a cluster is not split automatically).
func (s *Store) UnlinkClaims(fromDoc, fromClaim, toDoc, toClaim string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	fromRef, toRef := fromDoc+"#"+fromClaim, toDoc+"#"+toClaim
	_, a, ok1 := s.claimRef(fromRef)
	_, b, ok2 := s.claimRef(toRef)
	if !ok1 || !ok2 {
		return fmt.Errorf("no claim %s or %s", fromRef, toRef)
	}
	a, b = cloneClaim(a), cloneClaim(b)
	a.Links, b.Links = dropLink(a.Links, toRef), dropLink(b.Links, fromRef)
	return s.commit("unlink-claims", fromDoc, nil, []mut{{Doc: fromDoc, Claim: &a}, {Doc: toDoc, Claim: &b}}, true)
}
