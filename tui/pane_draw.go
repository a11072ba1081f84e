package tui

import (
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/hashiya/hashiya/annotations"
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
	answer      string // the document's answer (accept, reject, ignore), for the title
}

// Draw renders the pane as exactly height lines of exactly width cells.
func (p *Pane) Draw(st *Styles, sgr sgrCache, focused bool, total int, layers paneLayers, engine layout.Options) string {
	var b strings.Builder
	b.WriteString(p.drawTitle(st, focused, total, layers.answer, engine))
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
	dc.noteLayers(layers, p.matches, p.current)
	for i := 0; i < h; i++ {
		b.WriteByte('\n')
		if !more {
			b.WriteString(strings.Repeat(" ", p.width))
			continue
		}
		l := p.view.line(pos)
		key := rowKey{layout: p.view.para(pos.para).serial, pos: pos, start: l.Start, end: l.End, width: p.width,
			cursorCol: p.cursorColFor(l, layers.showCursor)}
		if row, ok := dc.sameLayers(key); ok { // nothing drawn over the text changed: no looks to compute
			b.Write(row)
		} else {
			dc.looks, _ = p.looksFor(l, dc.looks[:0], st, layers)
			b.Write(dc.row(key, func(buf []byte) []byte { return p.appendRow(buf, l, dc.looks, sgr, key.cursorCol) }))
		}
		pos, more = p.view.next(pos)
	}
	return b.String()
}

// drawCache keeps the rows of the last frame: a frame that scrolls a line or moves the
// cursor has almost every row of the one before, and writing a row's cells is most of
// what drawing costs. A row is reused only when everything it shows is the same: the
// line (layout, place, extent, width), the looks of its cells and the cursor's column.
//
// What is drawn over the text (decorations, search matches, the selection) has a serial
// number that changes only when one of them does: a row drawn under the same serial has
// the same looks, and is reused without computing them again.
type drawCache struct {
	prev, cur map[rowKey]drawnRow
	looks     []cellLook // scratch for the row being drawn
	title     string
	titleKey  titleKey

	layers       layersState // what the rows' looks were computed from
	layersSerial uint64

	decoKey   decoKey // App.decorations of this pane, kept while the annotations are the same
	decos     []decoration
	decoValid bool
}

// layersState is what the looks of a pane's rows are made of besides the line itself.
type layersState struct {
	decos     []decoration
	matches   []layout.Range
	current   int
	selection layout.Range
}

var layersSerials atomic.Uint64

// noteLayers gives the frame's layers a new serial number when they differ from the last.
func (dc *drawCache) noteLayers(layers paneLayers, matches []layout.Range, current int) {
	l := &dc.layers
	if dc.layersSerial != 0 && sameDecorations(l.decos, layers.decorations) && slices.Equal(l.matches, matches) &&
		l.current == current && l.selection == layers.selection {
		return
	}
	dc.layersSerial = layersSerials.Add(1)
	*l = layersState{decos: layers.decorations, matches: slices.Clone(matches), current: current, selection: layers.selection}
}

func sameDecorations(a, b []decoration) bool {
	if len(a) != len(b) {
		return false
	}
	return len(a) == 0 || &a[0] == &b[0] || slices.Equal(a, b)
}

// sameLayers returns the row for key drawn in the last frame or this one under the
// current layers serial.
func (dc *drawCache) sameLayers(key rowKey) ([]byte, bool) {
	if r, ok := dc.prev[key]; ok && r.layers == dc.layersSerial {
		dc.cur[key] = r
		return r.bytes, true
	}
	if r, ok := dc.cur[key]; ok && r.layers == dc.layersSerial {
		return r.bytes, true
	}
	return nil, false
}

// rowKey names a laid-out line by its paragraph's layout: a new layout (new width,
// direction, text) has a new serial number, never given to another.
type rowKey struct {
	layout                       uint64 // paraLayout.serial
	pos                          linePos
	start, end, width, cursorCol int
}

type drawnRow struct {
	looks  []cellLook
	bytes  []byte
	layers uint64 // the layers serial the looks were computed under
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
		r.layers = dc.layersSerial
		dc.cur[key] = r
		return r.bytes
	}
	if r, ok := dc.cur[key]; ok && slices.Equal(r.looks, dc.looks) {
		return r.bytes // the same line twice in one frame (an empty document, say)
	}
	r := drawnRow{looks: slices.Clone(dc.looks), bytes: draw(nil), layers: dc.layersSerial}
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
	answer            string
	dir               bidi.Direction
}

func (p *Pane) drawTitle(st *Styles, focused bool, total int, answer string, engine layout.Options) string {
	key := titleKey{st: st, focused: focused, doc: p.DocIndex, total: total, width: p.width, title: p.Title, lang: p.Lang, answer: answer, dir: p.dir}
	if p.drawn.title != "" && p.drawn.titleKey == key {
		return p.drawn.title
	}
	p.drawn.title, p.drawn.titleKey = p.titleLine(st, focused, total, answer, engine), key
	return p.drawn.title
}

// answerMarks are the answers as pane titles and the picker show them: a word, so they
// read without colour.
var answerMarks = map[string]string{
	annotations.AnswerAccept: "✓accepted", annotations.AnswerReject: "✗rejected", annotations.AnswerIgnore: "–ignored",
}

func (p *Pane) titleLine(st *Styles, focused bool, total int, answer string, engine layout.Options) string {
	dir := "ltr"
	if rtlLang(p.Lang) {
		dir = "rtl"
	}
	if p.dir != bidi.Auto {
		dir = dirName(p.dir) + " (forced)"
	}
	right := fmt.Sprintf(" %s · %s", orUnd(p.Lang), dir)
	if m := answerMarks[answer]; m != "" {
		right = " " + m + " ·" + right
	}
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
		look := st.Match
		if mi == p.current {
			look = st.CurrentMatch
		}
		paint(m.Start, m.End, func(c *cellLook) { layLook(c, look) })
	}
	if sel := layers.selection; sel.End > sel.Start {
		paint(sel.Start, sel.End, func(c *cellLook) { layLook(c, st.Selection) })
	}
	return looks, !started
}

// mergeLook lays an annotation's look over c: set colours win, attributes add up, and
// a styled underline (a label's) wins over a plain one (a claim's), so a label inside a
// claim keeps its own.
func mergeLook(c *cellLook, look cellLook) {
	if look.fg != nil {
		c.fg = look.fg
	}
	if look.bg != nil {
		c.bg = look.bg
	}
	if look.underline > c.underline {
		c.underline = look.underline
	}
	c.bold = c.bold || look.bold
	c.italic = c.italic || look.italic
	c.faint = c.faint || look.faint
	c.reverse = c.reverse || look.reverse
	c.overline = c.overline || look.overline
}

// layLook lays a highlight (selection, search match) over c: its colours and its
// attributes replace what the annotations set there.
func layLook(c *cellLook, look cellLook) {
	if look.bg != nil {
		c.bg = look.bg
		if look.fg != nil {
			c.fg = look.fg
		}
	}
	c.reverse = c.reverse || look.reverse
	c.overline = c.overline || look.overline
	c.bold = c.bold || look.bold
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
