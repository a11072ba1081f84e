package journal

import (
	"fmt"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/record"
)

// docState is one document's annotations in memory, with the history and
// the cached record line the journal Store keeps beside it.
type docState struct {
	*annotations.DocState
	undo     []undoStep
	redo     []undoStep
	line     []byte // cached Out line; nil when changed since
	lastGood []byte // last line written to Out (or found there) for this doc
}

func newDocState(info annotations.DocInfo) *docState {
	return &docState{DocState: annotations.NewDocState(info)}
}

// undoStep holds the mutations that undo (before) and redo (after) one
// user action. Undo first checks that the state still equals after, so a
// later edit elsewhere is never clobbered by a stale undo.
type undoStep struct {
	op            string
	before, after []mut
}

// current returns the mutation that would recreate the present state of the
// object m touches (a put, or a delete if it does not exist).
func (s *Store) current(m mut) mut {
	if d := s.docs[m.Doc]; d != nil {
		return d.Current(m)
	}
	return (&annotations.DocState{}).Current(m) // unknown document: apply will refuse the mutation
}

// apply performs one mutation on the document it names.
func (s *Store) apply(m mut, ts int64) error {
	d := s.docs[m.Doc]
	if d == nil {
		return fmt.Errorf("%w %q", annotations.ErrUnknownDoc, m.Doc)
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

func (st storeState) Doc(id string) (*annotations.DocState, error) {
	if d := st.s.docs[id]; d != nil {
		return d.DocState, nil
	}
	return nil, nil
}

func (st storeState) ClusterMembers(cluster string) ([]annotations.ClaimAt, error) {
	var out []annotations.ClaimAt
	for _, id := range st.s.order {
		for _, c := range st.s.docs[id].Claims() {
			if c.Cluster == cluster {
				out = append(out, annotations.ClaimAt{Doc: id, Claim: c})
			}
		}
	}
	return out, nil
}

// addDoc registers a document from a journal entry or Touch.
func (s *Store) addDoc(info annotations.DocInfo) error {
	if info.ID == "" {
		return fmt.Errorf("document without ID")
	}
	if d, ok := s.docs[info.ID]; ok {
		if d.Info().Text != info.Text {
			return fmt.Errorf("document %q: text differs from the text annotated before (%d vs %d code points); refusing to mix offsets",
				info.ID, annotations.CodePointLen(info.Text), annotations.CodePointLen(d.Info().Text))
		}
		return nil
	}
	s.docs[info.ID] = newDocState(info)
	s.order = append(s.order, info.ID)
	return nil
}

// record renders a document's state as a Record.
func (s *Store) record(d *docState) record.Record {
	r := record.BuildRecord(d.DocState, s.opts.Annotator, s.opts.Session)
	if s.hookRecord != nil {
		s.hookRecord(&r)
	}
	return r
}
