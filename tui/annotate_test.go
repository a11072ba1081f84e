package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/model"
)

func newAnnotatingApp(t *testing.T, w, h int) (*App, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "annotations.jsonl")
	st, err := openSession(t, out, "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := New(Options{Corpus: model.Sample(), CorpusName: "treaty (sample)", Annotator: "test", Session: st, Export: st.export, Out: out, ExportEvery: time.Millisecond})
	drive(t, a, a.Init())
	resize(t, a, w, h)
	return a, out
}

func TestTagWordUnderCursor(t *testing.T) {
	a, _ := newAnnotatingApp(t, 120, 40)
	p := a.focused()
	press(t, a, "1") // PERSON on the first word: بوتين
	spans := a.spans(p.info.ID, 0, 100)
	if len(spans) != 1 || spans[0].Label != "PERSON" || spans[0].Text != "بوتين" || spans[0].Start != 0 {
		t.Fatalf("spans after 1: %+v", spans)
	}
	if !strings.Contains(screen(a), "saved 1 edit") {
		t.Errorf("the screen does not confirm the save")
	}
	press(t, a, "u")
	if n := len(a.spans(p.info.ID, 0, 100)); n != 0 {
		t.Fatalf("undo left %d spans", n)
	}
	press(t, a, "ctrl+r")
	if n := len(a.spans(p.info.ID, 0, 100)); n != 1 {
		t.Fatalf("redo gave %d spans", n)
	}
	press(t, a, "x")
	if n := len(a.spans(p.info.ID, 0, 100)); n != 0 {
		t.Fatalf("x left %d spans", n)
	}
}

func TestSelectionSpansWordsAndGrowShrink(t *testing.T) {
	a, _ := newAnnotatingApp(t, 120, 40)
	p := a.focused()
	press(t, a, "w", "v", "w", "w", "9") // LAW over three words from the second
	spans := a.spans(p.info.ID, 0, 200)
	if len(spans) != 1 {
		t.Fatalf("spans: %+v", spans)
	}
	s := spans[0]
	if got := p.view.text.Slice(s.Start, s.End); got != s.Text || s.Label != "LAW" {
		t.Fatalf("span %+v does not hold its text %q", s, got)
	}
	if strings.Count(strings.TrimSpace(s.Text), " ") != 2 {
		t.Errorf("selection over three words gave %q", s.Text)
	}
	press(t, a, ">")
	grown := a.spans(p.info.ID, 0, 200)[0]
	if grown.End <= s.End || strings.Count(grown.Text, " ") != 3 {
		t.Fatalf("> did not grow by a word: %q (status %q)", grown.Text, a.status)
	}
	press(t, a, "<", "<")
	shrunk := a.spans(p.info.ID, 0, 200)[0]
	if strings.Count(shrunk.Text, " ") != 1 {
		t.Fatalf("<< did not shrink by two words: %q", shrunk.Text)
	}
}

func TestClaimFormAndCrossDocumentLink(t *testing.T) {
	a, out := newAnnotatingApp(t, 120, 40)
	left, right := a.panes[0], a.panes[1]
	press(t, a, "1") // PERSON بوتين, a claimant candidate
	press(t, a, "w", "c")
	if a.mode != modeClaim {
		t.Fatal("c did not open the claim form")
	}
	press(t, a, "ctrl+n")                // claimant: the PERSON span
	press(t, a, "tab", "right")          // attribution: attributed
	press(t, a, "tab", "y")              // check-worthy
	press(t, a, "tab")                   // value
	typeText(t, a, "١٠ آلاف")            // Arabic-Indic digits and a number word
	press(t, a, "tab", "right", "right") // qualifier: approx
	press(t, a, "enter")
	claims := a.claims(left.info.ID, 0, left.view.text.Len())
	if len(claims) != 1 {
		t.Fatalf("claims: %+v", claims)
	}
	c := claims[0]
	if c.Claimant.Text != "بوتين" || c.Claimant.SpanID == "" || c.Attribution != "attributed" || !c.Checkworthy {
		t.Fatalf("claim fields not saved: %+v", c)
	}
	if c.Numeric == nil || c.Numeric.Value != 10000 || c.Numeric.Qualifier != "approx" {
		t.Fatalf("numeric not saved: %+v", c.Numeric)
	}

	// A claim in the second pane, then a link from the first: contradicts.
	press(t, a, "tab", "c", "esc")
	press(t, a, "shift+tab")
	if a.focused() != left {
		t.Fatal("shift+tab did not come back")
	}
	press(t, a, "L", "tab", "enter", "2")
	lc := a.claims(left.info.ID, 0, left.view.text.Len())[0]
	rc := a.claims(right.info.ID, 0, right.view.text.Len())[0]
	if len(lc.Links) != 1 || lc.Links[0].Relation != "contradicts" || lc.Links[0].To != right.info.ID+"#"+rc.ID {
		t.Fatalf("link not made: %+v", lc.Links)
	}
	if lc.Cluster == "" || lc.Cluster != rc.Cluster {
		t.Fatalf("linked claims do not share a cluster: %q %q", lc.Cluster, rc.Cluster)
	}
	press(t, a, "a")
	if !strings.Contains(screen(a), "answered 1/5") {
		t.Errorf("header does not show the answer")
	}
	press(t, a, "q")
	if !a.closing {
		t.Fatal("q did not save and close")
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) < 2 || !strings.Contains(string(data), `"contradicts"`) || !strings.Contains(string(data), `"offset_unit":"codepoint"`) {
		t.Fatalf("training file after quit has %d records:\n%s", len(lines), data)
	}
}

func TestNoAnnotationOnWhitespace(t *testing.T) {
	a, _ := newAnnotatingApp(t, 120, 40)
	p := a.focused()
	for p.cursor < p.view.text.Len() && p.view.text.At(p.cursor) != ' ' {
		press(t, a, "h")
	}
	_, cmd := a.Update(tea.KeyPressMsg{Code: '1', Text: "1"})
	drive(t, a, cmd)
	if n := len(a.spans(p.info.ID, 0, p.view.text.Len())); n != 0 {
		t.Fatalf("tagging a space made %d spans", n)
	}
}
