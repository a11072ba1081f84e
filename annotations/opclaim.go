package annotations

import (
	"encoding/json"
	"fmt"
	"strings"
)

// ClaimRef names a claim unambiguously across documents and annotators.
// Written as "DOC#cN" when the annotator is implied (a link inside one
// annotator's record, as records have always written it), and as
// "DOC#cN@ANNOTATOR" when it crosses annotators. Parsing splits at the last
// '#', and annotator names cannot hold '#' or '@' nor claim IDs '@', so both
// forms read back unambiguously.
type ClaimRef struct {
	Doc       string
	Claim     string
	Annotator string // "" = the annotator whose record holds the reference
}

// MarshalJSON writes the reference as its string form.
func (r ClaimRef) MarshalJSON() ([]byte, error) { return json.Marshal(r.String()) }

func (r ClaimRef) String() string {
	s := r.Doc + "#" + r.Claim
	if r.Annotator != "" {
		s += "@" + r.Annotator
	}
	return s
}

// local is the reference as a link inside one annotator's record writes it.
func (r ClaimRef) local() string { return r.Doc + "#" + r.Claim }

// ParseClaimRef reads "DOC#cN" or "DOC#cN@ANNOTATOR".
func ParseClaimRef(s string) (ClaimRef, error) {
	i := strings.LastIndex(s, "#")
	if i <= 0 || i == len(s)-1 {
		return ClaimRef{}, fmt.Errorf("claim reference %q is not DOC#CLAIM", s)
	}
	r := ClaimRef{Doc: s[:i], Claim: s[i+1:]}
	if j := strings.Index(r.Claim, "@"); j >= 0 {
		r.Claim, r.Annotator = r.Claim[:j], r.Claim[j+1:]
		if r.Annotator == "" || !annotatorRE.MatchString(r.Annotator) {
			return ClaimRef{}, fmt.Errorf("claim reference %q: bad annotator", s)
		}
	}
	if r.Claim == "" {
		return ClaimRef{}, fmt.Errorf("claim reference %q has no claim ID", s)
	}
	return r, nil
}

// claimAt resolves a reference to one of this annotator's claims.
func claimAt(st State, r ClaimRef) (Claim, bool, error) {
	if r.Annotator != "" {
		return Claim{}, false, fmt.Errorf("claim %s belongs to another annotator: link only your own claims", r)
	}
	d, err := st.Doc(r.Doc)
	if err != nil || d == nil {
		return Claim{}, false, err
	}
	c, ok := d.claims[r.Claim]
	return c, ok, nil
}

func applyAddClaim(st State, o AddClaim) (Change, error) {
	d, newDoc, err := docFor(st, o.Doc)
	if err != nil {
		return Change{}, err
	}
	id := fmt.Sprintf("c%d", d.nextClm)
	sp, err := makeSpan(d, id, "CLAIM", o.Start, o.End)
	if err != nil {
		return Change{}, err
	}
	for _, old := range SortedClaims(d.claims) {
		if old.Span.Start == o.Start && old.Span.End == o.End {
			return Change{Claim: &old}, fmt.Errorf("%w: «%s» is already claim %s", ErrUnchanged, old.Span.Text, old.ID)
		}
	}
	c := Claim{ID: id, Span: sp, Attribution: AttrAsserted, Numeric: claimNumber(sp)}
	return Change{Name: "add-claim", Doc: o.Doc.ID, NewDoc: newDoc, Undoable: true, Claim: &c,
		Muts: []Mut{{Doc: o.Doc.ID, Claim: &c}}}, nil
}

func applyEditClaim(st State, o EditClaim) (Change, error) {
	docID, c := o.Doc, o.Claim
	d, err := knownDoc(st, docID)
	if err != nil {
		return Change{}, err
	}
	old, ok := d.claims[c.ID]
	if !ok {
		return Change{}, fmt.Errorf("document %q has no claim %q", docID, c.ID)
	}
	label := c.Span.Label
	if label == "" {
		label = old.Span.Label
	}
	sp, err := makeSpan(d, c.ID, label, c.Span.Start, c.Span.End)
	if err != nil {
		return Change{}, err
	}
	for _, o := range d.claims {
		if o.ID != c.ID && o.Span.Start == sp.Start && o.Span.End == sp.End {
			return Change{}, fmt.Errorf("claim %s [%d,%d) would have the extent of claim %s: edit that one, or remove one", c.ID, sp.Start, sp.End, o.ID)
		}
	}
	switch c.Attribution {
	case AttrAsserted, AttrAttributed, AttrDenied:
	default:
		return Change{}, fmt.Errorf("attribution %q is not asserted, attributed or denied", c.Attribution)
	}
	if c.Claimant.SpanID != "" {
		if _, ok := d.spans[c.Claimant.SpanID]; !ok {
			return Change{}, fmt.Errorf("claimant span %q not in document %q", c.Claimant.SpanID, docID)
		}
	}
	nc := CloneClaim(c)
	if nc.Numeric != nil {
		if err := CheckQualifier(nc.Numeric.Qualifier); err != nil {
			return Change{}, err
		}
		locateSurface(nc.Numeric, sp)
	}
	nc.Span, nc.Cluster, nc.Links = sp, old.Cluster, append([]Link(nil), old.Links...)
	if sameState(Mut{Doc: docID, Claim: &nc}, Mut{Doc: docID, Claim: &old}) {
		return Change{Claim: &nc}, fmt.Errorf("%w: claim %s is as it was", ErrUnchanged, c.ID)
	}
	return Change{Name: "update-claim", Doc: docID, Muts: []Mut{{Doc: docID, Claim: &nc}}, Undoable: true, Claim: &nc}, nil
}

// removeClaim deletes a claim and the links other claims have to it.
func removeClaim(st State, d *DocState, claimID string) (Change, error) {
	docID := d.info.ID
	c, ok := d.claims[claimID]
	if !ok {
		return Change{}, fmt.Errorf("document %q has no claim %q", docID, claimID)
	}
	muts := []Mut{{Doc: docID, DelID: claimID}}
	me := docID + "#" + claimID
	for _, l := range c.Links {
		r, err := ParseClaimRef(l.To)
		if err != nil {
			continue
		}
		oc, ok, err := claimAt(st, r)
		if err != nil {
			return Change{}, err
		}
		if !ok {
			continue
		}
		other := CloneClaim(oc)
		other.Links = dropLink(other.Links, me)
		muts = append(muts, Mut{Doc: r.Doc, Claim: &other})
	}
	return Change{Name: "remove-claim", Doc: docID, Muts: muts, Undoable: true}, nil
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

// applyLink links two claims both ways (an existing link between them is
// replaced; with mustExist, there must be one). Linked claims share a
// cluster ID; linking two clusters merges them into the smaller ID.
func applyLink(st State, from, to ClaimRef, relation string, mustExist bool) (Change, error) {
	if err := CheckRelation(relation); err != nil {
		return Change{}, err
	}
	fromRef, toRef := from.local(), to.local()
	if fromRef == toRef && from.Annotator == to.Annotator {
		return Change{}, fmt.Errorf("cannot link claim %s to itself", fromRef)
	}
	a, ok, err := claimAt(st, from)
	if err != nil {
		return Change{}, err
	}
	if !ok {
		return Change{}, fmt.Errorf("no claim %s", fromRef)
	}
	b, ok, err := claimAt(st, to)
	if err != nil {
		return Change{}, err
	}
	if !ok {
		return Change{}, fmt.Errorf("no claim %s", toRef)
	}
	if mustExist && !hasLink(a.Links, toRef, "") && !hasLink(b.Links, fromRef, "") {
		return Change{}, fmt.Errorf("%s and %s are not linked: link them first", fromRef, toRef)
	}
	if hasLink(a.Links, toRef, relation) && hasLink(b.Links, fromRef, relation) {
		return Change{}, fmt.Errorf("%w: %s and %s are already linked as %s", ErrUnchanged, fromRef, toRef, relation)
	}
	a, b = CloneClaim(a), CloneClaim(b)
	a.Links = append(dropLink(a.Links, toRef), Link{To: toRef, Relation: relation})
	b.Links = append(dropLink(b.Links, fromRef), Link{To: fromRef, Relation: relation})
	cluster := pickCluster(a.Cluster, b.Cluster, fromRef)
	a.Cluster, b.Cluster = cluster, cluster
	muts := []Mut{{Doc: from.Doc, Claim: &a}, {Doc: to.Doc, Claim: &b}}
	moved := map[string]bool{fromRef: true, toRef: true}
	for _, old := range uniqueClusters(claimCluster(st, from), claimCluster(st, to)) {
		if old == cluster {
			continue
		}
		members, err := st.ClusterMembers(old)
		if err != nil {
			return Change{}, err
		}
		for _, m := range members { // every member of either cluster moves
			ref := m.Doc + "#" + m.Claim.ID
			if moved[ref] {
				continue
			}
			moved[ref] = true
			c := CloneClaim(m.Claim)
			c.Cluster = cluster
			muts = append(muts, Mut{Doc: m.Doc, Claim: &c})
		}
	}
	name := "link-claims"
	if mustExist {
		name = "set-relation"
	}
	return Change{Name: name, Doc: from.Doc, Muts: muts, Undoable: true}, nil
}

// claimCluster is the cluster a claim is in now ("" if none or unknown).
func claimCluster(st State, r ClaimRef) string {
	c, ok, err := claimAt(st, r)
	if err != nil || !ok {
		return ""
	}
	return c.Cluster
}

func uniqueClusters(a, b string) []string {
	var out []string
	if a != "" {
		out = append(out, a)
	}
	if b != "" && b != a {
		out = append(out, b)
	}
	return out
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

func applyUnlink(st State, o UnlinkClaims) (Change, error) {
	fromRef, toRef := o.From.local(), o.To.local()
	a, ok1, err := claimAt(st, o.From)
	if err != nil {
		return Change{}, err
	}
	b, ok2, err := claimAt(st, o.To)
	if err != nil {
		return Change{}, err
	}
	if !ok1 || !ok2 {
		return Change{}, fmt.Errorf("no claim %s or %s", fromRef, toRef)
	}
	if !hasLink(a.Links, toRef, "") && !hasLink(b.Links, fromRef, "") {
		return Change{}, fmt.Errorf("%w: %s and %s are not linked", ErrUnchanged, fromRef, toRef)
	}
	a, b = CloneClaim(a), CloneClaim(b)
	a.Links, b.Links = dropLink(a.Links, toRef), dropLink(b.Links, fromRef)
	return Change{Name: "unlink-claims", Doc: o.From.Doc, Undoable: true,
		Muts: []Mut{{Doc: o.From.Doc, Claim: &a}, {Doc: o.To.Doc, Claim: &b}}}, nil
}
