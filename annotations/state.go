package annotations

import (
	"fmt"
	"sort"
	"strconv"
)

// docState is one document's annotations in memory, with the history and
// the cached record line the journal Store keeps beside it.
type docState struct {
	*DocState
	undo     []undoStep
	redo     []undoStep
	line     []byte // cached Out line; nil when changed since
	lastGood []byte // last line written to Out (or found there) for this doc
}

func newDocState(info DocInfo) *docState { return &docState{DocState: NewDocState(info)} }

// undoStep holds the mutations that undo (before) and redo (after) one
// user action. Undo first checks that the state still equals after, so a
// later edit elsewhere is never clobbered by a stale undo.
type undoStep struct {
	op            string
	before, after []mut
}

// idNum extracts N from "sN"/"cN"; 0 if the ID has another shape.
func idNum(id string) int {
	if len(id) < 2 {
		return 0
	}
	n, err := strconv.Atoi(id[1:])
	if err != nil {
		return 0
	}
	return n
}

// current returns the mutation that would recreate the present state of the
// object m touches (a put, or a delete if it does not exist).
func (s *Store) current(m mut) mut {
	if d := s.docs[m.Doc]; d != nil {
		return d.current(m)
	}
	return (&DocState{}).current(m) // unknown document: apply will refuse the mutation
}

// apply performs one mutation on the document it names.
func (s *Store) apply(m mut, ts int64) error {
	d := s.docs[m.Doc]
	if d == nil {
		return fmt.Errorf("%w %q", ErrUnknownDoc, m.Doc)
	}
	if err := d.Put(m, ts); err != nil {
		return err
	}
	d.line = nil
	s.gen++
	return nil
}

// storeState is the Store's documents as the State operations read.
type storeState struct{ s *Store }

func (st storeState) Doc(id string) (*DocState, error) {
	if d := st.s.docs[id]; d != nil {
		return d.DocState, nil
	}
	return nil, nil
}

func (st storeState) ClusterMembers(cluster string) ([]ClaimAt, error) {
	var out []ClaimAt
	for _, id := range st.s.order {
		for _, c := range sortedClaims(st.s.docs[id].claims) {
			if c.Cluster == cluster {
				out = append(out, ClaimAt{Doc: id, Claim: c})
			}
		}
	}
	return out, nil
}

// addDoc registers a document from a journal entry or Touch.
func (s *Store) addDoc(info DocInfo) error {
	if info.ID == "" {
		return fmt.Errorf("document without ID")
	}
	if d, ok := s.docs[info.ID]; ok {
		if d.info.Text != info.Text {
			return fmt.Errorf("document %q: text differs from the text annotated before (%d vs %d code points); refusing to mix offsets",
				info.ID, CodePointLen(info.Text), d.runes)
		}
		return nil
	}
	s.docs[info.ID] = newDocState(info)
	s.order = append(s.order, info.ID)
	return nil
}

func cloneClaim(c Claim) Claim {
	if c.Numeric != nil {
		n := *c.Numeric
		c.Numeric = &n
	}
	c.Links = append([]Link(nil), c.Links...)
	return c
}

func sortedSpans(m map[string]Span) []Span {
	out := make([]Span, 0, len(m))
	for _, sp := range m {
		out = append(out, sp)
	}
	sort.Slice(out, func(i, j int) bool { return spanLess(out[i], out[j]) })
	return out
}

func sortedClaims(m map[string]Claim) []Claim {
	out := make([]Claim, 0, len(m))
	for _, c := range m {
		out = append(out, cloneClaim(c))
	}
	sort.Slice(out, func(i, j int) bool { return spanLess(out[i].Span, out[j].Span) })
	return out
}

func spanLess(a, b Span) bool {
	if a.Start != b.Start {
		return a.Start < b.Start
	}
	if a.End != b.End {
		return a.End < b.End
	}
	return idNum(a.ID) < idNum(b.ID)
}
