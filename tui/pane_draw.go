package tui

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hashiya/hashiya/text/bidi"
	"github.com/hashiya/hashiya/text/layout"
)

// decoration styles a range of the document (an annotation span, say); later layers
// (selection, search match, cursor) are drawn over it.
type decoration struct {
	start, end int
	look       cellLook
}

// paneLayers is what the app asks a pane to draw over its text.
type paneLayers struct {
	decorations []decoration // sorted by start
	selection   layout.Range // empty when nothing is selected
	showCursor  bool
}

// Draw renders the pane as exactly height lines of exactly width cells.
func (p *Pane) Draw(st *Styles, sgr sgrCache, focused bool, total int, layers paneLayers, engine layout.Options) string {
	var b strings.Builder
	b.WriteString(p.drawTitle(st, focused, total, engine))
	h := p.textHeight()
	if !p.ready() {
		msg := "loading…"
		if p.err != "" {
			msg = p.err
		}
		b.WriteByte('\n')
		style := st.HeaderDim
		if p.err != "" {
			style = st.Error
		}
		b.WriteString(style.Render(padRight(visualLTR(msg, p.width, engine), p.width)))
		for i := 1; i < h; i++ {
			b.WriteByte('\n')
			b.WriteString(strings.Repeat(" ", p.width))
		}
		return b.String()
	}
	b.Grow(h * (p.width*3 + 16))
	pos := p.top
	more := true
	dc := &p.drawn
	dc.startFrame()
	for i := 0; i < h; i++ {
		b.WriteByte('\n')
		if !more {
			b.WriteString(strings.Repeat(" ", p.width))
			continue
		}
		l := p.view.line(pos)
		var plain bool
		dc.looks, plain = p.looksFor(l, dc.looks[:0], st, layers)
		key := rowKey{layout: p.view.para(pos.para).serial, pos: pos, start: l.Start, end: l.End, width: p.width,
			cursorCol: p.cursorColFor(l, layers.showCursor), plain: plain}
		b.Write(dc.row(key, func(buf []byte) []byte { return p.appendRow(buf, l, dc.looks, sgr, key.cursorCol) }))
		pos, more = p.view.next(pos)
	}
	return b.String()
}

// drawCache keeps the rows of the last frame: a frame that scrolls a line or moves the
// cursor has almost every row of the one before, and writing a row's cells is most of
// what drawing costs. A row is reused only when everything it shows is the same: the
// line (layout, place, extent, width), the looks of its cells and the cursor's column.
type drawCache struct {
	prev, cur map[rowKey]drawnRow
	looks     []cellLook // scratch for the row being drawn
	title     string
	titleKey  titleKey
}

// rowKey names a laid-out line by its paragraph's layout: a new layout (new width,
// direction, text) has a new serial number, never given to another.
type rowKey struct {
	layout                       uint64 // paraLayout.serial
	pos                          linePos
	start, end, width, cursorCol int
	plain                        bool // no looks: dc.looks is empty
}

type drawnRow struct {
	looks []cellLook
	bytes []byte
}

func (dc *drawCache) startFrame() {
	dc.prev, dc.cur = dc.cur, dc.prev
	if dc.cur == nil {
		dc.cur = map[rowKey]drawnRow{}
	}
	clear(dc.cur)
}

// row returns the row for key with the looks in dc.looks, drawing it with draw when the
// last frame did not have it.
func (dc *drawCache) row(key rowKey, draw func([]byte) []byte) []byte {
	if r, ok := dc.prev[key]; ok && slices.Equal(r.looks, dc.looks) {
		dc.cur[key] = r
		return r.bytes
	}
	if r, ok := dc.cur[key]; ok && slices.Equal(r.looks, dc.looks) {
		return r.bytes // the same line twice in one frame (an empty document, say)
	}
	r := drawnRow{looks: slices.Clone(dc.looks), bytes: draw(nil)}
	dc.cur[key] = r
	return r.bytes
}

// cursorColFor is the column of the cursor on line l, or -1 when it is not drawn there.
func (p *Pane) cursorColFor(l *layout.Line, showCursor bool) int {
	if showCursor && p.cursor >= l.Start && (p.cursor < l.End || (l.Start == l.End && p.cursor == l.Start)) {
		return p.cursorColumn(l)
	}
	return -1
}

// titleKey is everything a pane's title line shows.
type titleKey struct {
	st                *Styles
	focused           bool
	doc, total, width int
	title, lang       string
	dir               bidi.Direction
}

func (p *Pane) drawTitle(st *Styles, focused bool, total int, engine layout.Options) string {
	key := titleKey{st: st, focused: focused, doc: p.DocIndex, total: total, width: p.width, title: p.Title, lang: p.Lang, dir: p.dir}
	if p.drawn.title != "" && p.drawn.titleKey == key {
		return p.drawn.title
	}
	p.drawn.title, p.drawn.titleKey = p.titleLine(st, focused, total, engine), key
	return p.drawn.title
}

func (p *Pane) titleLine(st *Styles, focused bool, total int, engine layout.Options) string {
	dir := "ltr"
	if rtlLang(p.Lang) {
		dir = "rtl"
	}
	if p.dir != bidi.Auto {
		dir = dirName(p.dir) + " (forced)"
	}
	right := fmt.Sprintf(" %s · %s", orUnd(p.Lang), dir)
	// The marker shows focus without colour (NO_COLOR, screen readers, plain captures).
	marker := " "
	if focused {
		marker = "▸"
	}
	left := fmt.Sprintf("%s%d/%d ", marker, p.DocIndex+1, total)
	room := p.width - textWidth(left) - textWidth(right)
	title := left + visualLTR(p.Title, max(room, 1), engine)
	line := padRight(title, p.width-textWidth(right)) + right
	if textWidth(line) > p.width {
		line = visualLTR(left+p.Title, p.width, engine)
	}
	style := st.TitleDim
	if focused {
		style = st.Title
	}
	return style.Render(padRight(line, p.width))
}

func orUnd(lang string) string {
	if lang == "" {
		return "und"
	}
	return lang
}

func rtlLang(lang string) bool {
	switch lang {
	case "ar", "fa", "ur", "he", "ps", "ckb", "yi":
		return true
	}
	return false
}

// looksFor computes the look of every document index on line l; plain says that nothing
// is drawn over the line (the common case), and then looks is left empty.
func (p *Pane) looksFor(l *layout.Line, looks []cellLook, st *Styles, layers paneLayers) (_ []cellLook, plain bool) {
	n := l.End - l.Start
	started := false
	paint := func(s, e int, f func(*cellLook)) {
		s, e = max(s, l.Start), min(e, l.End)
		if s >= e {
			return
		}
		if !started {
			looks = append(looks, make([]cellLook, n)...)
			started = true
		}
		for i := s; i < e; i++ {
			f(&looks[i-l.Start])
		}
	}
	for _, d := range layers.decorations {
		if d.start >= l.End {
			break
		}
		if d.end > l.Start {
			look := d.look
			paint(d.start, d.end, func(c *cellLook) { mergeLook(c, look) })
		}
	}
	for mi, m := range p.matches {
		if m.End <= l.Start || m.Start >= l.End {
			continue
		}
		bg := st.Match
		if mi == p.current {
			bg = st.CurrentMatch
		}
		paint(m.Start, m.End, func(c *cellLook) { c.bg = bg })
	}
	if sel := layers.selection; sel.End > sel.Start {
		paint(sel.Start, sel.End, func(c *cellLook) { c.bg = st.Selection })
	}
	return looks, !started
}

// mergeLook lays look over c: set fields win.
func mergeLook(c *cellLook, look cellLook) {
	if look.fg != nil {
		c.fg = look.fg
	}
	if look.bg != nil {
		c.bg = look.bg
	}
	c.underline = c.underline || look.underline
	c.dotted = c.dotted || look.dotted
	c.bold = c.bold || look.bold
	c.faint = c.faint || look.faint
	c.reverse = c.reverse || look.reverse
}

// appendRow writes the cells of l with their looks, padded to the pane width, the cell
// at cursorCol (-1: none) in reverse video.
func (p *Pane) appendRow(buf []byte, l *layout.Line, looks []cellLook, sgr sgrCache, cursorCol int) []byte {
	open := ""
	width := 0
	for col := 0; col < p.width; col++ {
		var look cellLook
		r, marks := ' ', []rune(nil)
		if col < len(l.Cells) {
			c := l.Cells[col]
			if c.Rune == 0 {
				continue // second column of a wide character
			}
			r, marks = c.Rune, c.Marks
			if c.Logical >= l.Start && c.Logical < l.End && len(looks) > 0 {
				look = looks[c.Logical-l.Start]
			}
		}
		if col == cursorCol {
			look.reverse = !look.reverse
		}
		if s := sgr.open(look); s != open {
			if open != "" {
				buf = append(buf, sgrReset...)
			}
			buf = append(buf, s...)
			open = s
		}
		buf = utf8.AppendRune(buf, r)
		for _, m := range marks {
			buf = utf8.AppendRune(buf, m)
		}
		width++
	}
	if open != "" {
		buf = append(buf, sgrReset...)
	}
	return buf
}
