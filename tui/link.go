package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/annotations"
)

var relations = []string{annotations.RelSameClaim, annotations.RelContradicts, annotations.RelRefines, annotations.RelRelated}

// choiceKey is the key that picks the i-th entry of a numbered prompt (relations,
// links): the i-th key of the link_choice binding, 1, 2, 3… by default.
func (k *KeyMap) choiceKey(i int) string {
	if ks := k.LinkChoice.Keys(); i < len(ks) {
		return ks[i]
	}
	return "?"
}

// choiceOf is the index a key picks among n entries, or -1.
func (k *KeyMap) choiceOf(msg tea.KeyPressMsg, n int) int {
	for i, ks := range k.LinkChoice.Keys() {
		if i < n && msg.String() == ks {
			return i
		}
	}
	return -1
}

// linkState is a cross-document link being made (from a claim, to a claim picked in
// another pane, with a relation), or an existing link being removed or given another
// relation.
type linkState struct {
	fromDoc, fromClaim string
	toDoc, toClaim     string
	picked             bool               // the target claim is chosen; waiting for the relation
	choices            []annotations.Link // X or R on a claim with several links: which one
	unlink             bool               // the chosen link is removed (X) rather than relabelled (R)
	oldRelation        string             // R: the relation the link has now
}

// claimAt is the smallest claim holding the cursor, even when a span inside it is
// smaller: claim keys act on claims.
func (a *App) claimAt(p *Pane) *annotations.Claim {
	var best *annotations.Claim
	for _, c := range a.claims(p.info.ID, p.cursor, p.cursor+1) {
		if best == nil || c.Span.End-c.Span.Start < best.Span.End-best.Span.Start {
			c := c
			best = &c
		}
	}
	return best
}

func (a *App) startLink(p *Pane) tea.Cmd {
	claim := a.claimAt(p)
	if claim == nil {
		a.setStatus("no claim under the cursor to link from ("+a.keys.Claim.Help().Key+" marks one)", true)
		return nil
	}
	a.link = &linkState{fromDoc: p.info.ID, fromClaim: claim.ID}
	a.setStatus(fmt.Sprintf("link from claim %s: go to a claim in another pane (%s) and press %s · %s", claim.ID,
		a.keys.NextPane.Help().Key, a.keys.LinkTarget.Help().Key, hint(a.keys.LinkCancel)), false)
	return nil
}

// startLinkEdit begins X (unlink) or R (change relation) on the claim under the
// cursor; with several links the user picks one by number first.
func (a *App) startLinkEdit(p *Pane, unlink bool) tea.Cmd {
	claim := a.claimAt(p)
	switch {
	case claim == nil:
		a.setStatus("no claim under the cursor", true)
		return nil
	case len(claim.Links) == 0:
		a.setStatus(fmt.Sprintf("claim %s has no links (%s makes one)", claim.ID, a.keys.Link.Help().Key), true)
		return nil
	}
	a.link = &linkState{fromDoc: p.info.ID, fromClaim: claim.ID, unlink: unlink}
	if len(claim.Links) == 1 {
		return a.chooseLink(claim.Links[0])
	}
	a.link.choices = claim.Links
	verb := "unlink"
	if !unlink {
		verb = "change the relation of"
	}
	parts := make([]string, 0, len(claim.Links))
	for i, l := range claim.Links {
		parts = append(parts, fmt.Sprintf("%s %s (%s)", a.keys.choiceKey(i), l.To, l.Relation))
	}
	a.mode = modeRelation
	a.setStatus(fmt.Sprintf("%s which link of %s? %s · %s", verb, claim.ID, strings.Join(parts, " · "), hint(a.keys.LinkCancel)), false)
	return nil
}

// chooseLink acts on one existing link: X removes it, R asks for its new relation.
func (a *App) chooseLink(l annotations.Link) tea.Cmd {
	st := a.link
	i := strings.LastIndex(l.To, "#")
	if i < 0 {
		a.link, a.mode = nil, modeNormal
		a.setStatus(fmt.Sprintf("link %q is not DOC#CLAIM; hashiya validate names the record", l.To), true)
		return nil
	}
	st.toDoc, st.toClaim, st.choices, st.oldRelation = l.To[:i], l.To[i+1:], nil, l.Relation
	if st.unlink {
		a.link, a.mode = nil, modeNormal
		what := fmt.Sprintf("unlinked %s#%s from %s (%s) on both sides · %s undoes", st.fromDoc, st.fromClaim, l.To, l.Relation, a.keys.Undo.Help().Key)
		return a.apply(what, annotations.UnlinkClaims{
			From: annotations.ClaimRef{Doc: st.fromDoc, Claim: st.fromClaim},
			To:   annotations.ClaimRef{Doc: st.toDoc, Claim: st.toClaim}})
	}
	st.picked = true
	a.mode = modeRelation
	a.setStatus(fmt.Sprintf("new relation for %s#%s → %s (now %s): %s · %s", st.fromDoc, st.fromClaim, l.To, l.Relation, a.relationPrompt(), hint(a.keys.LinkCancel)), false)
	return nil
}

func (a *App) relationPrompt() string {
	parts := make([]string, len(relations))
	for i, r := range relations {
		parts[i] = a.keys.choiceKey(i) + " " + r
	}
	return strings.Join(parts, " · ")
}

// linkKey handles keys while a link is being made or edited; false lets motions through.
func (a *App) linkKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	l := a.link
	if key.Matches(msg, a.keys.LinkCancel) {
		a.link = nil
		a.mode = modeNormal
		a.setStatus("link cancelled", false)
		return nil, true
	}
	if len(l.choices) > 0 {
		if i := a.keys.choiceOf(msg, len(l.choices)); i >= 0 {
			return a.chooseLink(l.choices[i]), true
		}
		return nil, true
	}
	if l.picked {
		idx := a.keys.choiceOf(msg, len(relations))
		if idx < 0 {
			return nil, true
		}
		rel := relations[idx]
		a.link, a.mode = nil, modeNormal
		what := fmt.Sprintf("linked %s#%s %s %s#%s", l.fromDoc, l.fromClaim, rel, l.toDoc, l.toClaim)
		if l.oldRelation != "" {
			what = fmt.Sprintf("%s#%s → %s#%s: %s → %s on both sides", l.fromDoc, l.fromClaim, l.toDoc, l.toClaim, l.oldRelation, rel)
		}
		return a.apply(what, annotations.LinkClaims{
			From:     annotations.ClaimRef{Doc: l.fromDoc, Claim: l.fromClaim},
			To:       annotations.ClaimRef{Doc: l.toDoc, Claim: l.toClaim},
			Relation: rel}), true
	}
	if !key.Matches(msg, a.keys.LinkTarget) {
		return nil, false
	}
	p := a.focused()
	claim := a.claimAt(p)
	switch {
	case claim == nil:
		a.setStatus("no claim under the cursor here; move onto one, or "+a.keys.LinkCancel.Help().Key, true)
	case p.info.ID == l.fromDoc:
		a.setStatus("pick a claim in another document ("+a.keys.NextPane.Help().Key+" to its pane)", true)
	default:
		l.toDoc, l.toClaim, l.picked = p.info.ID, claim.ID, true
		a.mode = modeRelation
		a.setStatus("relation: "+a.relationPrompt()+" · "+hint(a.keys.LinkCancel), false)
	}
	return nil, true
}

// unlinkNote says which links removing claim c drops (both sides; undo restores them).
func unlinkNote(c annotations.Claim, undo key.Binding) string {
	if len(c.Links) == 0 {
		return ""
	}
	parts := make([]string, len(c.Links))
	for i, l := range c.Links {
		parts[i] = fmt.Sprintf("%s (%s)", l.To, l.Relation)
	}
	return "; unlinked " + strings.Join(parts, ", ") + " · " + undo.Help().Key + " restores both sides"
}
