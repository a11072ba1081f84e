package tui

import (
	tea "charm.land/bubbletea/v2"
)

// wheelLines is how far one notch of the wheel scrolls.
const wheelLines = 3

// mouseDrag is a selection being made with the left button held.
type mouseDrag struct {
	pane   *Pane
	anchor int // the character the button went down on
	moved  bool
}

// mouse handles the terminal's mouse reports (cell motion: clicks, releases, wheel, and
// motion while a button is held). A terminal that reports none sends none of these, and
// then nothing differs from the keyboard-only reader.
func (a *App) mouse(msg tea.MouseMsg) tea.Cmd {
	m := msg.Mouse()
	switch a.mode {
	case modeNormal:
	case modeResults:
		return a.resultsMouse(msg)
	default:
		return nil
	}
	switch msg.(type) {
	case tea.MouseReleaseMsg:
		a.drag = nil
		return nil
	case tea.MouseWheelMsg:
		if i, _, _, ok := a.paneAt(m.X, m.Y); ok {
			a.wheel(a.panes[i], m.Button)
		}
		return nil
	case tea.MouseMotionMsg:
		if a.drag != nil && m.Button == tea.MouseLeft {
			a.dragTo(m.X, m.Y)
		}
		return nil
	case tea.MouseClickMsg:
		if m.Button != tea.MouseLeft {
			return nil
		}
		if i, ok := a.tabAt(m.X, m.Y); ok {
			a.focus = i
			return nil
		}
		i, col, row, ok := a.paneAt(m.X, m.Y)
		if !ok {
			return nil
		}
		a.focus = i
		p := a.panes[i]
		if row < 0 || !p.ready() {
			return nil // the title line: focus only
		}
		p.selAnchor, p.selExact = -1, exactEnds{}
		p.goalCol = -1
		p.cursor = p.logicalAtCell(col, row)
		p.ensureVisible()
		a.drag = &mouseDrag{pane: p, anchor: p.cursor}
		if d := a.describeCursor(p); d != "" {
			a.setStatus(d, false)
		}
	}
	return nil
}

// dragTo extends the drag's selection to the character under (x, y): anchor and cursor
// are logical offsets, so the selection is the logical range between them, however the
// line is ordered on screen.
func (a *App) dragTo(x, y int) {
	d := a.drag
	i, col, row, ok := a.paneAt(x, y)
	if !ok || a.panes[i] != d.pane || !d.pane.ready() {
		return
	}
	p := d.pane
	row = max(row, 0)
	at := p.logicalAtCell(col, row)
	if at == p.cursor && !d.moved {
		return
	}
	d.moved = true
	p.selAnchor = d.anchor
	p.cursor = at
	p.goalCol = -1
}

// wheel scrolls p by wheelLines, the cursor kept on screen (and the other panes with it
// under synchronized scrolling).
func (a *App) wheel(p *Pane, b tea.MouseButton) {
	if !p.ready() {
		return
	}
	n := wheelLines
	switch b {
	case tea.MouseWheelUp:
		n = -n
	case tea.MouseWheelDown:
	default:
		return
	}
	before := p.top
	p.top, _ = p.view.move(p.top, n)
	p.clampCursorToView()
	if a.sync && before != p.top {
		a.syncScroll(p, before)
	}
}

// paneAt finds the pane under screen cell (x, y): its index, the column within it, and
// the text row (-1 on its title line).
func (a *App) paneAt(x, y int) (pane, col, row int, ok bool) {
	top := 1 // the header
	if a.narrow {
		top++ // the tab strip
	}
	y -= top
	if y < 0 || y >= a.bodyHeight() || len(a.panes) == 0 {
		return 0, 0, 0, false
	}
	if a.narrow {
		p := a.panes[a.focus]
		return a.focus, x, y - 1, x >= 0 && x < p.width
	}
	left := 0
	for i, p := range a.panes {
		if x >= left && x < left+p.width {
			return i, x - left, y - 1, true
		}
		left += p.width + textWidth(paneGap)
	}
	return 0, 0, 0, false
}

// tabAt finds the pane whose entry in the tab strip (narrow screens) is under (x, y).
func (a *App) tabAt(x, y int) (int, bool) {
	if !a.narrow || y != 1 {
		return 0, false
	}
	left := 0
	for i, p := range a.panes {
		w := textWidth(a.tabLabel(p))
		if x >= left && x < left+w {
			return i, true
		}
		left += w + textWidth(tabSep)
	}
	return 0, false
}

// logicalAtCell is the document offset shown at column col of text row row, by the
// layout's cell→logical map; padding and rows past the end give the nearest character.
func (p *Pane) logicalAtCell(col, row int) int {
	pos, _ := p.view.move(p.top, min(row, p.textHeight()-1))
	l := p.view.line(pos)
	if i := l.LogicalAt(col); i >= 0 {
		return i
	}
	return nearestLogical(l, col)
}

// resultsMouse: a click opens the hit under it, the wheel moves through the list.
func (a *App) resultsMouse(msg tea.MouseMsg) tea.Cmd {
	r := a.results
	m := msg.Mouse()
	switch msg.(type) {
	case tea.MouseWheelMsg:
		switch m.Button {
		case tea.MouseWheelUp:
			r.cursor = max(r.cursor-wheelLines, 0)
		case tea.MouseWheelDown:
			r.cursor = max(min(r.cursor+wheelLines, len(r.hits)-1), 0)
		}
	case tea.MouseClickMsg:
		top := 2 // the header and the list's head line
		if a.narrow {
			top++
		}
		i := r.top + m.Y - top
		if m.Button != tea.MouseLeft || m.Y < top || i >= len(r.hits) || i >= r.top+r.rows() {
			return nil
		}
		r.cursor = i
		a.mode = modeNormal
		return a.openHit(r.hits[i])
	}
	return nil
}
