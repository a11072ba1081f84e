package tui

import (
	"fmt"
	"math"
	"reflect"
	"strings"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/text/doctext"
	"github.com/hashiya/hashiya/text/layout"
	"github.com/rivo/uniseg"
)

// walkText is a document's text with its grapheme cluster starts, computed once.
type walkText struct {
	runes    []rune
	boundary []bool // boundary[i]: a cluster starts at i (and at len)
}

func newWalkText(s string) *walkText {
	rs := []rune(s)
	wt := &walkText{runes: rs, boundary: make([]bool, len(rs)+1)}
	wt.boundary[len(rs)] = true
	state, i := -1, 0
	for s != "" {
		var cluster string
		cluster, s, _, state = uniseg.FirstGraphemeClusterInString(s, state)
		wt.boundary[i] = true
		i += len([]rune(cluster))
	}
	return wt
}

// onBoundary says whether offset i is in the text and not inside a grapheme cluster.
func (wt *walkText) onBoundary(i int) bool {
	return i >= 0 && i <= len(wt.runes) && wt.boundary[i]
}

// checkFrameSize returns a problem if the plain frame is not exactly w×h cells by the
// engine's width function.
func checkFrameSize(frame string, w, h int) string {
	lines := strings.Split(frame, "\n")
	if len(lines) != h {
		return fmt.Sprintf("frame has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if got := layout.StringWidth(l); got != w {
			return fmt.Sprintf("frame line %d is %d cells wide, want %d: %q", i, got, w, l)
		}
	}
	return ""
}

// onText says whether offset i can hold the cursor: a character of the text, or the end
// when the last line is empty (an empty text, or one ending with a paragraph separator).
func onText(text doctext.Text, i int) bool {
	n := text.Len()
	if i == n {
		return n == 0 || strings.ContainsRune("\n\r\u0085\u2029", text.At(n-1))
	}
	return i >= 0 && i < n
}

// checkPane returns a problem if the cursor, the selection anchor or the selection of p
// is outside its text or inside a grapheme cluster.
func checkPane(p *Pane, wt *walkText) (kind, detail string) {
	n := p.view.text.Len()
	switch {
	case !onText(p.view.text, p.cursor):
		return "cursor outside the text", fmt.Sprintf("cursor %d, text of %d code points", p.cursor, n)
	case !wt.onBoundary(p.cursor):
		return "cursor inside a character", fmt.Sprintf("cursor %d inside a grapheme cluster (%U)", p.cursor, p.view.text.At(p.cursor))
	case p.selAnchor >= 0 && !onText(p.view.text, p.selAnchor):
		return "selection outside the text", fmt.Sprintf("anchor %d, text of %d code points", p.selAnchor, n)
	case p.selAnchor >= 0 && !wt.onBoundary(p.selAnchor):
		return "selection inside a character", fmt.Sprintf("anchor %d inside a grapheme cluster", p.selAnchor)
	}
	if r := p.selection(); r.End > r.Start {
		if r.Start < 0 || r.End > n {
			return "selection outside the text", fmt.Sprintf("selection [%d,%d) of a %d-code-point text", r.Start, r.End, n)
		}
		if !wt.onBoundary(r.Start) || !wt.onBoundary(r.End) {
			return "selection inside a character", fmt.Sprintf("selection [%d,%d) cuts a grapheme cluster", r.Start, r.End)
		}
	}
	return "", ""
}

// spanLayer is the layer a label belongs to: spans of one layer must not repeat an extent.
func spanLayer(s annotations.Schema, label string) string {
	if label == s.Boilerplate.Name {
		return "boilerplate"
	}
	return "entity"
}

// checkStoreDoc returns the problems of one document's spans and claims: a span whose
// text is not text[start:end], one that cuts a character, and repeated extents.
func checkStoreDoc(st *testDB, schema annotations.Schema, doc string, wt *walkText) map[string]string {
	out := map[string]string{}
	seen := map[string]string{}
	one := func(what, layer string, sp annotations.Span) {
		if sp.Start < 0 || sp.End > len(wt.runes) || sp.Start >= sp.End {
			out[what+" outside the text"] = fmt.Sprintf("%s %s [%d,%d) in %s (%d code points)", what, sp.ID, sp.Start, sp.End, doc, len(wt.runes))
			return
		}
		if got := string(wt.runes[sp.Start:sp.End]); got != sp.Text {
			out[what+" text differs from text[start:end]"] = fmt.Sprintf("%s %s [%d,%d) in %s says %q, the text there is %q", what, sp.ID, sp.Start, sp.End, doc, sp.Text, got)
		}
		if !wt.onBoundary(sp.Start) || !wt.onBoundary(sp.End) {
			out[what+" cuts a character"] = fmt.Sprintf("%s %s %q [%d,%d) in %s cuts a grapheme cluster", what, sp.ID, sp.Text, sp.Start, sp.End, doc)
		}
		k := fmt.Sprintf("%s %d %d", layer, sp.Start, sp.End)
		if prev, dup := seen[k]; dup {
			kind := "duplicate " + layer + " " + what
			if layer == what {
				kind = "duplicate " + what
			}
			out[kind] = fmt.Sprintf("%s and %s %s both cover [%d,%d) %q in %s", prev, what, sp.ID+" "+sp.Label, sp.Start, sp.End, sp.Text, doc)
		}
		seen[k] = sp.ID + " " + sp.Label
	}
	for _, sp := range st.Spans(doc, 0, math.MaxInt) {
		one("span", spanLayer(schema, sp.Label), sp)
	}
	for _, c := range st.Claims(doc, 0, math.MaxInt) {
		sp := c.Span
		sp.ID = c.ID
		one("claim", "claim", sp)
	}
	return out
}

// docState is what the store holds for one document, for comparing across a reopen.
type docState struct {
	Text   string
	Spans  []annotations.Span
	Claims []annotations.Claim
	Answer string
}

func storeState(st *testDB, ids []string) map[string]docState {
	out := map[string]docState{}
	for _, id := range ids {
		v, err := st.Doc(id)
		if err != nil {
			continue
		}
		for i := range v.Claims {
			if len(v.Claims[i].Links) == 0 {
				v.Claims[i].Links = nil
			}
		}
		out[id] = docState{Text: v.Info.Text, Spans: v.Spans, Claims: v.Claims, Answer: v.Answer}
	}
	return out
}

// diffStates names the first difference between two store states, or "".
func diffStates(before, after map[string]docState) string {
	for id, b := range before {
		a, ok := after[id]
		switch {
		case !ok:
			return fmt.Sprintf("document %s is gone after reopening", id)
		case a.Text != b.Text:
			return fmt.Sprintf("document %s: text changed", id)
		case !reflect.DeepEqual(a.Spans, b.Spans):
			return fmt.Sprintf("document %s: spans before %+v, after %+v", id, b.Spans, a.Spans)
		case !reflect.DeepEqual(a.Claims, b.Claims):
			return fmt.Sprintf("document %s: claims before %+v, after %+v", id, b.Claims, a.Claims)
		case a.Answer != b.Answer:
			return fmt.Sprintf("document %s: answer %q before, %q after", id, b.Answer, a.Answer)
		}
	}
	for id := range after {
		if _, ok := before[id]; !ok {
			return fmt.Sprintf("document %s appears after reopening", id)
		}
	}
	return ""
}
