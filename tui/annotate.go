package tui

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/text/layout"
)

// selection is the selected range for drawing, or an empty one.
func (p *Pane) selection() layout.Range {
	if p.selAnchor < 0 || !p.ready() {
		return layout.Range{}
	}
	r, _ := p.target()
	return r
}

// annotationKey handles the annotation keys; false means the key is not one of them.
func (a *App) annotationKey(p *Pane, msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := &a.keys
	if a.session == nil || !p.ready() {
		return nil, false
	}
	doc := p.info.ID
	if cmd, ok := a.suggestionKey(p, msg); ok {
		return cmd, true
	}
	switch {
	case key.Matches(msg, k.Select):
		if p.selAnchor >= 0 {
			p.selAnchor = -1
		} else {
			p.selAnchor, p.selExact = p.cursor, exactEnds{}
			a.setStatus("selecting: move to extend, a label key to tag, "+k.SelectCancel.Help().Key+" to cancel", false)
		}
	case p.selAnchor >= 0 && key.Matches(msg, k.SelectCancel):
		p.selAnchor = -1
		a.setStatus("selection cancelled", false)
	case key.Matches(msg, k.LabelPicker):
		if _, ok := p.target(); !ok {
			a.setStatus("nothing to tag here: move onto a word or select with "+k.Select.Help().Key, true)
			return nil, true
		}
		a.mode, a.labelCursor = modeLabels, 0
	case key.Matches(msg, k.Claim):
		return a.tag(p, a.schema.Claim.Name), true
	case key.Matches(msg, k.Remove):
		return a.removeUnderCursor(p), true
	case p.selAnchor >= 0 && key.Matches(msg, k.GrowStartChar, k.ShrinkStartChar, k.GrowEndChar, k.ShrinkEndChar):
		a.moveSelectionEnd(p, msg)
	case key.Matches(msg, k.GrowEnd, k.ShrinkEnd, k.GrowStart, k.ShrinkStart,
		k.GrowStartChar, k.ShrinkStartChar, k.GrowEndChar, k.ShrinkEndChar):
		return a.resizeUnderCursor(p, msg), true
	case key.Matches(msg, k.Undo):
		return a.apply("undo", annotations.Undo{Doc: doc}), true
	case key.Matches(msg, k.Redo):
		return a.apply("redo", annotations.Redo{Doc: doc}), true
	case key.Matches(msg, k.Accept, k.Reject, k.Ignore):
		ans := map[bool]string{true: annotations.AnswerAccept}[key.Matches(msg, k.Accept)]
		if key.Matches(msg, k.Reject) {
			ans = annotations.AnswerReject
		} else if key.Matches(msg, k.Ignore) {
			ans = annotations.AnswerIgnore
		}
		cmd := a.apply("document marked "+ans, annotations.Touch{Doc: p.docInfo()}, annotations.Answer{Doc: doc, Answer: ans})
		return withAfter(cmd, a.afterAnswer(p, p.DocIndex)), true
	case key.Matches(msg, k.Link):
		return a.startLink(p), true
	case key.Matches(msg, k.Unlink, k.Relink):
		return a.startLinkEdit(p, key.Matches(msg, k.Unlink)), true
	default:
		if l, ok := a.labelForKey(msg.String()); ok {
			return a.tag(p, l.Name), true
		}
		return nil, false
	}
	return nil, true
}

func (a *App) labelForKey(k string) (annotations.Label, bool) {
	for _, l := range a.schema.Labels {
		if l.Key == k {
			return l, true
		}
	}
	if a.schema.Boilerplate.Key == k {
		return a.schema.Boilerplate, true
	}
	return annotations.Label{}, false
}

// tag labels the pane's target. A span of the same extent gets the new label (the
// store keeps one span per extent); the same label again changes nothing and says so.
// The CLAIM label on a claim edits it; otherwise it makes a claim and opens its form.
func (a *App) tag(p *Pane, label string) tea.Cmd {
	if label == a.schema.Claim.Name && p.selAnchor < 0 {
		if c := a.claimAt(p); c != nil {
			a.openClaimForm(p, *c, true)
			return nil
		}
	}
	r, ok := p.target()
	if !ok {
		a.setStatus("nothing to tag here: move onto a word or select with v", true)
		return nil
	}
	p.selAnchor = -1
	info := p.docInfo()
	if label == a.schema.Claim.Name {
		a.pending++
		s := a.session
		return a.editor.run(func(seq uint64) tea.Msg {
			m := applyOps(s, annotations.AddClaim{Doc: info, Start: r.Start, End: r.End})
			m.seq = seq
			if m.change.Claim != nil {
				m.what = "claim " + m.change.Claim.ID
			}
			return claimAddedMsg{pane: p, editDoneMsg: m}
		})
	}
	text := p.view.text.Slice(r.Start, r.End)
	what := fmt.Sprintf("%s «%s»", label, text)
	for _, s := range a.spans(info.ID, r.Start, r.End) {
		if s.Start == r.Start && s.End == r.End && s.Label != label {
			what = fmt.Sprintf("%s → %s «%s»", s.Label, label, text)
		}
	}
	return a.apply(what, annotations.AddSpan{Doc: info, Label: label, Start: r.Start, End: r.End})
}

// claimAddedMsg brings a new claim back so its form can open.
type claimAddedMsg struct {
	pane *Pane
	editDoneMsg
}

// innermost finds the smallest span or claim holding the cursor.
func (a *App) innermost(p *Pane) (span *annotations.Span, claim *annotations.Claim) {
	best := -1
	for _, s := range a.spans(p.info.ID, p.cursor, p.cursor+1) {
		if n := s.End - s.Start; best < 0 || n < best {
			s := s
			span, best = &s, n
		}
	}
	for _, c := range a.claims(p.info.ID, p.cursor, p.cursor+1) {
		if n := c.Span.End - c.Span.Start; best < 0 || n < best {
			c := c
			span, claim, best = nil, &c, n
		}
	}
	return span, claim
}

func (a *App) removeUnderCursor(p *Pane) tea.Cmd {
	span, claim := a.innermost(p)
	doc := p.info.ID
	switch {
	case claim != nil:
		id := claim.ID
		return a.apply("claim "+id+" removed"+unlinkNote(*claim, a.keys.Undo), annotations.Remove{Doc: doc, ID: id})
	case span != nil:
		id, label := span.ID, span.Label
		return a.apply(label+" removed", annotations.Remove{Doc: doc, ID: id})
	}
	a.setStatus("no annotation under the cursor", true)
	return nil
}

// resizeUnderCursor grows or shrinks the innermost span by a word or a character at either end.
func (a *App) resizeUnderCursor(p *Pane, msg tea.KeyPressMsg) tea.Cmd {
	span, claim := a.innermost(p)
	if span == nil && claim == nil {
		a.setStatus("no annotation under the cursor to resize", true)
		return nil
	}
	var s, e int
	var id string
	if claim != nil {
		s, e, id = claim.Span.Start, claim.Span.End, claim.ID
	} else {
		s, e, id = span.Start, span.End, span.ID
	}
	text, off := p.view.window(s, e)
	s, e = resizeBounds(text, s-off, e-off, msg, &a.keys)
	r := shifted(snapToCharacters(text, s, e), off)
	if r.End <= r.Start {
		return nil
	}
	keepCursorIn(p, r)
	doc := p.info.ID
	if claim != nil {
		c := *claim
		c.Span.Start, c.Span.End = r.Start, r.End
		return a.apply("claim resized", annotations.EditClaim{Doc: doc, Claim: c})
	}
	what := fmt.Sprintf("%s «%s»", span.Label, p.view.text.Slice(r.Start, r.End))
	for _, o := range a.spans(doc, r.Start, r.End) {
		if o.ID != id && o.Label == span.Label {
			what += fmt.Sprintf(", merged with %s «%s»", o.Label, o.Text)
		}
	}
	return a.apply(what, annotations.Resize{Doc: doc, Span: id, Start: r.Start, End: r.End})
}

// editResult applies finished operations to the screen: the cache takes the documents
// as committed, and only a commit is confirmed as saved.
func (a *App) editResult(m editDoneMsg) (cmd tea.Cmd) {
	a.pending = max(a.pending-1, 0)
	for d, v := range m.views {
		a.remember(d, v, m.seq)
	}
	err := m.err
	if m.after != nil && (err == nil || errors.Is(err, annotations.ErrUnchanged)) {
		defer func() { cmd = tea.Batch(cmd, m.after()) }() // after the status says what was saved
	}
	if errors.Is(err, annotations.ErrUnchanged) {
		a.setStatus(err.Error(), false) // «…» is already GPE: nothing was recorded
		return nil
	}
	if err != nil {
		a.setStatus("NOT SAVED: "+shortPaths(err.Error())+" · nothing of this edit was written; try again", true)
		return nil
	}
	a.saved++
	a.setStatus(fmt.Sprintf("saved %d edit(s) · %s", a.saved, m.what), false)
	return a.scheduleExport()
}

// decorations are the annotation layers of pane p: spans by label colour, claims
// underlined, boilerplate dimmed, claims linked to the one under the cursor in bold.
func (a *App) decorations(p *Pane) []decoration {
	if a.session == nil || !p.ready() {
		return nil
	}
	first := p.view.line(p.top).Start
	end, _ := p.view.move(p.top, p.textHeight())
	last := p.view.line(end).End + 1
	key := decoKey{doc: p.info.ID, version: a.docs[p.info.ID].version, first: first, last: last, styleGen: a.styleGen,
		suggestGen: a.suggest.gen}
	if f := a.focused(); f.ready() {
		key.focusDoc, key.focusVersion, key.focusCursor = f.info.ID, a.docs[f.info.ID].version, f.cursor
	}
	if dc := &p.drawn; dc.decoValid && dc.decoKey == key {
		return dc.decos // the annotations and what they are drawn for are the same
	}
	var out []decoration
	for _, s := range a.spans(p.info.ID, first, last) {
		out = append(out, decoration{s.Start, s.End, a.labelLook(s.Label)})
	}
	linked := a.linkedToCursor()
	for _, c := range a.claims(p.info.ID, first, last) {
		look := a.styles.Claim
		if linked[p.info.ID+"#"+c.ID] {
			mergeLook(&look, a.styles.Linked)
		}
		out = append(out, decoration{c.Span.Start, c.Span.End, look})
	}
	out = append(out, a.suggestionDecorations(p, first, last)...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	p.drawn.decoKey, p.drawn.decos, p.drawn.decoValid = key, out, true
	return out
}

// decoKey is everything App.decorations reads: the pane's document and the version of its
// annotations, the range in view, and the focused cursor with its document's version (for
// the claims linked to the one under it).
type decoKey struct {
	doc          string
	version      uint64
	first, last  int
	focusDoc     string
	focusVersion uint64
	focusCursor  int
	styleGen     int // the styles the looks came from (App.restyle)
	suggestGen   int // the suggestions and propagation drawn (suggestLayer.gen)
}

// labelLook is the look of a label's spans: the palette's look for the label's place in
// the schema. In true colour a labels file's own colour is kept (the palette's
// attributes with it); 256 and 16 colours and NO_COLOR always take the palette's.
func (a *App) labelLook(name string) cellLook {
	if a.labelLooks == nil {
		a.labelLooks = map[string]cellLook{}
		def := annotations.DefaultSchema()
		for i, l := range a.schema.Labels {
			look := a.styles.LabelLook(i)
			if a.styles.pal.Profile == colorprofile.TrueColor && (i >= len(def.Labels) || l.Color != def.Labels[i].Color) {
				look.fg = lipgloss.Color(l.Color)
			}
			a.labelLooks[l.Name] = look
		}
		a.labelLooks[a.schema.Claim.Name] = a.styles.Claim
		a.labelLooks[a.schema.Boilerplate.Name] = a.styles.Boilerplate
	}
	return a.labelLooks[name]
}

// linkedToCursor names the claims linked to the claim under the focused cursor.
func (a *App) linkedToCursor() map[string]bool {
	p := a.focused()
	if a.session == nil || !p.ready() {
		return nil
	}
	out := map[string]bool{}
	for _, c := range a.claims(p.info.ID, p.cursor, p.cursor+1) {
		for _, l := range c.Links {
			out[l.To] = true
		}
	}
	return out
}

// describeLoaded answers, once doc's annotations are read, a cursor key that came before
// them (at start the keys may be quicker than the database); a later key cancels it.
func (a *App) describeLoaded(doc string) {
	if a.describeLate == "" || a.describeLate != doc {
		return
	}
	a.describeLate = ""
	if p := a.focused(); p.info.ID == doc {
		if d := a.describeCursor(p); d != "" {
			a.setStatus(d, false)
		}
	}
}

// describeCursor says what is annotated under the cursor, for the status line.
func (a *App) describeCursor(p *Pane) string {
	if a.session == nil || !p.ready() {
		return ""
	}
	var parts []string
	for _, s := range a.spans(p.info.ID, p.cursor, p.cursor+1) {
		parts = append(parts, fmt.Sprintf("%s «%s»", s.Label, s.Text))
	}
	for _, c := range a.claims(p.info.ID, p.cursor, p.cursor+1) {
		d := "CLAIM " + c.ID
		if c.Claimant.Text != "" {
			d += " by «" + c.Claimant.Text + "»" // quoted: the status line isolates it
		}
		if c.Attribution != "" {
			d += " (" + c.Attribution + ")"
		}
		if c.Checkworthy {
			d += " · check-worthy"
		} else {
			d += " · not check-worthy"
		}
		if c.Numeric != nil {
			d += fmt.Sprintf(" · %s %g", c.Numeric.Qualifier, c.Numeric.Value)
			if c.Numeric.Unit != "" {
				d += " «" + c.Numeric.Unit + "»"
			}
		}
		for _, l := range c.Links {
			d += " · " + l.Relation + " " + l.To
		}
		parts = append(parts, d)
	}
	if s := a.describeSuggestion(p); s != "" {
		parts = append(parts, s)
	}
	return strings.Join(parts, " | ")
}
