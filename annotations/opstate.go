package annotations

import (
	"fmt"
	"strings"
)

// DocState is one annotator's annotations on one document: what operations
// read and what their mutations change. It does no I/O; the journal Store
// keeps every DocState in memory, the database store loads one on demand.
type DocState struct {
	info     DocInfo
	runes    int
	tokens   []Token // lazily computed by toks: replay at Open does not need them
	spans    map[string]Span
	claims   map[string]Claim
	answer   string
	updated  int64 // unix ms of the last change
	nextSpan int   // next "sN"; never reused, even after deletes
	nextClm  int   // next "cN"
}

// NewDocState is the state of a document nobody has annotated yet.
func NewDocState(info DocInfo) *DocState {
	return &DocState{
		info: info, runes: CodePointLen(info.Text),
		spans: map[string]Span{}, claims: map[string]Claim{}, nextSpan: 1, nextClm: 1,
	}
}

// RestoreDocState rebuilds a saved state, checking every span and claim
// against the text. nextSpan and nextClaim are the next free ID numbers
// (IDs are never reused); lower values are raised past the IDs present.
func RestoreDocState(info DocInfo, spans []Span, claims []Claim, answer string, updated int64, nextSpan, nextClaim int) (*DocState, error) {
	d := NewDocState(info)
	for i := range spans {
		if err := d.Put(Mut{Doc: info.ID, Span: &spans[i]}, updated); err != nil {
			return nil, fmt.Errorf("document %q: %w", info.ID, err)
		}
	}
	for i := range claims {
		if err := d.Put(Mut{Doc: info.ID, Claim: &claims[i]}, updated); err != nil {
			return nil, fmt.Errorf("document %q: %w", info.ID, err)
		}
	}
	if err := d.Put(Mut{Doc: info.ID, Answer: &answer}, updated); err != nil {
		return nil, fmt.Errorf("document %q: %w", info.ID, err)
	}
	d.nextSpan, d.nextClm = max(d.nextSpan, nextSpan), max(d.nextClm, nextClaim)
	return d, nil
}

// Clone returns a copy that can be changed without touching d (the text and
// tokens are shared: they never change).
func (d *DocState) Clone() *DocState {
	c := *d
	c.spans = make(map[string]Span, len(d.spans))
	for k, v := range d.spans {
		c.spans[k] = v
	}
	c.claims = make(map[string]Claim, len(d.claims))
	for k, v := range d.claims {
		c.claims[k] = CloneClaim(v)
	}
	return &c
}

// Info is the document this state annotates.
func (d *DocState) Info() DocInfo { return d.info }

// Spans are the spans sorted by start, then end.
func (d *DocState) Spans() []Span { return SortedSpans(d.spans) }

// Claims are the claims sorted by span start, then end.
func (d *DocState) Claims() []Claim { return SortedClaims(d.claims) }

// Answer is accept, reject, ignore or "".
func (d *DocState) Answer() string { return d.answer }

// Updated is the unix time in milliseconds of the last change.
func (d *DocState) Updated() int64 { return d.updated }

// SetUpdated records ts (unix ms) as the time of the last change, for a
// history keeper that replays or adds a document without a mutation.
func (d *DocState) SetUpdated(ts int64) { d.updated = ts }

// NextIDs are the numbers of the next span ("sN") and claim ("cN") IDs.
func (d *DocState) NextIDs() (span, claim int) { return d.nextSpan, d.nextClm }

// View is a read-only copy (without undo/redo flags, which belong to the
// history keeper).
func (d *DocState) View() DocView {
	v := DocView{Info: d.info, Spans: SortedSpans(d.spans), Claims: SortedClaims(d.claims), Answer: d.answer}
	v.Tokens = alignTokens(d.toks(), v.Spans, v.Claims) // as in the record
	return v
}

func (d *DocState) toks() []Token {
	if d.tokens == nil && d.runes > 0 {
		d.tokens = Tokenize(d.info.Text)
	}
	return d.tokens
}

// CheckSpan verifies a span against the document text.
func (d *DocState) CheckSpan(sp Span) error {
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

// Current returns the mutation that would recreate the present state of the
// object m touches (a put, or a delete if it does not exist).
func (d *DocState) Current(m Mut) Mut {
	cur := Mut{Doc: m.Doc}
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
			c = CloneClaim(c)
			cur.Claim = &c
		} else {
			cur.DelID = id
		}
	}
	return cur
}

// Put performs one mutation at unix-ms time ts. It validates spans against
// the text, so a corrupt journal or row cannot smuggle in a wrong offset.
func (d *DocState) Put(m Mut, ts int64) error {
	switch {
	case m.Answer != nil:
		switch *m.Answer {
		case "", AnswerAccept, AnswerReject, AnswerIgnore:
		default:
			return fmt.Errorf("bad answer %q", *m.Answer)
		}
		d.answer = *m.Answer
	case m.Span != nil:
		if err := d.CheckSpan(*m.Span); err != nil {
			return err
		}
		d.spans[m.Span.ID] = *m.Span
		d.nextSpan = max(d.nextSpan, idNum(m.Span.ID)+1)
	case m.Claim != nil:
		if err := d.CheckSpan(m.Claim.Span); err != nil {
			return fmt.Errorf("claim %s: %w", m.Claim.ID, err)
		}
		if err := checkSurface(m.Claim.Numeric, m.Claim.Span); err != nil {
			return fmt.Errorf("claim %s: %w", m.Claim.ID, err)
		}
		d.claims[m.Claim.ID] = CloneClaim(*m.Claim)
		d.nextClm = max(d.nextClm, idNum(m.Claim.ID)+1)
	case strings.HasPrefix(m.DelID, "s"):
		delete(d.spans, m.DelID)
	case strings.HasPrefix(m.DelID, "c"):
		delete(d.claims, m.DelID)
	default:
		return fmt.Errorf("empty mutation for %q", m.Doc)
	}
	d.updated = ts
	return nil
}
