package annotations

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// docState is one document's annotations in memory.
type docState struct {
	info     DocInfo
	runes    int
	tokens   []Token // lazily computed by toks: replay at Open does not need them
	spans    map[string]Span
	claims   map[string]Claim
	answer   string
	updated  int64 // unix ms of the last change
	nextSpan int   // next "sN"; never reused, even after deletes
	nextClm  int   // next "cN"
	undo     []undoStep
	redo     []undoStep
	line     []byte // cached Out line; nil when changed since
	lastGood []byte // last line written to Out (or found there) for this doc
}

func newDocState(info DocInfo) *docState {
	return &docState{
		info: info, runes: CodePointLen(info.Text),
		spans: map[string]Span{}, claims: map[string]Claim{}, nextSpan: 1, nextClm: 1,
	}
}

func (d *docState) toks() []Token {
	if d.tokens == nil && d.runes > 0 {
		d.tokens = Tokenize(d.info.Text)
	}
	return d.tokens
}

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

// checkSpan verifies a span against the document text.
func (d *docState) checkSpan(sp Span) error {
	if sp.Start < 0 || sp.End <= sp.Start || sp.End > d.runes {
		return fmt.Errorf("span %s [%d,%d) outside text of %d code points", sp.ID, sp.Start, sp.End, d.runes)
	}
	got, err := CodePointSlice(d.info.Text, sp.Start, sp.End)
	if err != nil {
		return err
	}
	if got != sp.Text {
		return fmt.Errorf("span %s [%d,%d): text is %q, record says %q", sp.ID, sp.Start, sp.End, got, sp.Text)
	}
	return nil
}

// current returns the mutation that would recreate the present state of the
// object m touches (a put, or a delete if it does not exist).
func (s *Store) current(m mut) mut {
	d := s.docs[m.Doc]
	cur := mut{Doc: m.Doc}
	if d == nil { // unknown document: apply will refuse the mutation
		d = &docState{}
	}
	switch {
	case m.Answer != nil:
		a := d.answer
		cur.Answer = &a
	case m.Span != nil || (m.DelID != "" && strings.HasPrefix(m.DelID, "s")):
		id := m.DelID
		if m.Span != nil {
			id = m.Span.ID
		}
		if sp, ok := d.spans[id]; ok {
			cur.Span = &sp
		} else {
			cur.DelID = id
		}
	default:
		id := m.DelID
		if m.Claim != nil {
			id = m.Claim.ID
		}
		if c, ok := d.claims[id]; ok {
			c = cloneClaim(c)
			cur.Claim = &c
		} else {
			cur.DelID = id
		}
	}
	return cur
}

func sameState(a, b mut) bool { return reflect.DeepEqual(normMut(a), normMut(b)) }

// normMut makes equal states compare equal (nil vs empty link lists).
func normMut(m mut) mut {
	if m.Claim != nil {
		c := cloneClaim(*m.Claim)
		m.Claim = &c
	}
	return m
}

// apply performs one mutation. It validates spans against the text, so a
// corrupt journal cannot smuggle in a wrong offset.
func (s *Store) apply(m mut, ts int64) error {
	d := s.docs[m.Doc]
	if d == nil {
		return fmt.Errorf("%w %q", ErrUnknownDoc, m.Doc)
	}
	switch {
	case m.Answer != nil:
		switch *m.Answer {
		case "", AnswerAccept, AnswerReject, AnswerIgnore:
		default:
			return fmt.Errorf("bad answer %q", *m.Answer)
		}
		d.answer = *m.Answer
	case m.Span != nil:
		if err := d.checkSpan(*m.Span); err != nil {
			return err
		}
		d.spans[m.Span.ID] = *m.Span
		d.nextSpan = max(d.nextSpan, idNum(m.Span.ID)+1)
	case m.Claim != nil:
		if err := d.checkSpan(m.Claim.Span); err != nil {
			return fmt.Errorf("claim %s: %w", m.Claim.ID, err)
		}
		if err := checkSurface(m.Claim.Numeric, m.Claim.Span); err != nil {
			return fmt.Errorf("claim %s: %w", m.Claim.ID, err)
		}
		d.claims[m.Claim.ID] = cloneClaim(*m.Claim)
		d.nextClm = max(d.nextClm, idNum(m.Claim.ID)+1)
	case strings.HasPrefix(m.DelID, "s"):
		delete(d.spans, m.DelID)
	case strings.HasPrefix(m.DelID, "c"):
		delete(d.claims, m.DelID)
	default:
		return fmt.Errorf("empty mutation for %q", m.Doc)
	}
	d.updated = ts
	d.line = nil
	s.gen++
	return nil
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
