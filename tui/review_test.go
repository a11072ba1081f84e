package tui

import (
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/agree"
)

// memoryBackend keeps gold in memory, recording each accept with its sources.
type memoryBackend struct {
	docs     []agree.Document
	gold     map[string]agree.Version
	accepted []string
}

func (m *memoryBackend) Documents() ([]agree.Document, map[string]agree.Version, error) {
	g := map[string]agree.Version{}
	for k, v := range m.gold {
		g[k] = v
	}
	return m.docs, g, nil
}

func (m *memoryBackend) AcceptSpan(doc annotations.DocInfo, sp annotations.Span, sources []string, auto bool) error {
	g := m.gold[doc.ID]
	g.Spans = append(g.Spans, sp)
	m.gold[doc.ID] = g
	m.accepted = append(m.accepted, "span "+sp.Label+" "+strings.Join(sources, ","))
	return nil
}

func (m *memoryBackend) AcceptClaim(doc annotations.DocInfo, c annotations.Claim, sources []string, auto bool) error {
	g := m.gold[doc.ID]
	g.Claims = append(g.Claims, c)
	m.gold[doc.ID] = g
	m.accepted = append(m.accepted, "claim "+strings.Join(sources, ","))
	return nil
}

func (m *memoryBackend) AcceptAnswer(doc annotations.DocInfo, answer string, sources []string, auto bool) error {
	g := m.gold[doc.ID]
	g.Answer = answer
	m.gold[doc.ID] = g
	m.accepted = append(m.accepted, "answer "+answer+" "+strings.Join(sources, ","))
	return nil
}

// reviewDocs: r1 with an agreed span, a boundary conflict and a label
// conflict; r2 where both agree on everything.
func reviewDocs() []agree.Document {
	text := "التقى بوتين كيم في موسكو"
	sp := func(s, e int, l string) annotations.Span {
		return annotations.Span{Start: s, End: e, Label: l, Text: string([]rune(text)[s:e])}
	}
	return []agree.Document{
		{ID: "r1", Text: text, Versions: []agree.Version{
			{Annotator: "reza", Answer: "accept", Spans: []annotations.Span{sp(0, 11, "PERSON"), sp(12, 15, "PERSON"), sp(19, 24, "LOC")}},
			{Annotator: "sara", Answer: "accept", Spans: []annotations.Span{sp(6, 11, "PERSON"), sp(12, 15, "PERSON"), sp(19, 24, "GPE")}},
		}},
		{ID: "r2", Text: text, Versions: []agree.Version{
			{Annotator: "reza", Answer: "accept", Spans: []annotations.Span{sp(12, 15, "PERSON")}},
			{Annotator: "sara", Answer: "accept", Spans: []annotations.Span{sp(12, 15, "PERSON")}},
		}},
	}
}

// runCmd runs cmd and feeds its message back, as the program would.
func runCmd(t *testing.T, r *Review, cmd tea.Cmd) (quit bool) {
	t.Helper()
	if cmd == nil {
		return false
	}
	msg := cmd()
	if _, ok := msg.(tea.QuitMsg); ok {
		return true
	}
	_, next := r.Update(msg)
	return runCmd(t, r, next)
}

func newTestReview(t *testing.T) (*Review, *memoryBackend) {
	t.Helper()
	b := &memoryBackend{docs: reviewDocs(), gold: map[string]agree.Version{}}
	r := NewReview(b, DefaultKeyMap())
	r.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	runCmd(t, r, r.Init())
	return r, b
}

// press presses each binding through its first key.
func reviewPress(t *testing.T, r *Review, bs ...key.Binding) (quit bool) {
	t.Helper()
	for _, b := range bs {
		msg, err := walkKeyMsg(b.Keys()[0])
		if err != nil {
			t.Fatal(err)
		}
		_, cmd := r.Update(msg)
		quit = runCmd(t, r, cmd)
	}
	return quit
}

func reviewScreen(r *Review) string { return r.View().Content }

func TestReviewShowsPanesDifferencesAndAgreement(t *testing.T) {
	r, _ := newTestReview(t)
	s := reviewScreen(r)
	for _, want := range []string{"doc 1 of 2 · r1 · not reviewed", "span F1 exact 0.3333", "next needing review: r2",
		"▶ reza · accept", "sara · accept", "boundary:", "label conflict:", "agreed: 1 span(s)", "› "} {
		if !strings.Contains(s, want) {
			t.Fatalf("screen lacks %q:\n%s", want, s)
		}
	}
}

func TestReviewAutoAcceptThenOneConflictThenDone(t *testing.T) {
	r, b := newTestReview(t)
	k := r.keys
	reviewPress(t, r, k.ReviewAutoAccept)
	if !slices.Equal(b.accepted, []string{"span PERSON reza,sara"}) { // r1 differs: no answer yet
		t.Fatalf("auto-accept wrote %v", b.accepted)
	}
	reviewPress(t, r, k.ReviewNextPane) // sara's pane: her boundary span first
	reviewPress(t, r, k.ReviewAcceptItem)
	if len(b.accepted) != 2 || b.accepted[1] != "span PERSON sara" {
		t.Fatalf("accepting sara's PERSON wrote %v", b.accepted)
	}
	g := b.gold["r1"]
	if len(g.Spans) != 2 || g.Spans[1].Start != 6 {
		t.Fatalf("gold spans %+v", g.Spans)
	}
	s := reviewScreen(r)
	if !strings.Contains(s, "✓ PERSON «"+visualWord(t, "بوتين")+"»") || !strings.Contains(s, "accepted into gold") {
		t.Fatalf("accepted span not marked:\n%s", s)
	}
	reviewPress(t, r, k.ReviewRejectItem) // sara's GPE: left out
	if strings.Contains(r.render(), "label conflict: GPE") {
		t.Fatalf("rejected difference still listed:\n%s", r.render())
	}
	if !strings.Contains(reviewScreen(r), "r1 · in review") {
		t.Fatalf("r1 should be in review:\n%s", reviewScreen(r))
	}
	reviewPress(t, r, k.ReviewNextNeeding)
	if !strings.Contains(reviewScreen(r), "doc 2 of 2 · r2 · not reviewed") {
		t.Fatalf("next needing review:\n%s", reviewScreen(r))
	}
	reviewPress(t, r, k.ReviewAutoAccept) // r2: unanimous, so done
	if !strings.Contains(reviewScreen(r), "r2 · done") || b.gold["r2"].Answer != "accept" {
		t.Fatalf("unanimous r2 after auto-accept:\n%s", reviewScreen(r))
	}
}

func TestReviewAcceptVersionAndDone(t *testing.T) {
	r, b := newTestReview(t)
	k := r.keys
	reviewPress(t, r, k.ReviewAcceptVersion)
	if len(b.gold["r1"].Spans) != 3 || b.gold["r1"].Answer != "accept" {
		t.Fatalf("reza's whole version: %+v", b.gold["r1"])
	}
	if !strings.Contains(reviewScreen(r), "r1 · done") {
		t.Fatalf("status after the answer:\n%s", reviewScreen(r))
	}
	reviewPress(t, r, k.ReviewNextDoc, k.ReviewDone)
	if b.gold["r2"].Answer != "accept" {
		t.Fatalf("done on r2: %+v", b.gold["r2"])
	}
	reviewPress(t, r, k.ReviewPrevDoc)
	if !strings.Contains(reviewScreen(r), "doc 1 of 2") {
		t.Fatal("prev doc")
	}
	if !reviewPress(t, r, k.ReviewQuit) {
		t.Fatal("quit did not quit")
	}
}

// reviewBindingCases are TestEveryBindingActsInItsMode's cases for the review
// screen: each presses its binding on a review screen of its own.
func reviewBindingCases() map[string]func(r *bindingRun) {
	on := func(name string, check func(t *testing.T, rv *Review, b *memoryBackend, k KeyMap)) func(r *bindingRun) {
		return func(br *bindingRun) {
			br.hits[name] = true
			rv, b := newTestReview(br.t)
			check(br.t, rv, b, rv.keys)
		}
	}
	return map[string]func(r *bindingRun){
		"review_next_pane": on("review_next_pane", func(t *testing.T, rv *Review, _ *memoryBackend, k KeyMap) {
			reviewPress(t, rv, k.ReviewNextPane)
			if rv.focus != 1 {
				t.Fatal("focus did not move")
			}
		}),
		"review_prev_pane": on("review_prev_pane", func(t *testing.T, rv *Review, _ *memoryBackend, k KeyMap) {
			reviewPress(t, rv, k.ReviewPrevPane)
			if rv.focus != 1 {
				t.Fatal("focus did not wrap back")
			}
		}),
		"review_next_item": on("review_next_item", func(t *testing.T, rv *Review, _ *memoryBackend, k KeyMap) {
			reviewPress(t, rv, k.ReviewNextItem)
			if rv.item != 1 {
				t.Fatal("selection did not move")
			}
		}),
		"review_prev_item": on("review_prev_item", func(t *testing.T, rv *Review, _ *memoryBackend, k KeyMap) {
			reviewPress(t, rv, k.ReviewNextItem, k.ReviewPrevItem)
			if rv.item != 0 {
				t.Fatal("selection did not move back")
			}
		}),
		"review_accept_item": on("review_accept_item", func(t *testing.T, rv *Review, b *memoryBackend, k KeyMap) {
			reviewPress(t, rv, k.ReviewAcceptItem)
			if len(b.accepted) != 1 || b.accepted[0] != "span PERSON reza" {
				t.Fatalf("accepted %v", b.accepted)
			}
		}),
		"review_reject_item": on("review_reject_item", func(t *testing.T, rv *Review, b *memoryBackend, k KeyMap) {
			before := len(rv.paneDiffs(0))
			reviewPress(t, rv, k.ReviewRejectItem)
			if len(rv.paneDiffs(0)) != before-1 || len(b.accepted) != 0 {
				t.Fatal("reject did not drop the difference, or wrote gold")
			}
		}),
		"review_accept_version": on("review_accept_version", func(t *testing.T, rv *Review, b *memoryBackend, k KeyMap) {
			reviewPress(t, rv, k.ReviewAcceptVersion)
			if len(b.gold["r1"].Spans) != 3 {
				t.Fatalf("gold %+v", b.gold["r1"])
			}
		}),
		"review_auto_accept": on("review_auto_accept", func(t *testing.T, rv *Review, b *memoryBackend, k KeyMap) {
			reviewPress(t, rv, k.ReviewAutoAccept)
			if len(b.gold["r1"].Spans) != 1 || b.gold["r1"].Answer != "" {
				t.Fatalf("gold %+v", b.gold["r1"])
			}
		}),
		"review_done": on("review_done", func(t *testing.T, rv *Review, b *memoryBackend, k KeyMap) {
			reviewPress(t, rv, k.ReviewDone)
			if reviewStatus(b.gold, "r1") != Reviewed {
				t.Fatal("not done")
			}
		}),
		"review_next_doc": on("review_next_doc", func(t *testing.T, rv *Review, _ *memoryBackend, k KeyMap) {
			reviewPress(t, rv, k.ReviewNextDoc)
			if rv.doc != 1 {
				t.Fatal("did not move")
			}
		}),
		"review_prev_doc": on("review_prev_doc", func(t *testing.T, rv *Review, _ *memoryBackend, k KeyMap) {
			reviewPress(t, rv, k.ReviewNextDoc, k.ReviewPrevDoc)
			if rv.doc != 0 {
				t.Fatal("did not move back")
			}
		}),
		"review_next_needing": on("review_next_needing", func(t *testing.T, rv *Review, _ *memoryBackend, k KeyMap) {
			reviewPress(t, rv, k.ReviewNextNeeding)
			if rv.doc != 1 {
				t.Fatal("did not go to r2")
			}
		}),
		"review_scroll_down": on("review_scroll_down", func(t *testing.T, rv *Review, _ *memoryBackend, k KeyMap) {
			reviewPress(t, rv, k.ReviewScrollDown)
			if rv.scroll == 0 {
				t.Fatal("did not scroll")
			}
		}),
		"review_scroll_up": on("review_scroll_up", func(t *testing.T, rv *Review, _ *memoryBackend, k KeyMap) {
			reviewPress(t, rv, k.ReviewScrollDown, k.ReviewScrollUp)
			if rv.scroll != 0 {
				t.Fatal("did not scroll back")
			}
		}),
		"review_quit": on("review_quit", func(t *testing.T, rv *Review, _ *memoryBackend, k KeyMap) {
			if !reviewPress(t, rv, k.ReviewQuit) {
				t.Fatal("did not quit")
			}
		}),
	}
}
