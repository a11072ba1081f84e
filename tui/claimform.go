package tui

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/annotations"
)

// claim form fields, top to bottom.
const (
	fieldClaimant = iota
	fieldAttribution
	fieldCheckworthy
	fieldValue
	fieldQualifier
	fieldUnit
	fieldCount
)

var (
	attributions = []string{annotations.AttrAsserted, annotations.AttrAttributed, annotations.AttrDenied}
	qualifiers   = []string{"", annotations.QualExact, annotations.QualApprox, annotations.QualMoreThan, annotations.QualLessThan}
)

// claimForm edits one claim, new or saved before: claimant, attribution,
// check-worthiness and its number (value, qualifier, unit).
type claimForm struct {
	doc      string
	claim    annotations.Claim
	orig     annotations.Claim // as the form opened, to tell a save that changes nothing
	editing  bool              // the claim was saved before; enter replaces it
	typed    bool              // the value was typed here: its surface is the typed phrase
	field    int
	claimant textinput.Model
	value    textinput.Model
	unit     textinput.Model
	entities []annotations.Span // spans of the document that can be the claimant
	entity   int                // index into entities, -1 for free text
}

// newInput is a text input that draws no cursor of its own and never blinks: the app
// draws fields through the text engine so Arabic reads right.
func newInput() textinput.Model {
	in := textinput.New()
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	in.Prompt = ""
	return in
}

func newClaimForm(doc string, c annotations.Claim, entities []annotations.Span) *claimForm {
	f := &claimForm{doc: doc, claim: c, orig: c, entities: entities, entity: -1,
		claimant: newInput(), value: newInput(), unit: newInput()}
	if c.Attribution == "" {
		f.claim.Attribution = annotations.AttrAsserted
	}
	f.claimant.SetValue(c.Claimant.Text)
	for i, e := range entities {
		if e.ID == c.Claimant.SpanID {
			f.entity = i
		}
	}
	if c.Numeric != nil {
		n := *c.Numeric // the form's own copy until enter
		f.claim.Numeric = &n
		f.value.SetValue(strconv.FormatFloat(n.Value, 'f', -1, 64))
		f.unit.SetValue(n.Unit)
	}
	for _, in := range []*textinput.Model{&f.claimant, &f.value, &f.unit} {
		in.CursorEnd()
	}
	f.claimant.Focus()
	return f
}

// Update handles a key through the form bindings of k; done reports the form closed,
// save whether to store it. Keys no binding takes are typed into a text field.
func (f *claimForm) Update(msg tea.KeyPressMsg, k *KeyMap) (done, save bool, cmd tea.Cmd) {
	switch {
	case key.Matches(msg, k.FormCancel):
		return true, false, nil
	case key.Matches(msg, k.FormSave):
		return true, true, nil
	case key.Matches(msg, k.FormNext):
		f.focus((f.field + 1) % fieldCount)
		return false, false, nil
	case key.Matches(msg, k.FormPrev):
		f.focus((f.field + fieldCount - 1) % fieldCount)
		return false, false, nil
	}
	step := 0
	switch {
	case key.Matches(msg, k.FormOptionNext):
		step = 1
	case key.Matches(msg, k.FormOptionPrev):
		step = -1
	}
	switch f.field {
	case fieldClaimant:
		if key.Matches(msg, k.FormEntityNext, k.FormEntityPrev) {
			f.cycleEntity(map[bool]int{true: 1, false: -1}[key.Matches(msg, k.FormEntityNext)])
			return false, false, nil
		}
		f.entity = -1
		f.claimant, cmd = f.claimant.Update(msg)
	case fieldAttribution:
		if step != 0 {
			f.claim.Attribution = cycle(attributions, f.claim.Attribution, step)
		}
	case fieldCheckworthy:
		switch {
		case key.Matches(msg, k.FormYes):
			f.claim.Checkworthy = true
		case key.Matches(msg, k.FormNo):
			f.claim.Checkworthy = false
		case step != 0:
			f.claim.Checkworthy = !f.claim.Checkworthy
		}
	case fieldValue:
		before := f.value.Value()
		f.value, cmd = f.value.Update(msg)
		if v := f.value.Value(); v != before {
			f.typed = true
			f.readTyped(v)
		}
	case fieldQualifier:
		q := ""
		if f.claim.Numeric != nil {
			q = f.claim.Numeric.Qualifier
		}
		if step != 0 {
			f.numeric().Qualifier = cycle(qualifiers, q, step)
		}
	case fieldUnit:
		f.unit, cmd = f.unit.Update(msg)
	}
	return false, false, cmd
}

func cycle(opts []string, cur string, step int) string {
	for i, o := range opts {
		if o == cur {
			return opts[(i+step+len(opts))%len(opts)]
		}
	}
	return opts[0]
}

// unchanged reports whether c is the claim as the form opened.
func (f *claimForm) unchanged(c annotations.Claim) bool { return reflect.DeepEqual(c, f.orig) }

// readTyped applies what a typed value says besides its number, as it is typed:
// «حوالى 10 آلاف» sets the qualifier to approx, «10 آلاف جندي» the unit.
func (f *claimForm) readTyped(v string) {
	p, ok := annotations.FindNumber(v)
	if !ok {
		return
	}
	if p.Qualified {
		f.numeric().Qualifier = p.Qualifier
	}
	if p.Unit != "" {
		f.unit.SetValue(p.Unit)
		f.unit.CursorEnd()
	}
}

func (f *claimForm) numeric() *annotations.Numeric {
	if f.claim.Numeric == nil {
		f.claim.Numeric = &annotations.Numeric{}
	}
	return f.claim.Numeric
}

func (f *claimForm) cycleEntity(step int) {
	if len(f.entities) == 0 {
		return
	}
	f.entity = (f.entity + step + len(f.entities)) % len(f.entities)
	f.claimant.SetValue(f.entities[f.entity].Text)
}

func (f *claimForm) focus(field int) {
	f.field = field
	for i, in := range []*textinput.Model{&f.claimant, &f.value, &f.unit} {
		if []int{fieldClaimant, fieldValue, fieldUnit}[i] == field {
			in.Focus()
		} else {
			in.Blur()
		}
	}
}

// result is the claim as the form leaves it. The value is read like a claim's text
// (annotations.ParseNumber): digits of any script, number and scale words, qualifier
// words; an empty value means the claim has no number.
func (f *claimForm) result() (annotations.Claim, error) {
	c := f.claim
	c.Claimant = annotations.Claimant{Text: strings.TrimSpace(f.claimant.Value())}
	if f.entity >= 0 {
		c.Claimant.SpanID = f.entities[f.entity].ID
	}
	v := strings.TrimSpace(f.value.Value())
	if v == "" {
		c.Numeric = nil
		return c, nil
	}
	p, ok := annotations.FindNumber(v)
	if !ok {
		return c, fmt.Errorf("value %q is not a number", v)
	}
	num := *f.numeric()
	num.Value = p.Value
	num.Unit = strings.TrimSpace(f.unit.Value())
	if num.Qualifier == "" {
		num.Qualifier = p.Qualifier
	}
	if f.typed || num.Surface == "" {
		// The store finds a typed phrase in the claim's text, if it is there.
		num.Surface, num.SurfaceStart, num.SurfaceEnd = p.Surface, 0, 0
	}
	c.Numeric = &num
	return c, nil
}

// View draws the form as rows of "label: value".
func (f *claimForm) View(a *App) string {
	st := &a.styles
	show := func(s string) string { return visualLTR(s, a.width-24, a.opts.Engine) }
	q := ""
	if f.claim.Numeric != nil {
		q = f.claim.Numeric.Qualifier
	}
	claimant := show(f.claimant.Value())
	if f.entity >= 0 {
		claimant += st.HeaderDim.Render(fmt.Sprintf("  (entity %s, %d/%d)", f.entities[f.entity].Label, f.entity+1, len(f.entities)))
	}
	k := &a.keys
	choose := k.FormOptionPrev.Help().Key + " " + k.FormOptionNext.Help().Key
	rows := []struct{ name, value, hint string }{
		{"claimant", claimant, "type, or " + k.FormEntityNext.Help().Key + "/" + k.FormEntityPrev.Help().Key + ": an entity of the document"},
		{"attribution", f.claim.Attribution, choose + ": asserted by the outlet / attributed to the claimant / denied"},
		{"check-worthy", map[bool]string{true: "yes", false: "no"}[f.claim.Checkworthy], k.FormYes.Help().Key + "/" + k.FormNo.Help().Key + " or " + choose},
		{"value", show(f.value.Value()), "digits in any script, or words: حوالى 10 آلاف"},
		{"qualifier", q, choose + ": exact, approx, more-than, less-than"},
		{"unit", show(f.unit.Value()), "e.g. جندي, ماده"},
	}
	title := "Claim "
	if f.editing {
		title = "Edit claim "
	}
	lines := []string{st.Header.Render(title+f.claim.ID+": ") + show("«"+f.claim.Span.Text+"»"), ""}
	for i, r := range rows {
		marker, val := "  ", r.value
		if i == f.field {
			marker = st.ListCursor.Render("▸ ")
			if i == fieldClaimant || i == fieldValue || i == fieldUnit {
				val += "█"
			}
		}
		lines = append(lines, fmt.Sprintf("%s%-13s %s   %s", marker, r.name+":", val, st.HeaderDim.Render(r.hint)))
	}
	esc := k.FormCancel.Help().Key + " keep defaults"
	if f.editing {
		esc = k.FormCancel.Help().Key + " leave it as it was"
	}
	lines = append(lines, "", st.HeaderDim.Render(k.FormNext.Help().Key+" "+k.FormPrev.Help().Key+" field · "+
		k.FormSave.Help().Key+" save · "+esc))
	return block(strings.Join(lines, "\n"), a.width, a.bodyHeight())
}
