package tui

import (
	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/text/bidi"
	"github.com/hashiya/hashiya/text/doctext"
	"github.com/hashiya/hashiya/text/layout"
)

// Pane shows one document: a title line over the text. The cursor is a logical offset
// (code points); only the layout engine knows where it lands on screen.
type Pane struct {
	DocIndex int
	Title    string
	Lang     string

	view    *docView
	loading bool
	err     string

	width, height int
	dir           bidi.Direction // direction override: Auto, RTL, LTR
	top           linePos        // first visible line
	cursor        int
	goalCol       int // column kept by vertical moves; -1 when unset

	matches []layout.Range
	current int // index into matches of the match n/N landed on, -1 for none

	selAnchor int                 // where v started the selection; -1 for none
	selExact  exactEnds           // selection ends moved by a character (words.go)
	info      annotations.DocInfo // the document as the annotation store knows it; Text filled by docInfo

	drawn drawCache // rows and title of the last frame (pane_draw.go)

	restore *panePlace // where to put the cursor and scroll once the document loads (place.go)
}

func newPane(docIndex int) *Pane {
	return &Pane{DocIndex: docIndex, loading: true, goalCol: -1, current: -1, selAnchor: -1}
}

// docInfo is the document as the annotation store takes it, its text included.
func (p *Pane) docInfo() annotations.DocInfo {
	if p.info.Text == "" && p.view != nil {
		p.info.Text = p.view.text.String() // the document's own string: no copy
	}
	return p.info
}

// SetSize sets the pane's outer size, title line included.
func (p *Pane) SetSize(width, height int) {
	p.width, p.height = width, height
}

func (p *Pane) textHeight() int { return max(p.height-1, 1) }

// layoutOptions are the engine options this pane lays out with.
func (p *Pane) layoutOptions(base layout.Options) layout.Options {
	base.Width = max(p.width, 1)
	base.Dir = p.dir
	base.Align = true
	return base
}

// setText installs a loaded document.
func (p *Pane) setText(text doctext.Text, base layout.Options) {
	p.view = newDocView(text, p.layoutOptions(base))
	p.loading, p.err = false, ""
	p.top, p.cursor, p.goalCol = linePos{}, 0, -1
	p.matches, p.current, p.selAnchor = nil, -1, -1
	p.normalizeCursor(1)
}

// relayout applies new sizes or options, keeping the cursor's line in view.
func (p *Pane) relayout(base layout.Options) {
	if p.view == nil {
		return
	}
	// The line that showed the old top's first character comes first: in a paragraph of
	// megabytes, its start would be far from what was on screen.
	topStart := p.view.line(p.top).Start
	p.view.setOptions(p.layoutOptions(base))
	p.top = p.view.posOf(topStart)
	p.ensureVisible()
}

func (p *Pane) ready() bool { return p.view != nil && !p.loading }

// cursorPos is the visual line holding the cursor.
func (p *Pane) cursorPos() linePos { return p.view.posOf(p.cursor) }

// cursorColumn is the column the cursor is drawn on within its line.
func (p *Pane) cursorColumn(l *layout.Line) int {
	if c := l.Column(p.cursor); c >= 0 {
		return c
	}
	if l.RTL {
		return max(p.view.opts.Width-1, 0)
	}
	return 0
}

// normalizeCursor moves the cursor off characters that have no cell (removed controls),
// in direction dir, staying within the document.
func (p *Pane) normalizeCursor(dir int) {
	n := p.view.text.Len()
	for tries := 0; tries < 64; tries++ {
		if p.cursor >= n || p.cursor < 0 {
			break
		}
		l := p.view.line(p.view.posOf(p.cursor))
		if l.Column(p.cursor) >= 0 || l.Start == l.End {
			break
		}
		p.cursor += dir
	}
	p.cursor = max(0, min(p.cursor, max(n-1, 0)))
}

// ensureVisible scrolls so the cursor's line is on screen.
func (p *Pane) ensureVisible() {
	cp := p.cursorPos()
	if cp.less(p.top) {
		p.top = cp
		return
	}
	h := p.textHeight()
	if d, ok := p.view.distance(p.top, cp, h); !ok || d >= h {
		p.top, _ = p.view.move(cp, -(h - 1))
	}
}

// centerOn scrolls so the cursor's line sits in the middle (after a jump).
func (p *Pane) centerOn() {
	p.top, _ = p.view.move(p.cursorPos(), -p.textHeight()/2)
}

// moveLines moves the cursor n visual lines, keeping its column.
func (p *Pane) moveLines(n int) {
	cp := p.cursorPos()
	l := p.view.line(cp)
	if p.goalCol < 0 {
		p.goalCol = p.cursorColumn(l)
	}
	np, moved := p.view.move(cp, n)
	if moved == 0 {
		return
	}
	p.cursor = nearestLogical(p.view.line(np), p.goalCol)
	p.ensureVisible()
}

// scroll moves the view n lines and the cursor with it (page keys).
func (p *Pane) scroll(n int) {
	p.top, _ = p.view.move(p.top, n)
	p.moveLines(n)
}

// nearestLogical is the document offset shown nearest to column col of line l.
func nearestLogical(l *layout.Line, col int) int {
	if l.Start == l.End {
		return l.Start
	}
	for d := 0; d < len(l.Cells)+col+1; d++ {
		for _, c := range []int{col - d, col + d} {
			if i := l.LogicalAt(c); i >= 0 {
				return i
			}
		}
	}
	return l.Start
}

// moveVisual moves the cursor one cell left (dx = -1) or right (dx = 1) on screen; past
// the edge of a line it continues on the line reading order puts there.
func (p *Pane) moveVisual(dx int) {
	p.goalCol = -1
	cp := p.cursorPos()
	l := p.view.line(cp)
	col := p.cursorColumn(l)
	for c := col + dx; c >= 0 && c < len(l.Cells); c += dx {
		if i := l.LogicalAt(c); i >= 0 && i != p.cursor {
			p.cursor = i
			p.ensureVisible()
			return
		}
	}
	// Off the edge: leftward in an RTL line (rightward in LTR) is onward in reading order.
	onward := (dx < 0) == l.RTL
	step := -1
	if onward {
		step = 1
	}
	np, moved := p.view.move(cp, step)
	if moved == 0 {
		return
	}
	nl := p.view.line(np)
	edge := 0
	if dx < 0 {
		edge = len(nl.Cells) - 1
	}
	p.cursor = nearestLogical(nl, edge)
	p.ensureVisible()
}

func (p *Pane) gotoTop() {
	p.cursor, p.goalCol, p.top = 0, -1, linePos{}
	p.normalizeCursor(1)
}

func (p *Pane) gotoBottom() {
	p.goalCol = -1
	last := p.view.last()
	p.cursor = nearestLogical(p.view.line(last), 0)
	if l := p.view.line(last); l.Start < l.End {
		p.cursor = max(l.Start, min(p.cursor, l.End-1))
	}
	p.top, _ = p.view.move(last, -(p.textHeight() - 1))
}

// jumpTo puts the cursor on offset and centres it if it was off screen.
func (p *Pane) jumpTo(offset int) {
	p.goalCol = -1
	p.cursor = offset
	cp := p.cursorPos()
	h := p.textHeight()
	if d, ok := p.view.distance(p.top, cp, h); cp.less(p.top) || !ok || d >= h {
		p.centerOn()
	}
}

// cycleDirection steps the override auto → rtl → ltr → auto.
func (p *Pane) cycleDirection() {
	switch p.dir {
	case bidi.Auto:
		p.dir = bidi.RTL
	case bidi.RTL:
		p.dir = bidi.LTR
	default:
		p.dir = bidi.Auto
	}
}

// directionStatus says what the direction key (named key) set and what it does next.
func directionStatus(p *Pane, key string) string {
	if p.dir == bidi.Auto {
		return "direction auto: each paragraph from its first strong letter (" + key + ": rtl)"
	}
	next := map[bidi.Direction]string{bidi.RTL: "ltr", bidi.LTR: "auto"}[p.dir]
	return "direction " + dirName(p.dir) + " forced for this pane (" + key + ": " + next + ")"
}

func dirName(d bidi.Direction) string {
	switch d {
	case bidi.RTL:
		return "rtl"
	case bidi.LTR:
		return "ltr"
	}
	return "auto"
}
