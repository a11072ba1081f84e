package tui

import (
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/suggest"
	"github.com/hashiya/hashiya/model"
)

const treatyPatterns = "../annotations/suggest/testdata/treaty.patterns.jsonl"

func treatyMatcher(t *testing.T) *suggest.Matcher {
	t.Helper()
	f, err := os.Open(treatyPatterns)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ps, warns, err := suggest.Parse(f, "treaty.patterns.jsonl")
	if err != nil || len(warns) > 0 {
		t.Fatal(err, warns)
	}
	m, _ := suggest.Compile(ps, suggest.Options{Proclitics: true})
	return m
}

// newSuggestingApp is the annotating reader on the sample with the sample's patterns.
func newSuggestingApp(t *testing.T) (*App, *testDB, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "annotations.jsonl")
	st, err := openSession(t, out, "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := New(Options{Corpus: model.Sample(), CorpusName: "treaty (sample)", Annotator: "test", Session: st,
		Export: st.export, Out: out, ExportEvery: time.Millisecond, Suggest: treatyMatcher(t)})
	drive(t, a, a.Init())
	resize(t, a, 120, 40)
	return a, st, out
}

func trainingFile(t *testing.T, a *App, out string) string {
	t.Helper()
	if err := a.exporter.export(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return string(b)
}

func TestSuggestionsAcceptRejectAcceptAll(t *testing.T) {
	a, _, out := newSuggestingApp(t)
	p := a.focused()
	doc := p.info.ID
	all := a.suggestions(doc)
	if len(all) < 5 || all[0].start != 0 || all[0].label != "PERSON" || all[0].source != "pattern:putin" {
		t.Fatalf("suggestions %+v", all)
	}
	// overlapping matches: «فلاديمير بوتين» is offered, not «بوتين» inside it
	for _, s := range all {
		if p.view.text.Slice(s.start, s.end) == "فلاديمير بوتين" && s.source != "pattern:putin-full" {
			t.Errorf("%+v", s)
		}
	}
	if strings.Contains(trainingFile(t, a, out), "spans") {
		t.Fatal("suggestions reached the training file before any was accepted")
	}
	press(t, a, a.keys.AcceptSuggestion.Keys()[0]) // the cursor is on the first word
	spans := a.spans(doc, 0, 5)
	if len(spans) != 1 || spans[0].Source != "pattern:putin" || spans[0].Label != "PERSON" {
		t.Fatalf("spans after accepting: %+v", spans)
	}
	if got := a.suggestions(doc); len(got) != len(all)-1 || got[0] == all[0] {
		t.Fatalf("the accepted suggestion is still offered: %d of %d", len(got), len(all))
	}
	second := all[1]
	p.jumpTo(second.start)
	if d := a.describeSuggestion(p); !strings.Contains(d, second.source) {
		t.Errorf("status for the suggestion under the cursor: %q", d)
	}
	press(t, a, a.keys.RejectSuggestion.Keys()[0])
	if got := a.suggestions(doc); len(got) != len(all)-2 || len(a.spans(doc, second.start, second.end)) != 0 {
		t.Fatalf("rejecting: %d suggestions left, spans %+v", len(got), a.spans(doc, second.start, second.end))
	}
	press(t, a, a.keys.AcceptAllSuggestions.Keys()[0])
	if got := a.suggestions(doc); len(got) != 0 {
		t.Fatalf("%d suggestions left after accepting all", len(got))
	}
	if n := len(a.view(doc).Spans); n != len(all)-1 {
		t.Fatalf("%d spans, want %d (all but the rejected one)", n, len(all)-1)
	}
	file := trainingFile(t, a, out)
	if c := strings.Count(file, `"source":"pattern:`); c != len(all)-1 {
		t.Fatalf("training file has %d spans with a pattern source, want %d", c, len(all)-1)
	}
}

// TestSuggestionsNotOfferedOverSpans: a word tagged by hand is not suggested again,
// and a suggestion never hides or changes the span.
func TestSuggestionsNotOfferedOverSpans(t *testing.T) {
	a, _, _ := newSuggestingApp(t)
	p := a.focused()
	press(t, a, "5") // the first word, بوتين, as NORP by hand
	for _, s := range a.suggestions(p.info.ID) {
		if s.start < 5 {
			t.Fatalf("suggested over a span: %+v", s)
		}
	}
	press(t, a, a.keys.AcceptSuggestion.Keys()[0])
	if sp := a.spans(p.info.ID, 0, 5); len(sp) != 1 || sp[0].Label != "NORP" || sp[0].Source != "" {
		t.Fatalf("%+v", sp)
	}
}

// TestSuggestionLookCannotBeMistaken: in every colour profile, NO_COLOR (ASCII)
// included, on dark and light, the SGR a suggestion's cells reach the terminal with
// (after the painter's conversion) is no span's of any label, no claim's, no
// boilerplate's and not plain text's; and the frame draws the first word so.
func TestSuggestionLookCannotBeMistaken(t *testing.T) {
	a, _, _ := newSuggestingApp(t)
	for _, prof := range []colorprofile.Profile{colorprofile.TrueColor, colorprofile.ANSI256, colorprofile.ANSI, colorprofile.ASCII} {
		for _, bg := range []color.Color{color.Black, color.White} {
			a.Update(tea.ColorProfileMsg{Profile: prof})
			a.Update(tea.BackgroundColorMsg{Color: bg})
			sgr, d := sgrCache{}, newDownsampler(prof)
			shown := func(l cellLook) string { // as the painter sends it ("" for plain text)
				if s := sgr.open(l); s != "" {
					return d.convert(s)
				}
				return ""
			}
			mine := shown(a.styles.Suggestion)
			if !strings.Contains(mine, "4:") {
				t.Errorf("%v on %v: suggestion drawn as %q, no underline style", prof, bg, mine)
			}
			others := map[string]cellLook{"plain text": {}}
			for _, l := range a.schema.All() {
				others[l.Name] = a.labelLook(l.Name)
			}
			for name, o := range others {
				if theirs := shown(o); theirs == mine {
					t.Errorf("%v on %v: a suggestion looks like %s (%q)", prof, bg, name, mine)
				}
			}
			if v := a.View().Content; !strings.Contains(v, sgr.open(a.styles.Suggestion)) {
				t.Errorf("%v on %v: no suggestion drawn on the screen", prof, bg)
			}
		}
	}
}

// TestRejectedSuggestionStayedDrawn: the drawn annotations are cached by the document's
// version, which rejecting a suggestion does not change: the rejected one stayed on the
// screen in the suggestion's look.
func TestRejectedSuggestionStayedDrawn(t *testing.T) {
	a, _, _ := newSuggestingApp(t)
	p := a.focused()
	look := sgrCache{}.open(a.styles.Suggestion)
	before := strings.Count(a.View().Content, look)
	if before == 0 {
		t.Fatal("no suggestion drawn")
	}
	if _, ok := a.suggestionAt(p); !ok {
		t.Fatalf("no suggestion under the cursor at %d", p.cursor)
	}
	press(t, a, a.keys.RejectSuggestion.Keys()[0])
	if after := strings.Count(a.View().Content, look); after >= before {
		t.Fatalf("%d runs in the suggestion's look after rejecting, %d before", after, before)
	}
}

func TestPropagationAcceptsAllAcrossTheCorpus(t *testing.T) {
	a, _ := newAnnotatingApp(t, 120, 40) // propagation needs no pattern file
	st := a.session
	p := a.focused()
	press(t, a, "1") // بوتين, PERSON
	press(t, a, a.keys.Propagate.Keys()[0])
	if a.prop == nil {
		t.Fatalf("no propagation; status %q", a.status)
	}
	n, docs := a.prop.left()
	if n < 20 || docs < 3 || !strings.Contains(screen(a), "untagged in") {
		t.Fatalf("%d occurrences in %d documents; screen:\n%s", n, docs, screen(a))
	}
	press(t, a, a.keys.AcceptAllSuggestions.Keys()[0])
	total := 0
	c := model.Sample()
	for i := 0; i < c.Len(); i++ {
		d, _ := c.Load(i)
		v, err := st.Doc(d.ID)
		if err != nil {
			continue
		}
		for _, sp := range v.Spans {
			if sp.Source != "" {
				if sp.Source != "propagation:"+p.info.ID+"#s1" || sp.Label != "PERSON" || annotations.CodePointLen(sp.Text) != 5 {
					t.Errorf("%s: %+v", d.ID, sp)
				}
				total++
			}
		}
	}
	if total != n {
		t.Fatalf("%d spans propagated, %d were found", total, n)
	}
	// a second time finds nothing left
	press(t, a, a.keys.Propagate.Keys()[0])
	if a.prop != nil || !strings.Contains(a.status, "no untagged") {
		t.Fatalf("status %q", a.status)
	}
}

func TestPropagationStepsOneByOne(t *testing.T) {
	a, _ := newAnnotatingApp(t, 120, 40) // propagation needs no pattern file
	st := a.session
	p := a.focused()
	press(t, a, "1", a.keys.Propagate.Keys()[0])
	n, _ := a.prop.left()
	first := a.prop.occ[0]
	press(t, a, a.keys.Propagate.Keys()[0]) // to the first occurrence
	if p.info.ID != first.doc || p.cursor != first.start {
		t.Fatalf("at %s:%d, want %s:%d", p.info.ID, p.cursor, first.doc, first.start)
	}
	press(t, a, a.keys.AcceptSuggestion.Keys()[0]) // accept it, go to the second
	second := a.prop.occ[1]
	if p.info.ID != second.doc || p.cursor != second.start {
		t.Fatalf("after accepting: at %s:%d, want %s:%d", p.info.ID, p.cursor, second.doc, second.start)
	}
	press(t, a, a.keys.RejectSuggestion.Keys()[0]) // skip it
	if left, _ := a.prop.left(); left != n-2 {
		t.Fatalf("%d left, want %d", left, n-2)
	}
	press(t, a, a.keys.PropagateStop.Keys()[0])
	if a.prop != nil {
		t.Fatal("esc did not stop")
	}
	v1, _ := st.Doc(first.doc)
	v2, _ := st.Doc(second.doc)
	if !hasSpanAt(v1, first.start, first.end) || hasSpanAt(v2, second.start, second.end) {
		t.Fatalf("accepted one tagged: %v, skipped one tagged: %v", hasSpanAt(v1, first.start, first.end), hasSpanAt(v2, second.start, second.end))
	}
}

func hasSpanAt(v annotations.DocView, s, e int) bool {
	for _, sp := range v.Spans {
		if sp.Start == s && sp.End == e {
			return true
		}
	}
	return false
}

// TestPropagationJumpLeftForAnotherDocument: stepping to an occurrence in another
// document and opening a third before it loaded put the cursor of the third at the
// occurrence's offset.
func TestPropagationJumpLeftForAnotherDocument(t *testing.T) {
	a, _ := newAnnotatingApp(t, 120, 40)
	p := a.focused()
	press(t, a, "1", a.keys.Propagate.Keys()[0])
	var far occurrence
	for _, o := range a.prop.occ {
		if o.index != p.DocIndex && o.start > 0 {
			far = o
			break
		}
	}
	a.prop.at = -1
	for i, o := range a.prop.occ {
		if o == far {
			a.prop.at = i - 1 // the next step lands on far
		}
	}
	_, step := a.Update(keyMsg(a.keys.Propagate.Keys()[0])) // far's document starts loading
	_, other := a.Update(keyMsg(a.keys.NextDoc.Keys()[0]))  // and another is asked for before it arrives
	drive(t, a, step)
	drive(t, a, other)
	if p.DocIndex == far.index || p.cursor != 0 {
		t.Fatalf("document %d (far one %d), cursor %d: the jump meant for the other document was applied", p.DocIndex, far.index, p.cursor)
	}
}
