package tui

import "testing"

// TestCorpusHitJumpLeftForAnotherDocument: opening a hit and then another document
// before the hit's arrived put the other document's cursor at the hit's offset: the
// jump was kept by pane only, and the pane's document then was the other one.
func TestCorpusHitJumpLeftForAnotherDocument(t *testing.T) {
	a := newTestApp(t, 80, 24)
	corpusSearchFor(t, a, "كوريا")
	r := a.results
	p := a.focused()
	target := -1
	for i, h := range r.hits { // a hit past the start of a document the pane does not show
		if h.doc != p.DocIndex && h.doc != (p.DocIndex+1)%a.corpus.Len() && h.start > 0 {
			target = i
			break
		}
	}
	if target < 0 {
		t.Fatal("no hit in a third document")
	}
	for r.cursor < target {
		pressKey(t, a, a.keys.Down)
	}
	hit := r.hits[target]
	open, _ := walkKeyMsg(a.keys.ResultOpen.Keys()[0])
	next, _ := walkKeyMsg(a.keys.NextDoc.Keys()[0])
	_, load := a.Update(open)  // the hit's document starts loading
	_, other := a.Update(next) // and the next one is asked for before it arrives
	drive(t, a, load)
	drive(t, a, other)
	// Opened as any document is, the search puts the cursor on its first match; the hit's
	// offset put it on the first match after that offset.
	if p.DocIndex == hit.doc || !p.ready() || len(p.matches) == 0 || p.cursor != p.matches[0].Start {
		t.Fatalf("document %d (the hit's %d), cursor %d, matches %v: the jump meant for the hit's document (at %d) was applied",
			p.DocIndex, hit.doc, p.cursor, p.matches, hit.start)
	}
}
