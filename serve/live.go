package serve

import "github.com/hashiya/hashiya/annotations/store"

// liveFeed is a store subscription as a screen waits on it (tui.Live): every commit to
// the database, by this server or another on the same database.
type liveFeed struct {
	ch   <-chan store.Commit
	skip string // an annotator whose own commits the screen learns of otherwise
}

// WaitChange blocks until a commit of interest; false once the subscription ended (or
// there is none). Skipping the screen's own commits loses nothing: coalescing keeps the
// latest, and the screen reads again after its own edit, which sees every earlier commit.
func (f liveFeed) WaitChange() bool {
	if f.ch == nil {
		return false
	}
	for c := range f.ch {
		if f.skip == "" || c.Annotator != f.skip {
			return true
		}
	}
	return false
}
