package annotations

import (
	"fmt"
	"strings"
)

// lineProblem is a problem found on a record's line, file name still to add.
type lineProblem struct {
	line int
	msg  string
}

// claimKey names a claim within one annotator's records: links and
// claimants never cross annotators.
type claimKey struct{ annotator, doc, claim string }

// checkReferences checks what one line cannot check alone: every link
// target exists and links back with the same relation and cluster, every
// claimant span exists, no span repeats another's extent in its layer, and
// labels belong to o.Schema when given. Exports read the references, so a
// file that fails here would give formats that disagree with each other.
func checkReferences(recs []numbered, o ValidateOptions) []lineProblem {
	docs := map[[2]string]bool{}
	claims := map[claimKey]Claim{}
	for _, n := range recs {
		docs[[2]string{n.rec.AnnotatorID, n.rec.Meta.ID}] = true
		for _, c := range n.rec.Claims {
			claims[claimKey{n.rec.AnnotatorID, n.rec.Meta.ID, c.ID}] = c
		}
	}
	var out []lineProblem
	for _, n := range recs {
		add := func(f string, a ...any) { out = append(out, lineProblem{n.line, fmt.Sprintf(f, a...)}) }
		r := n.rec
		spans := map[string]bool{}
		for _, sp := range r.Spans {
			spans[sp.ID] = true
		}
		for i, c := range r.Claims {
			where := fmt.Sprintf("claims[%d] %s", i, c.ID)
			if id := c.Claimant.SpanID; id != "" && !spans[id] {
				add("%s: claimant span_id %q is not a span of document %q", where, id, r.Meta.ID)
			}
			self := r.Meta.ID + "#" + c.ID
			first := map[string]int{}
			for j, l := range c.Links {
				if k, dup := first[l.To]; dup {
					add("%s: links[%d] to %q repeats links[%d]", where, j, l.To, k)
					continue
				}
				first[l.To] = j
				doc, id, ok := splitClaimRef(l.To)
				if !ok {
					continue // CheckRecord reports the malformed reference
				}
				target, found := claims[claimKey{r.AnnotatorID, doc, id}]
				switch {
				case l.To == self:
					add("%s: links[%d] links the claim to itself", where, j)
				case !docs[[2]string{r.AnnotatorID, doc}]:
					add("%s: links[%d] to %q: no document %q by %q in this file", where, j, l.To, doc, r.AnnotatorID)
				case !found:
					add("%s: links[%d] to %q: document %q has no claim %q", where, j, l.To, doc, id)
				default:
					back, ok := linkTo(target.Links, self)
					switch {
					case !ok:
						add("%s: links[%d] to %q (%s): %s does not link back", where, j, l.To, l.Relation, l.To)
					case back.Relation != l.Relation:
						add("%s: links[%d] to %q is %s, but %s links back as %s", where, j, l.To, l.Relation, l.To, back.Relation)
					case target.Cluster != c.Cluster:
						add("%s: links[%d] to %q: linked claims in different clusters %q and %q", where, j, l.To, c.Cluster, target.Cluster)
					}
				}
			}
		}
		out = append(out, checkSpanSet(n.line, r, o)...)
	}
	return out
}

// checkSpanSet finds repeated extents and labels outside the schema.
func checkSpanSet(line int, r Record, o ValidateOptions) []lineProblem {
	var out []lineProblem
	add := func(f string, a ...any) { out = append(out, lineProblem{line, fmt.Sprintf(f, a...)}) }
	region := DefaultSchema().Boilerplate.Name
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

// splitClaimRef splits "DOCID#CLAIMID" at its last '#'.
func splitClaimRef(ref string) (doc, claim string, ok bool) {
	i := strings.LastIndex(ref, "#")
	if i <= 0 || i == len(ref)-1 {
		return "", "", false
	}
	return ref[:i], ref[i+1:], true
}

func linkTo(ls []Link, ref string) (Link, bool) {
	for _, l := range ls {
		if l.To == ref {
			return l, true
		}
	}
	return Link{}, false
}
