package tui

import (
	"errors"
	"fmt"
	"image/color"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/text/layout"
)

// defaultFlushDelay is how long after the last edit the training file is rewritten; the
// journal already holds every edit, so this only bounds how stale annotations.jsonl is.
const defaultFlushDelay = 2 * time.Second

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
	if a.store == nil || !p.ready() {
		return nil, false
	}
	doc := p.info.ID
	switch {
	case key.Matches(msg, k.Select):
		if p.selAnchor >= 0 {
			p.selAnchor = -1
		} else {
			p.selAnchor, p.selExact = p.cursor, exactEnds{}
			a.setStatus("selecting: move to extend, a label key to tag, esc to cancel", false)
		}
	case msg.String() == "esc" && p.selAnchor >= 0:
		p.selAnchor = -1
		a.setStatus("selection cancelled", false)
	case key.Matches(msg, k.LabelPicker):
		if _, ok := p.target(); !ok {
			a.setStatus("nothing to tag here: move onto a word or select with v", true)
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
		return a.edit("undo", func() error { return a.store.Undo(doc) }), true
	case key.Matches(msg, k.Redo):
		return a.edit("redo", func() error { return a.store.Redo(doc) }), true
	case key.Matches(msg, k.Accept, k.Reject, k.Ignore):
		ans := map[bool]string{true: annotations.AnswerAccept}[key.Matches(msg, k.Accept)]
		if key.Matches(msg, k.Reject) {
			ans = annotations.AnswerReject
		} else if key.Matches(msg, k.Ignore) {
			ans = annotations.AnswerIgnore
		}
		info := p.docInfo()
		return a.edit("document marked "+ans, func() error {
			if err := a.store.Touch(info); err != nil {
				return err
			}
			return a.store.SetAnswer(info.ID, ans)
		}), true
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

// edit queues a store operation; the screen confirms it when the result comes back.
func (a *App) edit(what string, f func() error) tea.Cmd {
	a.pending++
	return a.editor.run(storeJob(what, f))
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
		return a.editor.run(func() tea.Msg {
			c, err := a.store.AddClaim(info, r.Start, r.End)
			return claimAddedMsg{pane: p, doc: info.ID, claim: c, err: err}
		})
	}
	text := string(p.view.text[r.Start:r.End])
	a.pending++
	return a.editor.run(func() tea.Msg {
		what := fmt.Sprintf("%s «%s»", label, text)
		for _, s := range a.store.Spans(info.ID, r.Start, r.End) {
			if s.Start == r.Start && s.End == r.End && s.Label != label {
				what = fmt.Sprintf("%s → %s «%s»", s.Label, label, text)
			}
		}
		_, err := a.store.AddSpan(info, label, r.Start, r.End)
		return editDoneMsg{what: what, err: err}
	})
}

// claimAddedMsg brings a new claim back so its form can open.
type claimAddedMsg struct {
	pane  *Pane
	doc   string
	claim annotations.Claim
	err   error
}

// innermost finds the smallest span or claim holding the cursor.
func (a *App) innermost(p *Pane) (span *annotations.Span, claim *annotations.Claim) {
	best := -1
	for _, s := range a.store.Spans(p.info.ID, p.cursor, p.cursor+1) {
		if n := s.End - s.Start; best < 0 || n < best {
			s := s
			span, best = &s, n
		}
	}
	for _, c := range a.store.Claims(p.info.ID, p.cursor, p.cursor+1) {
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
		return a.edit("claim "+id+" removed"+unlinkNote(*claim), func() error { return a.store.RemoveClaim(doc, id) })
	case span != nil:
		id, label := span.ID, span.Label
		return a.edit(label+" removed", func() error { return a.store.RemoveSpan(doc, id) })
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
	s, e = resizeBounds(p.view.text, s, e, msg, &a.keys)
	r := snapToCharacters(p.view.text, s, e)
	if r.End <= r.Start {
		return nil
	}
	keepCursorIn(p, r)
	doc := p.info.ID
	if claim != nil {
		c := *claim
		c.Span.Start, c.Span.End = r.Start, r.End
		return a.edit("claim resized", func() error {
			_, err := a.store.UpdateClaim(doc, c)
			return err
		})
	}
	what := fmt.Sprintf("%s «%s»", span.Label, string(p.view.text[r.Start:r.End]))
	for _, o := range a.store.Spans(doc, r.Start, r.End) {
		if o.ID != id && o.Label == span.Label {
			what += fmt.Sprintf(", merged with %s «%s»", o.Label, o.Text)
		}
	}
	return a.edit(what, func() error {
		_, err := a.store.ResizeSpan(doc, id, r.Start, r.End)
		return err
	})
}

// editResult applies a finished store operation to the screen.
func (a *App) editResult(what string, err error) tea.Cmd {
	a.pending = max(a.pending-1, 0)
	if errors.Is(err, annotations.ErrUnchanged) {
		a.setStatus(err.Error(), false) // «…» is already GPE: nothing was recorded
		return nil
	}
	if err != nil {
		if annotations.IsNotDurable(err) {
			a.setStatus("NOT SAVED to disk ("+err.Error()+"); kept in memory, will retry", true)
		} else {
			a.setStatus(err.Error(), true)
		}
		return nil
	}
	a.saved++
	a.setStatus(fmt.Sprintf("saved %d edit(s) · %s", a.saved, what), false)
	a.flushGen++
	gen := a.flushGen
	return tea.Tick(a.flushDelay, func(time.Time) tea.Msg { return flushTickMsg{gen: gen} })
}

// decorations are the annotation layers of pane p: spans by label colour, claims
// underlined, boilerplate dimmed, claims linked to the one under the cursor in bold.
func (a *App) decorations(p *Pane) []decoration {
	if a.store == nil || !p.ready() {
		return nil
	}
	first := p.view.line(p.top).Start
	end, _ := p.view.move(p.top, p.textHeight())
	last := p.view.line(end).End + 1
	var out []decoration
	for _, s := range a.store.Spans(p.info.ID, first, last) {
		look := cellLook{fg: a.labelColor(s.Label)}
		if s.Label == a.schema.Boilerplate.Name {
			look = cellLook{faint: true}
		}
		out = append(out, decoration{s.Start, s.End, look})
	}
	linked := a.linkedToCursor()
	for _, c := range a.store.Claims(p.info.ID, first, last) {
		look := cellLook{underline: true, fg: a.labelColor(a.schema.Claim.Name)}
		if linked[p.info.ID+"#"+c.ID] {
			look.bold, look.reverse = true, true
		}
		out = append(out, decoration{c.Span.Start, c.Span.End, look})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// labelColor is the colour of a label, parsed once per schema (it is looked up for
// every span on every frame).
func (a *App) labelColor(name string) color.Color {
	if a.labelColors == nil {
		a.labelColors = map[string]color.Color{}
		for _, l := range a.schema.All() {
			a.labelColors[l.Name] = lipgloss.Color(l.Color)
		}
	}
	return a.labelColors[name]
}

// linkedToCursor names the claims linked to the claim under the focused cursor.
func (a *App) linkedToCursor() map[string]bool {
	p := a.focused()
	if a.store == nil || !p.ready() {
		return nil
	}
	out := map[string]bool{}
	for _, c := range a.store.Claims(p.info.ID, p.cursor, p.cursor+1) {
		for _, l := range c.Links {
			out[l.To] = true
		}
	}
	return out
}

// describeCursor says what is annotated under the cursor, for the status line.
func (a *App) describeCursor(p *Pane) string {
	if a.store == nil || !p.ready() {
		return ""
	}
	var parts []string
	for _, s := range a.store.Spans(p.info.ID, p.cursor, p.cursor+1) {
		parts = append(parts, fmt.Sprintf("%s «%s»", s.Label, s.Text))
	}
	for _, c := range a.store.Claims(p.info.ID, p.cursor, p.cursor+1) {
		d := "CLAIM " + c.ID
		if c.Claimant.Text != "" {
			d += " by " + c.Claimant.Text
		}
		if c.Attribution != "" {
			d += " (" + c.Attribution + ")"
		}
		if c.Numeric != nil {
			d += fmt.Sprintf(" %s %g %s", c.Numeric.Qualifier, c.Numeric.Value, c.Numeric.Unit)
		}
		for _, l := range c.Links {
			d += " · " + l.Relation + " " + l.To
		}
		parts = append(parts, d)
	}
	return strings.Join(parts, " | ")
}
