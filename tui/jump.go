package tui

import tea "charm.land/bubbletea/v2"

// A jump is where a pane's cursor goes once a document has loaded in it: a hit of a
// corpus search, an occurrence a propagation steps to. One per pane; opening another
// document before it arrives leaves it unapplied.
type jump struct{ index, offset int }

// openAt opens document index in p, the cursor to go to offset once it has loaded.
func (a *App) openAt(p *Pane, index, offset int) tea.Cmd {
	if a.jumps == nil {
		a.jumps = map[*Pane]jump{}
	}
	a.jumps[p] = jump{index: index, offset: offset}
	return a.openInPane(p, index)
}

// landJump puts the cursor where openAt asked, once document index is in p; a jump
// meant for another document (one opened before this one arrived) is dropped.
func (a *App) landJump(p *Pane, index int) {
	j, ok := a.jumps[p]
	if !ok {
		return
	}
	delete(a.jumps, p)
	if j.index != index || j.offset >= p.view.text.Len() {
		return
	}
	landAt(p, j.offset)
}

// landAt puts p's cursor on offset, on a drawn character, its line in the middle.
func landAt(p *Pane, offset int) {
	p.jumpTo(offset)
	p.normalizeCursor(1)
	p.centerOn()
}
