package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/annotations/agree"
	"github.com/hashiya/hashiya/text/bidi"
	"github.com/hashiya/hashiya/text/layout"
)

// View draws the review screen.
func (r *Review) View() tea.View {
	v := tea.NewView(r.render())
	v.AltScreen = true
	return v
}

// render is the screen as plain lines: a title, the panes side by side,
// the status and the keys.
func (r *Review) render() string {
	if !r.loaded {
		return "reading the annotators' versions…"
	}
	if len(r.docs) == 0 {
		return "no document has versions of two annotators to review\n" + r.status + "\n" + hint(r.keys.ReviewQuit)
	}
	d, rev := r.docs[r.doc], r.review
	next := "none"
	if i := r.nextNeeding(); i >= 0 {
		next = r.docs[i].ID
	}
	lines := []string{
		layout.Truncate(layout.SanitizeLine(fmt.Sprintf("review · doc %d of %d · %s · %s · span F1 exact %s · next needing review: %s",
			r.doc+1, len(r.docs), d.ID, reviewStatus(r.gold, d.ID), rev.F1Exact, next)), r.width, "…"),
		layout.Truncate(layout.SanitizeLine(fmt.Sprintf("agreed: %d span(s), %d claim(s), answer %s · %d difference(s) to decide",
			len(rev.Spans), len(rev.Claims), orNone(rev.Answer), r.undecided())), r.width, "…"),
	}
	n := max(1, len(rev.Annotators))
	paneW := max(10, (r.width-(n-1)*3)/n)
	bodyH := max(3, r.height-len(lines)-2)
	var panes [][]string
	for i := range rev.Annotators {
		panes = append(panes, r.paneLines(i, paneW))
	}
	for row := 0; row < bodyH; row++ {
		var b strings.Builder
		for i, p := range panes {
			cell := ""
			if j := r.scroll + row; j < len(p) {
				cell = p[j]
			}
			if i > 0 {
				b.WriteString(" │ ")
			}
			b.WriteString(cell)
			if i < len(panes)-1 {
				b.WriteString(strings.Repeat(" ", max(0, paneW-layout.StringWidth(cell))))
			}
		}
		lines = append(lines, strings.TrimRight(b.String(), " "))
	}
	lines = append(lines, visualMessage(r.status, r.width, r.engine)) // it may quote a span
	k := r.keys
	lines = append(lines, fitHint(r.width, k.ReviewAutoAccept, k.ReviewAcceptItem, k.ReviewRejectItem, k.ReviewAcceptVersion,
		k.ReviewDone, k.ReviewNextNeeding, k.ReviewNextPane, k.ReviewQuit))
	return strings.Join(lines, "\n")
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func (r *Review) undecided() int {
	n := 0
	for i := range r.review.Annotators {
		n += len(r.paneDiffs(i))
	}
	return n
}

// paneLines is pane i: its annotator, its spans (= agreed, ≠ differing,
// ✓ in gold), the differences still to decide (the selected one marked › in
// the focused pane), then the text laid out by the engine at the pane's width.
func (r *Review) paneLines(i, width int) []string {
	who := r.review.Annotators[i]
	var v agree.Version
	for _, x := range r.docs[r.doc].Versions {
		if x.Annotator == who {
			v = x
		}
	}
	head := who + " · " + orNone(v.Answer)
	if i == r.focus {
		head = "▶ " + head
	}
	out := []string{layout.Truncate(layout.SanitizeLine(head), width, "…")}
	diffs := r.paneDiffs(i)
	for _, s := range v.Spans {
		mark := "="
		for _, d := range diffs {
			if d.Span != nil && d.Span.Start == s.Start && d.Span.End == s.End && d.Span.Label == s.Label {
				mark = "≠"
			}
		}
		if r.inGold(agree.Difference{Span: &s}) {
			mark = "✓"
		}
		out = append(out, visualMessage(fmt.Sprintf("%s %s «%s»", mark, s.Label, s.Text), width, r.engine))
	}
	for _, c := range v.Claims {
		out = append(out, visualMessage(fmt.Sprintf("  claim «%s» %s", c.Span.Text, c.Attribution), width, r.engine))
	}
	if len(diffs) > 0 {
		out = append(out, "to decide:")
	}
	for j, d := range diffs {
		lead := "  "
		if i == r.focus && j == r.item {
			lead = "› "
		}
		out = append(out, visualMessage(lead+d.Kind+": "+d.Detail, width, r.engine))
	}
	out = append(out, "")
	text := []rune(r.docs[r.doc].Text)
	for _, p := range layout.Paragraphs(text) {
		para := layout.LayoutParagraph(text[p.Start:p.End], p.Start, layout.Options{Width: width, Dir: bidi.Auto, Bidi: r.engine.Bidi, Shaping: r.engine.Shaping})
		for li := range para.Lines {
			out = append(out, para.Lines[li].String())
		}
	}
	return out
}
