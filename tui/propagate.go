package tui

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/suggest"
	"github.com/hashiya/hashiya/model"
)

// Propagation: after tagging, the words of the span under the cursor are looked for
// (normalized, after proclitics, as whole words) across the corpus; the untagged
// occurrences are counted, then accepted all at once or stepped through one by one.
// Each accepted one records its source, propagation:DOC#SPAN.

// occurrence is one place the words occur untagged.
type occurrence struct {
	suggestion
	index int    // the document's index in the corpus
	doc   string // its ID
	done  bool   // accepted or skipped
}

type propagation struct {
	text, label string
	occ         []occurrence
	at          int // the occurrence stepped to, -1 before the first
}

// pending are the occurrences in doc still to decide.
func (pr *propagation) pending(doc string) []occurrence {
	var out []occurrence
	for _, o := range pr.occ {
		if o.doc == doc && !o.done {
			out = append(out, o)
		}
	}
	return out
}

func (pr *propagation) left() (n, docs int) {
	seen := map[string]bool{}
	for _, o := range pr.occ {
		if !o.done {
			n++
			seen[o.doc] = true
		}
	}
	return n, len(seen)
}

// propFoundMsg brings the occurrences the corpus scan found, before the annotator's
// spans are checked.
type propFoundMsg struct {
	prop *propagation
	err  error
}

// propReadyMsg brings the occurrences that are not yet tagged.
type propReadyMsg struct {
	prop *propagation
	err  error
}

// startPropagation looks for the words of the span under the cursor in every document,
// in a command: reading the corpus is I/O.
func (a *App) startPropagation(p *Pane) tea.Cmd {
	span, _ := a.innermost(p)
	if span == nil || span.Label == a.schema.Boilerplate.Name {
		a.setStatus("propagate: put the cursor on a tagged span first", true)
		return nil
	}
	line, _ := json.Marshal(map[string]string{"label": span.Label, "pattern": span.Text})
	ps, _, err := suggest.Parse(bytes.NewReader(line), "propagation")
	if err != nil || len(ps) == 0 {
		a.setStatus("propagate: «"+span.Text+"» cannot be matched as words", true)
		return nil
	}
	m, _ := suggest.Compile(ps, suggest.Options{Proclitics: true})
	source := "propagation:" + p.info.ID + "#" + span.ID
	corpus, from := a.corpus, p.info.ID
	fromSpan := *span
	a.setStatus(fmt.Sprintf("looking for «%s» in %d documents…", span.Text, corpus.Len()), false)
	return func() tea.Msg {
		pr := &propagation{text: fromSpan.Text, label: fromSpan.Label, at: -1}
		for i := 0; i < corpus.Len(); i++ {
			d, err := corpus.Load(i)
			if err != nil {
				return propFoundMsg{err: err}
			}
			for _, x := range m.Match(d.Text.Runes(0, d.Text.Len())) {
				if d.ID == from && x.Start < fromSpan.End && fromSpan.Start < x.End {
					continue
				}
				pr.occ = append(pr.occ, occurrence{suggestion: suggestion{x.Start, x.End, fromSpan.Label, source}, index: i, doc: d.ID})
			}
		}
		return propFoundMsg{prop: pr}
	}
}

// untagged keeps the occurrences no span of the annotator overlaps, read behind every
// edit queued before.
func (a *App) untagged(pr *propagation) tea.Cmd {
	s := a.session
	return a.editor.run(func(uint64) tea.Msg {
		views := map[string]annotations.DocView{}
		keep := pr.occ[:0]
		for _, o := range pr.occ {
			v, ok := views[o.doc]
			if !ok {
				var err error
				v, err = s.Doc(o.doc)
				if err != nil && !errors.Is(err, annotations.ErrUnknownDoc) {
					return propReadyMsg{err: err}
				}
				views[o.doc] = v
			}
			if !overlapsAny(v.Spans, o.start, o.end) {
				keep = append(keep, o)
			}
		}
		pr.occ = keep
		return propReadyMsg{prop: pr}
	})
}

func (a *App) propagationMsg(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case propFoundMsg:
		if msg.err != nil {
			a.setStatus("propagate: "+shortPaths(msg.err.Error()), true)
			return nil, true
		}
		return a.untagged(msg.prop), true
	case propReadyMsg:
		if msg.err != nil {
			a.setStatus("propagate: "+shortPaths(msg.err.Error()), true)
			return nil, true
		}
		pr := msg.prop
		if len(pr.occ) == 0 {
			a.prop = nil
			a.setStatus(fmt.Sprintf("«%s»: no untagged occurrence elsewhere in the corpus", pr.text), false)
			return nil, true
		}
		a.prop = pr
		a.suggest.gen++ // its occurrences are drawn as suggestions
		a.propStatus("")
		return nil, true
	case suggestionsMsg:
		a.suggestionsArrived(msg)
		return nil, true
	}
	return nil, false
}

// propStatus shows what is left and the keys.
func (a *App) propStatus(prefix string) {
	n, docs := a.prop.left()
	k := &a.keys
	a.setStatus(fmt.Sprintf("%s%s «%s»: %d untagged in %d document(s) · %s accept all · %s next · %s accept and next · %s skip · %s stop",
		prefix, a.prop.label, a.prop.text, n, docs, k.AcceptAllSuggestions.Help().Key, k.Propagate.Help().Key,
		k.AcceptSuggestion.Help().Key, k.RejectSuggestion.Help().Key, k.PropagateStop.Help().Key), false)
}

// propagationKey handles keys while occurrences wait: accept all, step, accept or skip
// the current one, stop. Other keys work as usual.
func (a *App) propagationKey(p *Pane, msg tea.KeyPressMsg) (tea.Cmd, bool) {
	cmd, ok := a.decideOccurrence(p, msg)
	if ok {
		a.suggest.gen++ // occurrences decided or the propagation over: drawn otherwise
	}
	return cmd, ok
}

func (a *App) decideOccurrence(p *Pane, msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := &a.keys
	pr := a.prop
	switch {
	case key.Matches(msg, k.PropagateStop):
		a.prop = nil
		a.setStatus("propagation stopped", false)
		return nil, true
	case key.Matches(msg, k.AcceptAllSuggestions):
		var list []occurrence
		for i := range pr.occ {
			if !pr.occ[i].done {
				list = append(list, pr.occ[i])
				pr.occ[i].done = true
			}
		}
		a.prop = nil
		return a.acceptOccurrences(list, fmt.Sprintf("%s «%s» tagged in %d more place(s)", pr.label, pr.text, len(list))), true
	case key.Matches(msg, k.Propagate):
		return a.stepOccurrence(p), true
	case key.Matches(msg, k.AcceptSuggestion, k.RejectSuggestion):
		if pr.at < 0 || pr.occ[pr.at].done || pr.occ[pr.at].doc != p.info.ID || !p.ready() {
			return a.stepOccurrence(p), true
		}
		o := &pr.occ[pr.at]
		o.done = true
		var cmd tea.Cmd
		if key.Matches(msg, k.AcceptSuggestion) {
			cmd = a.acceptOccurrences([]occurrence{*o}, fmt.Sprintf("%s «%s» tagged", o.label, pr.text))
		}
		if n, _ := pr.left(); n == 0 {
			a.prop = nil
			return cmd, true
		}
		return tea.Batch(cmd, a.stepOccurrence(p)), true
	}
	return nil, false
}

// stepOccurrence moves the focused pane to the next occurrence still to decide,
// opening its document when it is another.
func (a *App) stepOccurrence(p *Pane) tea.Cmd {
	pr := a.prop
	for i := 1; i <= len(pr.occ); i++ {
		j := (pr.at + i) % len(pr.occ)
		if pr.occ[j].done {
			continue
		}
		pr.at = j
		o := pr.occ[j]
		a.propStatus(fmt.Sprintf("%d/%d · ", j+1, len(pr.occ)))
		if p.ready() && p.DocIndex == o.index && p.info.ID == o.doc {
			delete(a.jumps, p)
			landAt(p, o.start)
			return nil
		}
		return a.openAt(p, o.index, o.start)
	}
	a.prop = nil
	return nil
}

// acceptOccurrences tags occurrences, loading the documents not shown, and skips any
// a span has covered meanwhile; one job, behind every edit queued before.
func (a *App) acceptOccurrences(list []occurrence, what string) tea.Cmd {
	a.pending++
	s, corpus := a.session, a.corpus
	return a.editor.run(func(seq uint64) tea.Msg {
		out := editDoneMsg{what: what, seq: seq, views: map[string]annotations.DocView{}}
		docs := map[string]*model.Document{}
		for _, o := range list {
			d := docs[o.doc]
			if d == nil {
				var err error
				if d, err = corpus.Load(o.index); err != nil {
					out.err = err
					break
				}
				docs[o.doc] = d
			}
			if v, err := s.Doc(o.doc); err == nil && overlapsAny(v.Spans, o.start, o.end) {
				continue
			}
			info := annotations.DocInfo{ID: d.ID, Text: d.Text.String(), Source: d.Source, Lang: d.Lang}
			ch, err := s.Apply(annotations.AddSpan{Doc: info, Label: o.label, Start: o.start, End: o.end, Source: o.source})
			out.change = ch
			if err != nil {
				out.err = err
				break
			}
		}
		for id := range docs {
			if v, err := s.Doc(id); err == nil {
				out.views[id] = v
			}
		}
		return out
	})
}
