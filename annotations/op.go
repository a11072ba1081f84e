package annotations

import (
	"encoding/json"
	"fmt"
	"reflect"
)

// Op is one user edit as a value: built by the reader, applied by Apply
// (pure: no I/O, no lock), persisted by a store. Undo and Redo are
// operations of the session that keeps the history (see Revert).
type Op interface {
	// Kind names the operation in logs: "add-span", "link", ...
	Kind() string
}

// Touch registers a document without annotating it (e.g. before Answer).
type Touch struct{ Doc DocInfo }

// AddSpan labels text[Start:End] (code points, end exclusive). One extent
// holds one span: tagging a tagged extent relabels it.
type AddSpan struct {
	Doc        DocInfo
	Label      string
	Start, End int
	Source     string // the new span's Span.Source ("pattern:ID"), or ""
}

// SetLabel relabels a span, keeping its ID and extent.
type SetLabel struct {
	Doc   string `json:"doc"`
	Span  string `json:"span"`
	Label string `json:"label"`
}

// Resize moves a span's boundaries; same-label spans it overlaps merge in.
type Resize struct {
	Doc   string `json:"doc"`
	Span  string `json:"span"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Remove deletes a span ("sN"; claims naming it as claimant keep its text)
// or a claim ("cN"; the claims linked to it lose the link).
type Remove struct {
	Doc string `json:"doc"`
	ID  string `json:"id"`
}

// AddClaim marks text[Start:End] as a claim.
type AddClaim struct {
	Doc        DocInfo
	Start, End int
}

// EditClaim replaces a claim's editable fields (see Store.UpdateClaim).
type EditClaim struct {
	Doc   string `json:"doc"`
	Claim Claim  `json:"claim"`
}

// LinkClaims links two claims both ways with Relation (replacing a link between them).
type LinkClaims struct {
	From     ClaimRef `json:"from"`
	To       ClaimRef `json:"to"`
	Relation string   `json:"relation"`
}

// UnlinkClaims removes the link between two claims in both directions.
type UnlinkClaims struct {
	From ClaimRef `json:"from"`
	To   ClaimRef `json:"to"`
}

// SetRelation changes the relation of an existing link (both directions).
type SetRelation struct {
	From     ClaimRef `json:"from"`
	To       ClaimRef `json:"to"`
	Relation string   `json:"relation"`
}

// Answer sets accept, reject or ignore ("" clears) on a touched document.
type Answer struct {
	Doc    string `json:"doc"`
	Answer string `json:"answer"`
}

// Undo reverts the last change recorded in a document's history.
type Undo struct {
	Doc string `json:"doc"`
}

// Redo re-applies the last change undone in a document's history.
type Redo struct {
	Doc string `json:"doc"`
}

func (Touch) Kind() string        { return "touch" }
func (AddSpan) Kind() string      { return "add-span" }
func (SetLabel) Kind() string     { return "set-label" }
func (Resize) Kind() string       { return "resize-span" }
func (Remove) Kind() string       { return "remove" }
func (AddClaim) Kind() string     { return "add-claim" }
func (EditClaim) Kind() string    { return "update-claim" }
func (LinkClaims) Kind() string   { return "link-claims" }
func (UnlinkClaims) Kind() string { return "unlink-claims" }
func (SetRelation) Kind() string  { return "set-relation" }
func (Answer) Kind() string       { return "answer" }
func (Undo) Kind() string         { return "undo" }
func (Redo) Kind() string         { return "redo" }

// OpDoc is the document whose history an operation is recorded in.
func OpDoc(op Op) string {
	switch o := op.(type) {
	case Touch:
		return o.Doc.ID
	case AddSpan:
		return o.Doc.ID
	case SetLabel:
		return o.Doc
	case Resize:
		return o.Doc
	case Remove:
		return o.Doc
	case AddClaim:
		return o.Doc.ID
	case EditClaim:
		return o.Doc
	case LinkClaims:
		return o.From.Doc
	case UnlinkClaims:
		return o.From.Doc
	case SetRelation:
		return o.From.Doc
	case Answer:
		return o.Doc
	case Undo:
		return o.Doc
	case Redo:
		return o.Doc
	}
	return ""
}

// EncodeOp renders op as JSON for an operation log: {"op":KIND,...}. A
// document is named by its ID only; its text is never copied into the log.
func EncodeOp(op Op) ([]byte, error) {
	v := map[string]any{"op": op.Kind()}
	switch o := op.(type) {
	case Touch:
		v["doc"] = o.Doc.ID
	case AddSpan:
		v["doc"], v["label"], v["start"], v["end"] = o.Doc.ID, o.Label, o.Start, o.End
		if o.Source != "" {
			v["source"] = o.Source
		}
	case AddClaim:
		v["doc"], v["start"], v["end"] = o.Doc.ID, o.Start, o.End
	default:
		b, err := json.Marshal(op)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, &v); err != nil {
			return nil, err
		}
		v["op"] = op.Kind()
	}
	return json.Marshal(v)
}

// Mut puts or deletes one span or claim, or sets a document's answer: the
// unit of every change, its inverse and the journal.
type Mut struct {
	Doc    string  `json:"doc"`
	Span   *Span   `json:"span,omitempty"`
	Claim  *Claim  `json:"claim,omitempty"`
	DelID  string  `json:"del,omitempty"` // span or claim ID to delete
	Answer *string `json:"answer,omitempty"`
}

// Change is what an operation does: the mutations to apply in order, and
// what it made. Span and Claim are set (also with an ErrUnchanged error) by
// operations that create or edit one.
type Change struct {
	Name     string   // what the user did, for history and logs
	Doc      string   // document whose undo history records it
	NewDoc   *DocInfo // set on a document's first touch: register it first
	Muts     []Mut
	Undoable bool
	Span     *Span
	Claim    *Claim
}

// Empty reports a change that needs nothing written (Touch of a known document).
func (c Change) Empty() bool { return len(c.Muts) == 0 && c.NewDoc == nil }

// Docs lists the documents the change's mutations touch, first-seen order.
func (c Change) Docs() []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range c.Muts {
		if !seen[m.Doc] {
			seen[m.Doc] = true
			out = append(out, m.Doc)
		}
	}
	return out
}

// State is what operations read: one annotator's documents. Apply never
// changes what it returns.
type State interface {
	// Doc returns a document's state, nil if the annotator never touched it.
	Doc(id string) (*DocState, error)
	// ClusterMembers lists the claims of a cluster, in a stable order.
	ClusterMembers(cluster string) ([]ClaimAt, error)
}

// ClaimAt is a claim with the ID of its document.
type ClaimAt struct {
	Doc   string
	Claim Claim
}

// Apply computes what op does to st: the change, and its inverse (the
// mutations that restore st, in the order to apply them). It changes
// nothing; the caller applies change.Muts (DocState.Put) and persists them.
// An edit that would change nothing is an ErrUnchanged error.
func Apply(st State, op Op) (Change, []Mut, error) {
	ch, err := plan(st, op)
	if err != nil {
		return ch, nil, err
	}
	inv, known, err := inverse(st, ch.Muts)
	if err != nil {
		return ch, nil, err
	}
	if len(ch.Muts) > 0 && ch.NewDoc == nil && known && sameMuts(inv, ch.Muts) {
		return ch, nil, fmt.Errorf("%s: %w", ch.Name, ErrUnchanged)
	}
	return ch, inv, nil
}

func plan(st State, op Op) (Change, error) {
	switch o := op.(type) {
	case Touch:
		return applyTouch(st, o)
	case AddSpan:
		return applyAddSpan(st, o)
	case SetLabel:
		return applySetLabel(st, o)
	case Resize:
		return applyResize(st, o)
	case Remove:
		return applyRemove(st, o)
	case AddClaim:
		return applyAddClaim(st, o)
	case EditClaim:
		return applyEditClaim(st, o)
	case LinkClaims:
		return applyLink(st, o.From, o.To, o.Relation, false)
	case SetRelation:
		return applyLink(st, o.From, o.To, o.Relation, true)
	case UnlinkClaims:
		return applyUnlink(st, o)
	case Answer:
		return applyAnswer(st, o)
	case Undo, Redo:
		return Change{}, fmt.Errorf("%s is applied by the session that keeps the history", op.Kind())
	case nil:
		return Change{}, fmt.Errorf("no operation")
	}
	return Change{}, fmt.Errorf("unknown operation %T", op)
}

// inverse returns the mutations restoring the state before muts (reversed,
// ready to apply), and whether every document they touch is known.
func inverse(st State, muts []Mut) ([]Mut, bool, error) {
	type key struct{ doc, kind, id string }
	keyOf := func(m Mut) key {
		switch {
		case m.Answer != nil:
			return key{m.Doc, "a", ""}
		case m.Span != nil:
			return key{m.Doc, "o", m.Span.ID}
		case m.Claim != nil:
			return key{m.Doc, "o", m.Claim.ID}
		}
		return key{m.Doc, "o", m.DelID}
	}
	seen := map[key]Mut{} // a later mutation of the same object sees the earlier one
	known := true
	inv := make([]Mut, len(muts))
	for i, m := range muts {
		k := keyOf(m)
		before, ok := seen[k]
		if !ok {
			d, err := st.Doc(m.Doc)
			if err != nil {
				return nil, false, err
			}
			if d == nil {
				known = false
				d = &DocState{}
			}
			before = d.Current(m)
		}
		seen[k] = m
		inv[len(muts)-1-i] = before
	}
	return inv, known, nil
}

func sameMuts(inv, muts []Mut) bool {
	for i, m := range muts {
		if !sameState(inv[len(muts)-1-i], m) {
			return false
		}
	}
	return true
}

func sameState(a, b Mut) bool { return reflect.DeepEqual(normMut(a), normMut(b)) }

// normMut makes equal states compare equal (nil vs empty link lists).
func normMut(m Mut) Mut {
	if m.Claim != nil {
		c := CloneClaim(*m.Claim)
		m.Claim = &c
	}
	return m
}

// Step is one undoable change as a history keeps it: Before restores the
// state before it (its inverse), After re-applies it.
type Step struct {
	Name          string
	Before, After []Mut
}

// Revert computes undoing (undo) or redoing a history step. It refuses if
// an object the step would restore was changed since (e.g. by a link
// recorded in another document's history), so a stale undo never clobbers
// a later edit. Already in the target state is ErrUnchanged: only the
// history moves.
func Revert(st State, s Step, undo bool) (Change, []Mut, error) {
	want, next, verb := s.After, s.Before, "undo"
	if !undo {
		want, next, verb = s.Before, s.After, "redo"
	}
	for _, m := range want {
		d, err := st.Doc(m.Doc)
		if err != nil {
			return Change{}, nil, err
		}
		if d == nil || !sameState(d.Current(m), m) {
			return Change{}, nil, fmt.Errorf("cannot %s %s: document %q changed it since", verb, s.Name, m.Doc)
		}
	}
	ch := Change{Name: verb + " " + s.Name, Muts: next}
	if len(next) > 0 {
		ch.Doc = next[0].Doc
	}
	inv, _, err := inverse(st, next)
	if err != nil {
		return ch, nil, err
	}
	if len(next) > 0 && sameMuts(inv, next) {
		return ch, nil, fmt.Errorf("%s: %w", ch.Name, ErrUnchanged)
	}
	return ch, inv, nil
}
