package tui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
)

// newDocsApp opens a JSONL corpus of the given texts (ids d1, d2, …) with a store.
func newDocsApp(t *testing.T, w, h int, texts ...string) *App {
	t.Helper()
	dir := t.TempDir()
	var lines []string
	for i, text := range texts {
		b, _ := json.Marshal(map[string]string{"id": "d" + choiceKey(i), "text": text, "lang": "ar"})
		lines = append(lines, string(b))
	}
	path := filepath.Join(dir, "docs.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a, _ := newAppOn(t, dir, path, "docs", w, h)
	return a
}

// bind is the first key of a binding: tests press what the key map says.
func bind(b interface{ Keys() []string }) string { return b.Keys()[0] }

func labelKey(t *testing.T, a *App, name string) string {
	t.Helper()
	l, ok := a.schema.Lookup(name)
	if !ok {
		t.Fatalf("no label %s", name)
	}
	return l.Key
}

func claimsOf(a *App, p *Pane) []annotations.Claim {
	return a.claims(p.info.ID, 0, p.view.text.Len())
}

const seoulClaim = "قالت سيول إن كوريا الشمالية نشرت حوالى 10 آلاف جندي في روسيا"

// The defect: tagging a word that had a span stacked a second span on it (GPE and
// NORP saved, one drawn); the same label twice saved two identical spans.
func TestTaggingTaggedWordAddsSecondSpan(t *testing.T) {
	a, _ := newAnnotatingApp(t, 120, 40)
	p := a.focused()
	all := func() []annotations.Span { return a.spans(p.info.ID, 0, p.view.text.Len()) }
	press(t, a, labelKey(t, a, "GPE"), labelKey(t, a, "NORP"))
	if s := all(); len(s) != 1 || s[0].Label != "NORP" {
		t.Fatalf("GPE then NORP on one word saved %+v, want one NORP span", s)
	}
	if !strings.Contains(screen(a), "GPE → NORP") {
		t.Errorf("the status line does not say the label changed:\n%s", screen(a))
	}
	press(t, a, labelKey(t, a, "NORP"))
	if s := all(); len(s) != 1 {
		t.Fatalf("the same label again saved %d spans", len(s))
	}
	if !strings.Contains(screen(a), "already NORP") {
		t.Errorf("the status line does not say nothing changed:\n%s", screen(a))
	}
	press(t, a, bind(a.keys.Undo))
	if s := all(); len(s) != 1 || s[0].Label != "GPE" {
		t.Fatalf("one undo after relabel and retag gave %+v, want GPE back", s)
	}
	press(t, a, bind(a.keys.Redo), bind(a.keys.Remove))
	if s := all(); len(s) != 0 {
		t.Fatalf("x on the word left %+v", s)
	}
}

func TestGrowMergesSpanOfTheSameLabel(t *testing.T) {
	a, _ := newAnnotatingApp(t, 120, 40)
	p := a.focused()
	gpe := labelKey(t, a, "GPE")
	press(t, a, gpe, bind(a.keys.NextWord), gpe, bind(a.keys.PrevWord), bind(a.keys.GrowEnd))
	s := a.spans(p.info.ID, 0, p.view.text.Len())
	if len(s) != 1 || strings.Count(s[0].Text, " ") != 1 {
		t.Fatalf("growing into a span of the same label gave %+v, want one merged span", s)
	}
	if !strings.Contains(screen(a), "merged with GPE") {
		t.Errorf("the status line does not say it merged:\n%s", screen(a))
	}
	press(t, a, bind(a.keys.Undo))
	if n := len(a.spans(p.info.ID, 0, p.view.text.Len())); n != 2 {
		t.Fatalf("undo of the merge gave %d spans, want both back", n)
	}
}

// The defect: the claim «…نشرت حوالى 10 آلاف جندي» opened with an empty value; a
// typed «حوالى 10 آلاف» saved qualifier exact; surface was the whole sentence.
func TestClaimNumberFoundOnlyAtStart(t *testing.T) {
	a := newDocsApp(t, 120, 30, seoulClaim)
	p := a.focused()
	press(t, a, bind(a.keys.Top), bind(a.keys.Select), bind(a.keys.Bottom), bind(a.keys.Claim))
	if a.mode != modeClaim {
		t.Fatal("the claim key did not open the form")
	}
	if !strings.Contains(screen(a), "10000") {
		t.Errorf("the form opens without the number of the claim:\n%s", screen(a))
	}
	press(t, a, "enter")
	cs := claimsOf(a, p)
	if len(cs) != 1 || cs[0].Span.Text != seoulClaim {
		t.Fatalf("claims: %+v", cs)
	}
	n := cs[0].Numeric
	if n == nil || n.Value != 10000 || n.Qualifier != annotations.QualApprox || n.Unit != "جندي" || n.Surface != "حوالى 10 آلاف" {
		t.Fatalf("saved numeric %+v, want 10000 approx جندي «حوالى 10 آلاف»", n)
	}
	if got := p.view.text.Slice(n.SurfaceStart, n.SurfaceEnd); got != n.Surface {
		t.Errorf("surface offsets [%d,%d) hold %q", n.SurfaceStart, n.SurfaceEnd, got)
	}

	// Typed into the form, «حوالى 10 آلاف» is read the same way.
	c := cs[0]
	c.Numeric = nil
	drive(t, a, a.apply("numeric cleared", annotations.EditClaim{Doc: p.info.ID, Claim: c}))
	if a.isError {
		t.Fatal(a.status)
	}
	press(t, a, bind(a.keys.Claim), "tab", "tab", "tab")
	typeText(t, a, "حوالى 10 آلاف")
	press(t, a, "enter")
	n = claimsOf(a, p)[0].Numeric
	if n == nil || n.Value != 10000 || n.Qualifier != annotations.QualApprox || n.Surface != "حوالى 10 آلاف" {
		t.Fatalf("typed «حوالى 10 آلاف» saved %+v, want 10000 approx", n)
	}
	if got := p.view.text.Slice(n.SurfaceStart, n.SurfaceEnd); got != n.Surface {
		t.Errorf("typed surface not located in the claim: [%d,%d) %q", n.SurfaceStart, n.SurfaceEnd, got)
	}
}

// The defect: c on a saved claim started a new nested claim instead of editing it.
func TestSavedClaimCannotBeEdited(t *testing.T) {
	a := newDocsApp(t, 120, 30, seoulClaim)
	p := a.focused()
	press(t, a, bind(a.keys.NextWord), labelKey(t, a, "GPE")) // سيول: a claimant candidate
	press(t, a, bind(a.keys.Top), bind(a.keys.Select), bind(a.keys.Bottom), bind(a.keys.Claim), "enter")
	if n := len(claimsOf(a, p)); n != 1 {
		t.Fatalf("%d claims after the first", n)
	}
	press(t, a, bind(a.keys.Top), bind(a.keys.NextWord), bind(a.keys.NextWord), bind(a.keys.Claim))
	if a.mode != modeClaim || !strings.Contains(screen(a), "Edit claim c1") {
		t.Fatalf("c on the claim does not open it to edit:\n%s", screen(a))
	}
	press(t, a, "ctrl+n")       // claimant: the GPE span سيول
	press(t, a, "tab", "right") // attribution: attributed
	press(t, a, "tab", "y")     // check-worthy
	press(t, a, "tab")          // value: replace 10000
	for range len("10000") {
		press(t, a, "backspace")
	}
	typeText(t, a, "أكثر من 12 ألف جندي")
	press(t, a, "tab", "tab", "backspace", "backspace", "backspace", "backspace") // unit: جندي → typed anew
	typeText(t, a, "عسكري")
	press(t, a, "enter")
	cs := claimsOf(a, p)
	if len(cs) != 1 {
		t.Fatalf("editing made %d claims: %+v", len(cs), cs)
	}
	c := cs[0]
	if c.Claimant.Text != "سيول" || c.Claimant.SpanID == "" || c.Attribution != annotations.AttrAttributed || !c.Checkworthy {
		t.Fatalf("edited claim fields: %+v", c)
	}
	if n := c.Numeric; n == nil || n.Value != 12000 || n.Qualifier != annotations.QualMoreThan || n.Unit != "عسكري" {
		t.Fatalf("edited numeric: %+v", c.Numeric)
	}
	// esc leaves it as it was; enter without a change records nothing.
	press(t, a, bind(a.keys.Claim), "esc", bind(a.keys.Claim), "enter")
	if !strings.Contains(screen(a), "as it was") {
		t.Errorf("saving an unchanged claim does not say so:\n%s", screen(a))
	}
	press(t, a, bind(a.keys.Undo))
	if c := claimsOf(a, p)[0]; c.Attribution != annotations.AttrAsserted || c.Numeric.Value != 10000 {
		t.Fatalf("one undo does not bring back the claim before the edit: %+v", c)
	}
}

// linkedPanes makes a claim in each of two documents and links them (contradicts).
func linkedPanes(t *testing.T) (*App, *Pane, *Pane) {
	a := newDocsApp(t, 120, 30, seoulClaim, "أكدت موسكو أن أقل من 3 آلاف جندي وصلوا")
	left, right := a.panes[0], a.panes[1]
	claimAll := func() {
		press(t, a, bind(a.keys.Top), bind(a.keys.Select), bind(a.keys.Bottom), bind(a.keys.Claim), "enter", bind(a.keys.Top))
	}
	claimAll()
	press(t, a, bind(a.keys.NextPane))
	claimAll()
	press(t, a, bind(a.keys.PrevPane), bind(a.keys.Link), bind(a.keys.NextPane), "enter", choiceKey(1))
	press(t, a, bind(a.keys.PrevPane))
	if l := claimsOf(a, left)[0].Links; len(l) != 1 || l[0].Relation != annotations.RelContradicts {
		t.Fatalf("link not made: %+v", l)
	}
	return a, left, right
}

// The defect: a link could not be removed or given another relation.
func TestLinkCannotBeRemovedOrRelationChanged(t *testing.T) {
	a, left, right := linkedPanes(t)
	press(t, a, bind(a.keys.Relink), choiceKey(2)) // refines
	for _, p := range []*Pane{left, right} {
		if l := claimsOf(a, p)[0].Links; len(l) != 1 || l[0].Relation != annotations.RelRefines {
			t.Fatalf("R then refines: links of %s are %+v", p.info.ID, l)
		}
	}
	if !strings.Contains(screen(a), "contradicts → refines") {
		t.Errorf("the status line does not say the relation changed:\n%s", screen(a))
	}
	press(t, a, bind(a.keys.Unlink))
	for _, p := range []*Pane{left, right} {
		if l := claimsOf(a, p)[0].Links; len(l) != 0 {
			t.Fatalf("X left links on %s: %+v", p.info.ID, l)
		}
	}
	press(t, a, bind(a.keys.Undo))
	if l := claimsOf(a, right)[0].Links; len(l) != 1 || l[0].Relation != annotations.RelRefines {
		t.Fatalf("undo of the unlink: the other side has %+v", l)
	}
	press(t, a, bind(a.keys.Unlink), bind(a.keys.Unlink)) // the second finds no link and says so
	if !strings.Contains(screen(a), "has no links") {
		t.Errorf("X on a claim without links does not say so:\n%s", screen(a))
	}
}

// The defect: x on a claim silently dropped its links in the other document.
func TestRemovingLinkedClaimDropsLinksSilently(t *testing.T) {
	a, left, right := linkedPanes(t)
	rc := claimsOf(a, right)[0]
	press(t, a, bind(a.keys.Remove))
	if n := len(claimsOf(a, left)); n != 0 {
		t.Fatalf("x left %d claims", n)
	}
	if !strings.Contains(screen(a), "unlinked "+right.info.ID+"#"+rc.ID+" (contradicts)") {
		t.Errorf("removing a linked claim does not say what it unlinks:\n%s", screen(a))
	}
	if l := claimsOf(a, right)[0].Links; len(l) != 0 {
		t.Fatalf("the other side still links the removed claim: %+v", l)
	}
	press(t, a, bind(a.keys.Undo))
	lc := claimsOf(a, left)
	if len(lc) != 1 || len(lc[0].Links) != 1 || len(claimsOf(a, right)[0].Links) != 1 {
		t.Fatalf("undo does not restore both sides of the link: %+v / %+v", lc, claimsOf(a, right))
	}
}

func TestUnlinkPicksOneOfSeveralLinks(t *testing.T) {
	a := newDocsApp(t, 120, 30, seoulClaim, "أكدت موسكو أن أقل من 3 آلاف جندي وصلوا", "قالت كييف إن 12 ألف جندي وصلوا")
	if len(a.panes) != 3 {
		t.Fatalf("%d panes at width 120, the test needs 3", len(a.panes))
	}
	for range a.panes {
		press(t, a, bind(a.keys.Top), bind(a.keys.Select), bind(a.keys.Bottom), bind(a.keys.Claim), "enter", bind(a.keys.Top), bind(a.keys.NextPane))
	}
	left, middle, right := a.panes[0], a.panes[1], a.panes[2]
	press(t, a, bind(a.keys.Link), bind(a.keys.NextPane), "enter", choiceKey(1)) // contradicts
	press(t, a, bind(a.keys.PrevPane), bind(a.keys.Link), bind(a.keys.PrevPane), "enter", choiceKey(3))
	press(t, a, bind(a.keys.NextPane))
	if a.focused() != left || len(claimsOf(a, left)[0].Links) != 2 {
		t.Fatalf("setup: focus %s, links %+v", a.focused().info.ID, claimsOf(a, left)[0].Links)
	}
	press(t, a, bind(a.keys.Unlink))
	if !strings.Contains(screen(a), "unlink which link") {
		t.Fatalf("X on a claim with two links does not ask which:\n%s", screen(a))
	}
	press(t, a, choiceKey(1)) // the second link listed
	links := claimsOf(a, left)[0].Links
	if len(links) != 1 || len(claimsOf(a, middle)[0].Links)+len(claimsOf(a, right)[0].Links) != 1 {
		t.Fatalf("picking one link removed other than one: %+v", links)
	}
	press(t, a, bind(a.keys.Relink), choiceKey(3)) // one link left: straight to its relation
	if l := claimsOf(a, left)[0].Links; len(l) != 1 || l[0].Relation != annotations.RelRelated || l[0].To != links[0].To {
		t.Fatalf("R on the remaining link: %+v", l)
	}
}
