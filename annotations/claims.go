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
	for _, old := range sortedClaims(d.claims) {
		if old.Span.Start == start && old.Span.End == end {
			return old, fmt.Errorf("%w: «%s» is already claim %s", ErrUnchanged, old.Span.Text, old.ID)
		}
	}
	c := Claim{ID: id, Span: sp, Attribution: AttrAsserted, Numeric: claimNumber(sp)}
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
	for _, o := range d.claims {
		if o.ID != c.ID && o.Span.Start == sp.Start && o.Span.End == sp.End {
			return Claim{}, fmt.Errorf("claim %s [%d,%d) would have the extent of claim %s: edit that one, or remove one", c.ID, sp.Start, sp.End, o.ID)
		}
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
	nc := cloneClaim(c)
	if nc.Numeric != nil {
		if err := checkQualifier(nc.Numeric.Qualifier); err != nil {
			return Claim{}, err
		}
		locateSurface(nc.Numeric, sp)
	}
	nc.Span, nc.Cluster, nc.Links = sp, old.Cluster, append([]Link(nil), old.Links...)
	if sameState(mut{Doc: docID, Claim: &nc}, mut{Doc: docID, Claim: &old}) {
		return nc, fmt.Errorf("%w: claim %s is as it was", ErrUnchanged, c.ID)
	}
	return nc, s.commit("update-claim", docID, nil, []mut{{Doc: docID, Claim: &nc}}, true)
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

// hasLink reports a link to "to" (with that relation, unless relation is "").
func hasLink(ls []Link, to, relation string) bool {
	for _, l := range ls {
		if l.To == to && (relation == "" || l.Relation == relation) {
			return true
		}
	}
	return false
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
	if hasLink(a.Links, toRef, relation) && hasLink(b.Links, fromRef, relation) {
		return fmt.Errorf("%w: %s and %s are already linked as %s", ErrUnchanged, fromRef, toRef, relation)
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
	if !hasLink(a.Links, toRef, "") && !hasLink(b.Links, fromRef, "") {
		return fmt.Errorf("%w: %s and %s are not linked", ErrUnchanged, fromRef, toRef)
	}
	a, b = cloneClaim(a), cloneClaim(b)
	a.Links, b.Links = dropLink(a.Links, toRef), dropLink(b.Links, fromRef)
	return s.commit("unlink-claims", fromDoc, nil, []mut{{Doc: fromDoc, Claim: &a}, {Doc: toDoc, Claim: &b}}, true)
}
