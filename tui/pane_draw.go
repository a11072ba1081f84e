package tui

import (
	"fmt"
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
	pos := p.top
	more := true
	var looks []cellLook
	var buf []byte
	for i := 0; i < h; i++ {
		b.WriteByte('\n')
		if !more {
			b.WriteString(strings.Repeat(" ", p.width))
			continue
		}
		l := p.view.line(pos)
		looks = p.looksFor(l, looks[:0], st, layers)
		buf = p.appendRow(buf[:0], l, looks, sgr, layers.showCursor)
		b.Write(buf)
		pos, more = p.view.next(pos)
	}
	return b.String()
}

func (p *Pane) drawTitle(st *Styles, focused bool, total int, engine layout.Options) string {
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

// looksFor computes the look of every document index on line l.
func (p *Pane) looksFor(l *layout.Line, looks []cellLook, st *Styles, layers paneLayers) []cellLook {
	n := l.End - l.Start
	for i := 0; i < n; i++ {
		looks = append(looks, cellLook{})
	}
	paint := func(s, e int, f func(*cellLook)) {
		s, e = max(s, l.Start), min(e, l.End)
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
	return looks
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
	c.bold = c.bold || look.bold
	c.faint = c.faint || look.faint
	c.reverse = c.reverse || look.reverse
}

// appendRow writes the cells of l with their looks, padded to the pane width.
func (p *Pane) appendRow(buf []byte, l *layout.Line, looks []cellLook, sgr sgrCache, showCursor bool) []byte {
	cursorCol := -1
	if showCursor && p.cursor >= l.Start && (p.cursor < l.End || (l.Start == l.End && p.cursor == l.Start)) {
		cursorCol = p.cursorColumn(l)
	}
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
			if c.Logical >= l.Start && c.Logical < l.End {
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
