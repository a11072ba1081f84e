package tui

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/annotations"
)

// annList is the list behind "A": the focused document's spans, claims and their
// links in text order. Jump puts the cursor on one; remove deletes it through the
// session as any edit (undoable with u). Its rows come from the cache on every frame,
// so a removal shows when the database has it.
type annList struct {
	pane   *Pane
	cursor int
}

// annItem is one row: a span, a claim, or a link of the claim above it.
type annItem struct {
	span  *annotations.Span
	claim *annotations.Claim
	link  *annotations.Link // with claim: the claim it starts from
}

func (it annItem) start() int {
	if it.span != nil {
		return it.span.Start
	}
	return it.claim.Span.Start
}

func (a *App) openAnnotationList(p *Pane) {
	if a.session == nil || !p.ready() {
		a.setStatus("no annotations here: the reader is read-only or the document is loading", true)
		return
	}
	a.annList = annList{pane: p}
	a.mode = modeAnnList
}

// annItems lists the annotations of p's document: spans and claims by start (a claim
// after the spans starting where it does), each claim's links under it.
func (a *App) annItems(p *Pane) []annItem {
	v := a.view(p.info.ID)
	var out []annItem
	for i := range v.Spans {
		out = append(out, annItem{span: &v.Spans[i]})
	}
	for i := range v.Claims {
		out = append(out, annItem{claim: &v.Claims[i]})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].start() < out[j].start() })
	withLinks := make([]annItem, 0, len(out))
	for _, it := range out {
		withLinks = append(withLinks, it)
		if it.claim != nil {
			for k := range it.claim.Links {
				withLinks = append(withLinks, annItem{claim: it.claim, link: &it.claim.Links[k]})
			}
		}
	}
	return withLinks
}

func (a *App) annListKey(msg tea.KeyPressMsg) tea.Cmd {
	l := &a.annList
	p := l.pane
	items := a.annItems(p)
	k := &a.keys
	switch {
	case key.Matches(msg, k.QuitFromPrompt):
		return a.quit()
	case key.Matches(msg, k.ListClose, k.AnnotationList):
		a.mode = modeNormal
	case key.Matches(msg, k.Down):
		l.cursor = min(l.cursor+1, max(len(items)-1, 0))
	case key.Matches(msg, k.Up):
		l.cursor = max(l.cursor-1, 0)
	case len(items) == 0:
	case key.Matches(msg, k.ListJump):
		a.mode = modeNormal
		it := items[min(l.cursor, len(items)-1)]
		p.selAnchor = -1
		p.jumpTo(it.start())
		p.ensureVisible()
		if d := a.describeCursor(p); d != "" {
			a.setStatus(d, false)
		}
	case key.Matches(msg, k.Remove):
		return a.removeItem(p, items[min(l.cursor, len(items)-1)])
	}
	return nil
}

// removeItem deletes a span or claim, or unlinks a link on both sides.
func (a *App) removeItem(p *Pane, it annItem) tea.Cmd {
	doc := p.info.ID
	switch {
	case it.link != nil:
		i := strings.LastIndex(it.link.To, "#")
		if i < 0 {
			a.setStatus(fmt.Sprintf("link %q is not DOC#CLAIM; hashiya validate names the record", it.link.To), true)
			return nil
		}
		what := fmt.Sprintf("unlinked %s#%s from %s (%s) on both sides · %s undoes", doc, it.claim.ID, it.link.To, it.link.Relation, a.keys.Undo.Help().Key)
		return a.apply(what, annotations.UnlinkClaims{
			From: annotations.ClaimRef{Doc: doc, Claim: it.claim.ID},
			To:   annotations.ClaimRef{Doc: it.link.To[:i], Claim: it.link.To[i+1:]}})
	case it.claim != nil:
		return a.apply("claim "+it.claim.ID+" removed"+unlinkNote(*it.claim, a.keys.Undo), annotations.Remove{Doc: doc, ID: it.claim.ID})
	}
	return a.apply(fmt.Sprintf("%s «%s» removed · %s undoes", it.span.Label, isolateText(it.span.Text), a.keys.Undo.Help().Key), annotations.Remove{Doc: doc, ID: it.span.ID})
}

// View lists the annotations, the chosen one highlighted.
func (l *annList) View(a *App) string {
	p := l.pane
	items := a.annItems(p)
	l.cursor = min(l.cursor, max(len(items)-1, 0))
	spans, claims, links := 0, 0, 0
	for _, it := range items {
		switch {
		case it.link != nil:
			links++
		case it.claim != nil:
			claims++
		default:
			spans++
		}
	}
	k := &a.keys
	head := fmt.Sprintf("Annotations of %s: %d span(s), %d claim(s), %d link(s) · %s jumps · %s removes · %s closes",
		p.info.ID, spans, claims, links, k.ListJump.Help().Key, k.Remove.Help().Key, k.ListClose.Help().Key)
	lines := []string{a.styles.Header.Render(visualLTR(head, a.width, a.opts.Engine))}
	if len(items) == 0 {
		lines = append(lines, " nothing annotated in this document yet")
	}
	h := a.bodyHeight()
	rows := max(h-1, 1)
	start := max(0, l.cursor-rows+1)
	for i := start; i < len(items) && i < start+rows; i++ {
		row := a.annRow(items[i], a.width-1)
		if i == l.cursor {
			lines = append(lines, a.styles.ListCursor.Render("▸"+row))
		} else {
			lines = append(lines, " "+row)
		}
	}
	return block(strings.Join(lines, "\n"), a.width, h)
}

// annRow is one annotation in width cells: id, label, offsets (code points), text.
func (a *App) annRow(it annItem, width int) string {
	var left, text string
	switch {
	case it.link != nil:
		left = fmt.Sprintf("%-5s   ↳ %-11s → ", "", it.link.Relation)
		text = it.link.To
	case it.claim != nil:
		c := it.claim
		left = fmt.Sprintf("%-5s %-11s %6d–%-6d ", c.ID, a.schema.Claim.Name, c.Span.Start, c.Span.End)
		text = "«" + c.Span.Text + "»"
		if c.Claimant.Text != "" {
			text += " · " + c.Claimant.Text
		}
		if c.Attribution != "" {
			text += " · " + c.Attribution
		}
	default:
		s := it.span
		left = fmt.Sprintf("%-5s %-11s %6d–%-6d ", s.ID, s.Label, s.Start, s.End)
		text = "«" + s.Text + "»"
	}
	return left + visualLTR(text, max(width-textWidth(left), 1), a.opts.Engine)
}
