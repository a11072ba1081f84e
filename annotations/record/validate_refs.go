package record

import (
	"fmt"

	"github.com/hashiya/hashiya/annotations"
)

// lineProblem is a problem found on a record's line, file name still to add.
type lineProblem struct {
	line int
	msg  string
}

// claimKey names a claim of one annotator. Claimants never cross
// annotators; a link does when its target says whose claim it is
// (DOC#cN@ANNOTATOR).
type claimKey struct{ annotator, doc, claim string }

// target resolves a link held by k's claim: DOC#cN is a claim of k's
// annotator, DOC#cN@ANNOTATOR one of ANNOTATOR's.
func (k claimKey) target(to string) (claimKey, bool) {
	r, err := annotations.ParseClaimRef(to)
	if err != nil {
		return claimKey{}, false
	}
	if r.Annotator == "" {
		r.Annotator = k.annotator
	}
	return claimKey{r.Annotator, r.Doc, r.Claim}, true
}

// refChecker checks what one line cannot check alone: every link target
// exists and links back with the same relation and cluster, every claimant
// span exists, no span repeats another's extent in its layer, and labels
// belong to o.Schema when given. Exports read the references, so a file that
// fails here would give formats that disagree with each other. It keeps only
// the claims' links, not the records, so a large file validates in little
// memory.
type refChecker struct {
	o       ValidateOptions
	docs    map[[2]string]bool
	claims  map[claimKey]claimLinks
	pending []pendingLink
	out     []lineProblem
}

type claimLinks struct {
	cluster string
	links   []annotations.Link
}

// pendingLink is a link to resolve once every record has been read.
type pendingLink struct {
	line        int
	where       string
	j           int
	link        annotations.Link
	from        claimKey
	fromCluster string
}

func newRefChecker(o ValidateOptions) *refChecker {
	return &refChecker{o: o, docs: map[[2]string]bool{}, claims: map[claimKey]claimLinks{}}
}

// add checks a record's own references and notes its links for finish.
func (c *refChecker) add(line int, r Record) {
	addf := func(f string, a ...any) { c.out = append(c.out, lineProblem{line, fmt.Sprintf(f, a...)}) }
	c.docs[[2]string{r.AnnotatorID, r.Meta.ID}] = true
	spans := map[string]bool{}
	for _, sp := range r.Spans {
		spans[sp.ID] = true
	}
	for i, cl := range r.Claims {
		where := fmt.Sprintf("claims[%d] %s", i, cl.ID)
		if id := cl.Claimant.SpanID; id != "" && !spans[id] {
			addf("%s: claimant span_id %q is not a span of document %q", where, id, r.Meta.ID)
		}
		self := claimKey{r.AnnotatorID, r.Meta.ID, cl.ID}
		c.claims[self] = claimLinks{cl.Cluster, cl.Links}
		first := map[claimKey]int{}
		for j, l := range cl.Links {
			to, ok := self.target(l.To)
			if !ok {
				continue // CheckRecord reports the malformed reference
			}
			if k, dup := first[to]; dup {
				addf("%s: links[%d] to %q repeats links[%d]", where, j, l.To, k)
				continue
			}
			first[to] = j
			if to == self {
				addf("%s: links[%d] links the claim to itself", where, j)
				continue
			}
			c.pending = append(c.pending, pendingLink{line, where, j, l, self, cl.Cluster})
		}
	}
	c.out = append(c.out, checkSpanSet(line, r, c.o)...)
}

// finish resolves the links and returns every problem found.
func (c *refChecker) finish() []lineProblem {
	for _, p := range c.pending {
		addf := func(f string, a ...any) { c.out = append(c.out, lineProblem{p.line, fmt.Sprintf(f, a...)}) }
		to, _ := p.from.target(p.link.To) // add kept only links that resolve
		target, found := c.claims[to]
		switch {
		case !c.docs[[2]string{to.annotator, to.doc}]:
			addf("%s: links[%d] to %q: no document %q by %q in this file", p.where, p.j, p.link.To, to.doc, to.annotator)
		case !found:
			addf("%s: links[%d] to %q: document %q has no claim %q", p.where, p.j, p.link.To, to.doc, to.claim)
		default:
			back, ok := linkTo(target.links, to, p.from)
			switch {
			case !ok:
				addf("%s: links[%d] to %q (%s): %s does not link back", p.where, p.j, p.link.To, p.link.Relation, p.link.To)
			case back.Relation != p.link.Relation:
				addf("%s: links[%d] to %q is %s, but %s links back as %s", p.where, p.j, p.link.To, p.link.Relation, p.link.To, back.Relation)
			case to.annotator == p.from.annotator && target.cluster != p.fromCluster:
				// Cluster IDs are one annotator's names; across annotators they need not agree.
				addf("%s: links[%d] to %q: linked claims in different clusters %q and %q", p.where, p.j, p.link.To, p.fromCluster, target.cluster)
			}
		}
	}
	return c.out
}

// checkSpanSet finds repeated extents and labels outside the schema.
func checkSpanSet(line int, r Record, o ValidateOptions) []lineProblem {
	var out []lineProblem
	add := func(f string, a ...any) { out = append(out, lineProblem{line, fmt.Sprintf(f, a...)}) }
	region := annotations.DefaultSchema().Boilerplate.Name
	var allowed map[string]bool
	if o.Schema != nil {
		region = o.Schema.Boilerplate.Name
		allowed = map[string]bool{region: true}
		for _, l := range o.Schema.Labels {
			allowed[l.Name] = true
		}
	}
	type extent struct {
		start, end int
		region     bool // boilerplate regions are a layer of their own
	}
	firstAt := map[extent]int{}
	for i, sp := range r.Spans {
		where := fmt.Sprintf("spans[%d] %s [%d,%d)", i, sp.ID, sp.Start, sp.End)
		if allowed != nil && !allowed[sp.Label] {
			add("%s: label %q is not in %s", where, sp.Label, o.SchemaName)
		}
		k := extent{sp.Start, sp.End, sp.Label == region}
		f, seen := firstAt[k]
		if !seen {
			firstAt[k] = i
			continue
		}
		if prev := r.Spans[f]; prev.Label == sp.Label {
			add("%s %s: same extent and label as spans[%d] %s", where, sp.Label, f, prev.ID)
		} else {
			add("%s: two labels on one extent, %s here and %s on spans[%d] %s", where, sp.Label, prev.Label, f, prev.ID)
		}
	}
	return out
}

// linkTo finds the link that holder's claim has to want.
func linkTo(ls []annotations.Link, holder, want claimKey) (annotations.Link, bool) {
	for _, l := range ls {
		if to, ok := holder.target(l.To); ok && to == want {
			return l, true
		}
	}
	return annotations.Link{}, false
}
