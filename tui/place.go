package tui

import (
	"encoding/json"

	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/text/bidi"
	"github.com/hashiya/hashiya/text/layout"
	"github.com/hashiya/hashiya/text/segment"
)

// placeKeeper is what a session may offer to keep the annotator's place between runs:
// the reader's own format, kept with the annotator (in the project database, so it
// follows the annotator from machine to machine).
type placeKeeper interface {
	SavePlace(place []byte) error
	Place() ([]byte, error)
}

// place is where the annotator is: the panes left to right and the focused one.
type place struct {
	Focus int         `json:"focus"`
	Panes []panePlace `json:"panes"`
}

// panePlace is one pane: its document (by ID; Index is where it was in the corpus, a
// hint), cursor and first visible line (code points), and direction override.
type panePlace struct {
	Doc    string `json:"doc"`
	Index  int    `json:"index"`
	Cursor int    `json:"cursor"`
	Top    int    `json:"top"`
	Dir    string `json:"dir,omitempty"`
}

// placeMsg brings the place saved by the annotator's last session.
type placeMsg struct {
	place *place
	err   error
}

func (a *App) loadPlaceCmd() tea.Cmd {
	pk, ok := a.session.(placeKeeper)
	if !ok {
		return nil
	}
	a.placePending = true
	return a.editor.run(func(uint64) tea.Msg {
		b, err := pk.Place()
		if err != nil || b == nil {
			return placeMsg{err: err}
		}
		var pl place
		if err := json.Unmarshal(b, &pl); err != nil {
			return placeMsg{} // a place this version cannot read: start at the top
		}
		return placeMsg{place: &pl}
	})
}

// currentPlace is where the panes are now.
func (a *App) currentPlace() place {
	pl := place{Focus: a.focus}
	for _, p := range a.panes {
		pp := panePlace{Doc: a.corpus.Title(p.DocIndex), Index: p.DocIndex}
		switch {
		case p.restore != nil: // still loading the place it was given
			pp = *p.restore
		case p.ready():
			pp.Cursor, pp.Top = p.cursor, p.view.line(p.top).Start
		}
		if p.dir != bidi.Auto {
			pp.Dir = dirName(p.dir)
		}
		pl.Panes = append(pl.Panes, pp)
	}
	return pl
}

// savePlaceCmd keeps the place in the session, behind every queued edit.
func (a *App) savePlaceCmd() tea.Cmd {
	pk, ok := a.session.(placeKeeper)
	if !ok || a.placePending || a.closing || !a.keyPressed {
		return nil // before the last place is back, this one would overwrite it; before a key, it is that one
	}
	b, err := json.Marshal(a.currentPlace())
	if err != nil || string(b) == a.savedPlace {
		return nil // each save is a transaction: only a new place is worth one
	}
	a.savedPlace = string(b)
	return a.editor.run(func(uint64) tea.Msg {
		return placeSavedMsg{err: pk.SavePlace(b)}
	})
}

// placeSavedMsg reports a save of the place; only a failure is shown.
type placeSavedMsg struct{ err error }

// restorePlace opens the saved documents in the panes, each with its cursor and
// scroll once loaded, unless a key was pressed meanwhile (the annotator is already
// elsewhere). Panes added later (the first resize) take their place too, until a key.
// A document the corpus no longer has leaves its pane as it is.
func (a *App) restorePlace(msg placeMsg) tea.Cmd {
	a.placePending = false
	if msg.err != nil {
		a.setStatus(shortPaths(msg.err.Error()), true)
		return nil
	}
	if msg.place == nil || a.keyPressed {
		return nil
	}
	a.restoring = msg.place
	var cmds []tea.Cmd
	for i, p := range a.panes {
		if cmd := a.restorePane(i, p); cmd != nil {
			cmds = append(cmds, cmd)
		}
	}
	a.focus = max(0, min(msg.place.Focus, len(a.panes)-1))
	return tea.Batch(cmds...)
}

// restorePane opens in pane i what the saved place has there, if anything.
func (a *App) restorePane(i int, p *Pane) tea.Cmd {
	pl := a.restoring
	if pl == nil || a.keyPressed || i >= len(pl.Panes) {
		return nil
	}
	pp := pl.Panes[i]
	d, ok := a.docIndex(pp.Doc, pp.Index)
	if !ok {
		if done, _, _, _ := a.corpus.Indexing(); !done {
			a.unplaced[i] = true // not indexed yet: indexProgress tries again
			return nil
		}
		if !a.startNotice {
			a.setStatus("the last session's document "+pp.Doc+" is not in this corpus", true)
		}
		return nil
	}
	delete(a.unplaced, i)
	p.restore = &pp
	a.focus = max(0, min(pl.Focus, i))
	if p.DocIndex == d { // a second load of the same document would undo the restore
		if p.ready() {
			p.applyRestore(a.opts.Engine)
		}
		if p.ready() || p.loading {
			return nil // restored, or the load under way restores it
		}
	}
	return a.openInPane(p, d)
}

// docIndex finds the document with ID id, looking first where it was.
func (a *App) docIndex(id string, hint int) (int, bool) {
	if a.corpus.Title(hint) == id {
		return hint, true
	}
	for d := 0; d < a.corpus.Len(); d++ {
		if a.corpus.Title(d) == id {
			return d, true
		}
	}
	return 0, false
}

// applyRestore puts pane p, its document just loaded, where its place says.
func (p *Pane) applyRestore(engine layout.Options) {
	r := p.restore
	p.restore = nil
	if r == nil || r.Doc != p.info.ID {
		return // the pane went to another document meanwhile
	}
	switch r.Dir {
	case "rtl":
		p.dir = bidi.RTL
	case "ltr":
		p.dir = bidi.LTR
	}
	p.relayout(engine)
	p.cursor = p.validCursor(r.Cursor)
	p.top = p.view.posOf(max(0, min(r.Top, p.view.text.Len())))
	p.ensureVisible()
}

// validCursor is c if the cursor may be there, else the nearest place it may: the start
// of a character, or the end of the text when the last line is empty (after a final
// newline). The text may have changed since the place was saved.
func (p *Pane) validCursor(c int) int {
	n := p.view.text.Len()
	if l := p.view.line(p.view.last()); c >= n && l.Start == l.End && l.Start == n {
		return n
	}
	c = max(0, min(c, n-1))
	if c < n {
		text, off := p.view.window(c, c)
		c, _ = segment.Character(text, c-off)
		c += off
	}
	saved := p.cursor
	p.cursor = c
	p.normalizeCursor(1)
	c, p.cursor = p.cursor, saved
	return c
}

// placeIndexed opens the saved documents that indexing has found since the place came.
func (a *App) placeIndexed() []tea.Cmd {
	var cmds []tea.Cmd
	for i := range a.unplaced {
		delete(a.unplaced, i)
		if i < len(a.panes) {
			cmds = append(cmds, a.restorePane(i, a.panes[i]))
		}
	}
	return cmds
}
