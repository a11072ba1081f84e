package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/annotations"
)

var relations = []string{annotations.RelSameClaim, annotations.RelContradicts, annotations.RelRefines, annotations.RelRelated}

// linkState is a cross-document link being made: from a claim, to a claim picked in
// another pane, with a relation.
type linkState struct {
	fromDoc, fromClaim string
	toDoc, toClaim     string
	picked             bool // the target claim is chosen; waiting for the relation
}

func (a *App) startLink(p *Pane) tea.Cmd {
	_, claim := a.innermost(p)
	if claim == nil {
		a.setStatus("no claim under the cursor to link from (c marks one)", true)
		return nil
	}
	a.link = &linkState{fromDoc: p.info.ID, fromClaim: claim.ID}
	a.setStatus(fmt.Sprintf("link from claim %s: go to a claim in another pane (tab) and press enter · esc cancels", claim.ID), false)
	return nil
}

// linkKey handles keys while a link is being made; false lets motions through.
func (a *App) linkKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	l := a.link
	switch msg.String() {
	case "esc":
		a.link = nil
		a.mode = modeNormal
		a.setStatus("link cancelled", false)
		return nil, true
	}
	if l.picked {
		idx := strings.Index("1234", msg.String())
		if idx < 0 {
			return nil, true
		}
		rel := relations[idx]
		a.link, a.mode = nil, modeNormal
		return a.edit(fmt.Sprintf("linked %s#%s %s %s#%s", l.fromDoc, l.fromClaim, rel, l.toDoc, l.toClaim), func() error {
			return a.store.LinkClaims(l.fromDoc, l.fromClaim, l.toDoc, l.toClaim, rel)
		}), true
	}
	if msg.String() != "enter" {
		return nil, false
	}
	p := a.focused()
	_, claim := a.innermost(p)
	switch {
	case claim == nil:
		a.setStatus("no claim under the cursor here; move onto one, or esc", true)
	case p.info.ID == l.fromDoc:
		a.setStatus("pick a claim in another document (tab to its pane)", true)
	default:
		l.toDoc, l.toClaim, l.picked = p.info.ID, claim.ID, true
		a.mode = modeRelation
		a.setStatus("relation: 1 same-claim · 2 contradicts · 3 refines · 4 related · esc cancels", false)
	}
	return nil, true
}
