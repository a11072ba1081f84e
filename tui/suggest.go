package tui

import (
	"fmt"
	"sort"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/annotations"
)

// Suggestions are a layer of their own over a document (DESIGN.md, "Layers on a
// document"): what the pattern file (Options.Suggest) finds, less what is rejected this
// session and what overlaps the annotator's spans. They are never written anywhere; an
// accepted one becomes an ordinary AddSpan recording its source, pattern:ID.

// suggestion is one span the layer offers.
type suggestion struct {
	start, end int
	label      string
	source     string // recorded by the span once accepted: "pattern:ID"
}

func (s suggestion) covers(i int) bool { return s.start <= i && i < s.end }

// suggestLayer holds the matches of the documents the panes show.
type suggestLayer struct {
	byDoc    map[string][]suggestion
	rejected map[string]map[suggestion]bool
	gen      int // counts changes of what is drawn (matches, rejections, a propagation), for the cached decorations
}

// suggestionsMsg brings the matches of a document, computed off the Update loop.
type suggestionsMsg struct {
	doc  string
	list []suggestion
}

// suggestCmd matches the patterns in a document just loaded into p.
func (a *App) suggestCmd(p *Pane) tea.Cmd {
	m := a.opts.Suggest
	if m == nil || a.session == nil || p.view == nil {
		return nil
	}
	doc, text := p.info.ID, p.view.text
	return func() tea.Msg {
		var list []suggestion
		for _, x := range m.Match(text.Runes(0, text.Len())) {
			list = append(list, suggestion{x.Start, x.End, x.Label, "pattern:" + x.Pattern})
		}
		return suggestionsMsg{doc: doc, list: list}
	}
}

func (a *App) suggestionsArrived(msg suggestionsMsg) {
	l := &a.suggest
	l.gen++
	if l.byDoc == nil {
		l.byDoc, l.rejected = map[string][]suggestion{}, map[string]map[suggestion]bool{}
	}
	shown := map[string]bool{}
	for _, p := range a.panes {
		shown[p.info.ID] = true
	}
	for d := range l.byDoc {
		if !shown[d] {
			delete(l.byDoc, d)
		}
	}
	if shown[msg.doc] {
		l.byDoc[msg.doc] = msg.list
	}
}

// suggestions are the suggestions of doc shown now, sorted by start: of overlapping
// matches the longest (then the first) wins, as spaCy's EntityRuler keeps them; none
// overlaps a span of the annotator or one rejected.
func (a *App) suggestions(doc string) []suggestion {
	all := a.suggest.byDoc[doc]
	if len(all) == 0 {
		return nil
	}
	spans := a.view(doc).Spans
	rejected := a.suggest.rejected[doc]
	cands := make([]suggestion, 0, len(all))
	for _, s := range all {
		if !rejected[s] && !overlapsAny(spans, s.start, s.end) {
			cands = append(cands, s)
		}
	}
	return nonOverlapping(cands)
}

// nonOverlapping keeps the longest of overlapping suggestions, then the first.
func nonOverlapping(cands []suggestion) []suggestion {
	sort.SliceStable(cands, func(i, j int) bool {
		li, lj := cands[i].end-cands[i].start, cands[j].end-cands[j].start
		if li != lj {
			return li > lj
		}
		return cands[i].start < cands[j].start
	})
	var out []suggestion
	for _, s := range cands {
		free := true
		for _, o := range out {
			if s.start < o.end && o.start < s.end {
				free = false
				break
			}
		}
		if free {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

func overlapsAny(spans []annotations.Span, start, end int) bool {
	for _, sp := range spans {
		if sp.Start < end && start < sp.End {
			return true
		}
	}
	return false
}

// suggestionDecorations are the suggestions of pane p between first and last, in the
// palette's suggestion look: dim, with an underline style no label has (tui/palette).
func (a *App) suggestionDecorations(p *Pane, first, last int) []decoration {
	var out []decoration
	for _, s := range a.layerSuggestions(p) {
		if s.end > first && s.start < last {
			out = append(out, decoration{s.start, s.end, a.styles.Suggestion})
		}
	}
	return out
}

// layerSuggestions are the pattern suggestions of p's document and the propagation
// occurrences in it still to decide.
func (a *App) layerSuggestions(p *Pane) []suggestion {
	out := a.suggestions(p.info.ID)
	if a.prop != nil {
		for _, o := range a.prop.pending(p.info.ID) {
			if !overlapsAny(a.view(p.info.ID).Spans, o.start, o.end) {
				out = append(out, o.suggestion)
			}
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	}
	return out
}

// suggestionAt is the suggestion under p's cursor.
func (a *App) suggestionAt(p *Pane) (suggestion, bool) {
	for _, s := range a.suggestions(p.info.ID) {
		if s.covers(p.cursor) {
			return s, true
		}
	}
	return suggestion{}, false
}

// describeSuggestion tells what is suggested under the cursor, for the status line.
func (a *App) describeSuggestion(p *Pane) string {
	s, ok := a.suggestionAt(p)
	if !ok {
		return ""
	}
	k := &a.keys
	return fmt.Sprintf("suggested %s «%s» (%s) · %s accept · %s reject · %s accept all %d here",
		s.label, p.view.text.Slice(s.start, s.end), s.source,
		k.AcceptSuggestion.Help().Key, k.RejectSuggestion.Help().Key, k.AcceptAllSuggestions.Help().Key,
		len(a.suggestions(p.info.ID)))
}

// suggestionKey handles the suggestion keys; false means the key is not one of them.
func (a *App) suggestionKey(p *Pane, msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := &a.keys
	switch {
	case key.Matches(msg, k.Propagate):
		return a.startPropagation(p), true
	case a.opts.Suggest == nil:
		return nil, false
	case key.Matches(msg, k.AcceptSuggestion):
		s, ok := a.suggestionAt(p)
		if !ok {
			a.setStatus("no suggestion under the cursor", true)
			return nil, true
		}
		return a.acceptSuggestions(p, []suggestion{s}), true
	case key.Matches(msg, k.RejectSuggestion):
		s, ok := a.suggestionAt(p)
		if !ok {
			a.setStatus("no suggestion under the cursor", true)
			return nil, true
		}
		doc := p.info.ID
		if a.suggest.rejected[doc] == nil {
			a.suggest.rejected[doc] = map[suggestion]bool{}
		}
		a.suggest.rejected[doc][s] = true
		a.suggest.gen++
		a.setStatus(fmt.Sprintf("suggestion %s «%s» rejected (this session)", s.label, p.view.text.Slice(s.start, s.end)), false)
		return nil, true
	case key.Matches(msg, k.AcceptAllSuggestions):
		all := a.suggestions(p.info.ID)
		if len(all) == 0 {
			a.setStatus("no suggestions in this document", true)
			return nil, true
		}
		return a.acceptSuggestions(p, all), true
	}
	return nil, false
}

// acceptSuggestions tags each suggestion as an ordinary span of the annotator that
// records where it came from.
func (a *App) acceptSuggestions(p *Pane, list []suggestion) tea.Cmd {
	info := p.docInfo()
	ops := make([]annotations.Op, 0, len(list))
	for _, s := range list {
		ops = append(ops, annotations.AddSpan{Doc: info, Label: s.label, Start: s.start, End: s.end, Source: s.source})
	}
	what := fmt.Sprintf("accepted %d suggestion(s)", len(list))
	if len(list) == 1 {
		s := list[0]
		what = fmt.Sprintf("accepted %s «%s» from %s", s.label, p.view.text.Slice(s.start, s.end), s.source)
	}
	return a.apply(what, ops...)
}
