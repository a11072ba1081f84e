package annotations

import (
	"fmt"
	"strings"
)

// The semantics of span and answer operations. Each returns the mutations
// computed from the state as it is; none changes it.

// knownDoc returns the state of a touched document, or ErrUnknownDoc.
func knownDoc(st State, id string) (*DocState, error) {
	d, err := st.Doc(id)
	if err != nil {
		return nil, err
	}
	if d == nil {
		return nil, fmt.Errorf("%w %q", ErrUnknownDoc, id)
	}
	return d, nil
}

// docFor returns the state for doc, or a fresh one (and doc as the document
// to register) on first touch; a known ID whose text changed is refused.
func docFor(st State, doc DocInfo) (*DocState, *DocInfo, error) {
	if doc.ID == "" {
		return nil, nil, fmt.Errorf("document without ID")
	}
	d, err := st.Doc(doc.ID)
	if err != nil {
		return nil, nil, err
	}
	if d == nil {
		info := doc
		return NewDocState(doc), &info, nil
	}
	if d.info.Text != doc.Text {
		return nil, nil, fmt.Errorf("document %q: text differs from the text annotated before (%d vs %d code points); refusing to mix offsets",
			doc.ID, CodePointLen(doc.Text), d.runes)
	}
	return d, nil, nil
}

func applyTouch(st State, o Touch) (Change, error) {
	_, newDoc, err := docFor(st, o.Doc)
	if err != nil {
		return Change{}, err
	}
	return Change{Name: "touch", Doc: o.Doc.ID, NewDoc: newDoc}, nil
}

// makeSpan validates [start,end) against the text and fills Text and tokens.
func makeSpan(d *DocState, id, label string, start, end int) (Span, error) {
	if start < 0 || end <= start || end > d.runes {
		return Span{}, fmt.Errorf("span [%d,%d) is empty or outside text of %d code points", start, end, d.runes)
	}
	text, err := CodePointSlice(d.info.Text, start, end)
	if err != nil {
		return Span{}, err
	}
	ts, te, ok := tokenRange(d.toks(), start, end)
	if !ok {
		return Span{}, fmt.Errorf("span [%d,%d) covers only white space", start, end)
	}
	return Span{ID: id, Start: start, End: end, TokenStart: ts, TokenEnd: te, Label: label, Text: text}, nil
}

func applyAddSpan(st State, o AddSpan) (Change, error) {
	if strings.TrimSpace(o.Label) == "" {
		return Change{}, fmt.Errorf("empty label")
	}
	d, newDoc, err := docFor(st, o.Doc)
	if err != nil {
		return Change{}, err
	}
	sp, err := makeSpan(d, fmt.Sprintf("s%d", d.nextSpan), o.Label, o.Start, o.End)
	if err != nil {
		return Change{}, err
	}
	if same := sameExtent(d, o.Start, o.End, ""); len(same) > 0 {
		return relabel(d, same, o.Label)
	}
	sp.Source = o.Source
	return Change{Name: "add-span", Doc: o.Doc.ID, NewDoc: newDoc, Undoable: true, Span: &sp,
		Muts: []Mut{{Doc: o.Doc.ID, Span: &sp}}}, nil
}

func applySetLabel(st State, o SetLabel) (Change, error) {
	d, err := knownDoc(st, o.Doc)
	if err != nil {
		return Change{}, err
	}
	if strings.TrimSpace(o.Label) == "" {
		return Change{}, fmt.Errorf("empty label")
	}
	sp, ok := d.spans[o.Span]
	if !ok {
		return Change{}, fmt.Errorf("document %q has no span %q", o.Doc, o.Span)
	}
	return relabel(d, sameExtent(d, sp.Start, sp.End, o.Span), o.Label)
}

// sameExtent lists the spans covering exactly [start,end), first the one
// named first (if any), then by ID. Spans are one layer, claims another:
// one extent holds at most one span.
func sameExtent(d *DocState, start, end int, first string) []Span {
	var out []Span
	for _, sp := range SortedSpans(d.spans) {
		if sp.Start == start && sp.End == end {
			if sp.ID == first {
				out = append([]Span{sp}, out...)
			} else {
				out = append(out, sp)
			}
		}
	}
	return out
}

// relabel gives the first of same (spans of one extent) the label and
// removes the others (left by versions that stacked spans), in one undoable
// step; a span that already has the label and no twin is ErrUnchanged.
func relabel(d *DocState, same []Span, label string) (Change, error) {
	doc := d.info.ID
	keep := same[0]
	for _, sp := range same {
		if sp.Label == label {
			keep = sp
			break
		}
	}
	if keep.Label == label && len(same) == 1 {
		return Change{Span: &keep}, fmt.Errorf("%w: «%s» is already %s", ErrUnchanged, keep.Text, label)
	}
	old := keep.Label
	keep.Label = label
	muts := []Mut{{Doc: doc, Span: &keep}}
	for _, sp := range same {
		if sp.ID != keep.ID {
			muts = append(muts, dropSpan(d, sp, keep.ID)...)
		}
	}
	return Change{Name: "set-label " + old + "→" + label, Doc: doc, Muts: muts, Undoable: true, Span: &keep}, nil
}

// dropSpan deletes sp; claims naming it as claimant move to the span into
// ("" keeps the claimant's text without a span).
func dropSpan(d *DocState, sp Span, into string) []Mut {
	doc := d.info.ID
	muts := []Mut{{Doc: doc, DelID: sp.ID}}
	for _, c := range SortedClaims(d.claims) {
		if c.Claimant.SpanID == sp.ID {
			c.Claimant.SpanID = into
			if c.Claimant.Text == "" {
				c.Claimant.Text = sp.Text
			}
			muts = append(muts, Mut{Doc: doc, Claim: &c})
		}
	}
	return muts
}

func applyRemove(st State, o Remove) (Change, error) {
	d, err := knownDoc(st, o.Doc)
	if err != nil {
		return Change{}, err
	}
	if strings.HasPrefix(o.ID, "c") {
		return removeClaim(st, d, o.ID)
	}
	sp, ok := d.spans[o.ID]
	if !ok {
		return Change{}, fmt.Errorf("document %q has no span %q", o.Doc, o.ID)
	}
	return Change{Name: "remove-span", Doc: o.Doc, Muts: dropSpan(d, sp, ""), Undoable: true}, nil
}

func applyResize(st State, o Resize) (Change, error) {
	d, err := knownDoc(st, o.Doc)
	if err != nil {
		return Change{}, err
	}
	start, end := o.Start, o.End
	old, ok := d.spans[o.Span]
	if !ok {
		return Change{}, fmt.Errorf("document %q has no span %q", o.Doc, o.Span)
	}
	if start == old.Start && end == old.End {
		return Change{Span: &old}, fmt.Errorf("%w: %s «%s» already has that extent", ErrUnchanged, old.Label, old.Text)
	}
	merged := map[string]Span{}
	for grew := true; grew; { // a merged span may reach one more
		grew = false
		for _, s := range SortedSpans(d.spans) {
			if s.ID != o.Span && s.Label == old.Label && merged[s.ID].ID == "" && s.Start < end && start < s.End {
				merged[s.ID] = s
				start, end, grew = min(start, s.Start), max(end, s.End), true
			}
		}
	}
	sp, err := makeSpan(d, o.Span, old.Label, start, end)
	if err != nil {
		return Change{}, err
	}
	sp.Source = old.Source // a suggestion resized by hand still came from its pattern
	for _, s := range SortedSpans(d.spans) {
		if s.ID != o.Span && merged[s.ID].ID == "" && s.Start == start && s.End == end {
			return Change{Span: &old}, fmt.Errorf("%s «%s» [%d,%d) is already %s (%s): tag it to relabel, or remove one", old.Label, sp.Text, start, end, s.Label, s.ID)
		}
	}
	muts := []Mut{{Doc: o.Doc, Span: &sp}}
	name := "resize-span"
	for _, s := range SortedSpans(merged) {
		muts = append(muts, dropSpan(d, s, o.Span)...)
		name = "resize-span (merged)"
	}
	return Change{Name: name, Doc: o.Doc, Muts: muts, Undoable: true, Span: &sp}, nil
}

func applyAnswer(st State, o Answer) (Change, error) {
	d, err := knownDoc(st, o.Doc)
	if err != nil {
		return Change{}, err
	}
	switch o.Answer {
	case "", AnswerAccept, AnswerReject, AnswerIgnore:
	default:
		return Change{}, fmt.Errorf("answer %q is not accept, reject or ignore", o.Answer)
	}
	if d.answer == o.Answer {
		return Change{}, fmt.Errorf("%w: document %q is already marked %q", ErrUnchanged, o.Doc, o.Answer)
	}
	a := o.Answer
	return Change{Name: "answer", Doc: o.Doc, Muts: []Mut{{Doc: o.Doc, Answer: &a}}, Undoable: true}, nil
}
