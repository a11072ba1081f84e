package tui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/hashiya/hashiya/text/bidi"
	"github.com/hashiya/hashiya/text/layout"
)

// corpusResults is the list of a corpus-wide search's hits: one row per listed hit, with
// the document, which of its hits it is, and the hit in its context.
type corpusResults struct {
	query   string
	hits    []corpusHit
	prog    searchProgress
	running bool
	stopped bool // closed before it finished: the counts are of the documents searched

	warningsKey string // the key that lists the unreadable documents, from its binding

	cursor, top   int
	width, height int
}

// SetSize sets the list's size: a head line and the rows.
func (r *corpusResults) SetSize(width, height int) { r.width, r.height = width, max(height, 2) }

func (r *corpusResults) rows() int { return r.height - 1 }

// add takes in the hits and the progress the worker reported.
func (r *corpusResults) add(msg corpusProgressMsg) {
	r.hits = append(r.hits, msg.hits...)
	r.prog = msg.prog
	r.running = !msg.finished && !r.stopped
}

// Update moves through the list; open is the hit to jump to, closed that the list is left.
func (r *corpusResults) Update(msg tea.KeyPressMsg, k *KeyMap) (open *corpusHit, closed bool) {
	page := max(r.rows()-1, 1)
	switch {
	case key.Matches(msg, k.ResultClose):
		return nil, true
	case key.Matches(msg, k.ResultOpen):
		if r.cursor < len(r.hits) {
			return &r.hits[r.cursor], true
		}
		return nil, false
	case key.Matches(msg, k.Down):
		r.cursor++
	case key.Matches(msg, k.Up):
		r.cursor--
	case key.Matches(msg, k.PageDown, k.HalfDown):
		r.cursor += page
	case key.Matches(msg, k.PageUp, k.HalfUp):
		r.cursor -= page
	case key.Matches(msg, k.Top):
		r.cursor = 0
	case key.Matches(msg, k.Bottom):
		r.cursor = len(r.hits) - 1
	}
	r.cursor = max(0, min(r.cursor, len(r.hits)-1))
	return nil, false
}

// status sums the search up in one line, what matters first (a narrow screen cuts the end).
func (r *corpusResults) status() string {
	p := r.prog
	s := fmt.Sprintf("“%s”: %d hit(s) in %d of %d documents", isolateText(r.query), p.hits, p.docs, p.searched)
	switch {
	case r.running:
		s += fmt.Sprintf(" · searching, %d known…", p.known)
	case r.stopped:
		s += fmt.Sprintf(" · stopped, %d not searched", max(p.known-p.searched, 0))
	}
	if p.listed < p.hits {
		s += fmt.Sprintf(" · %d listed, %d a document at most", p.listed, maxHitsPerDoc)
	}
	if p.failed > 0 {
		s += fmt.Sprintf(" · %d unreadable (%s lists them)", p.failed, r.warningsKey)
	}
	return s
}

// View draws the head line and the rows around the cursor, exactly width×height.
func (r *corpusResults) View(st *Styles, sgr sgrCache, total int, engine layout.Options) string {
	lines := []string{st.Header.Render(visualLTR(r.status(), r.width, engine))}
	rows := r.rows()
	if r.cursor < r.top {
		r.top = r.cursor
	}
	if r.cursor >= r.top+rows {
		r.top = r.cursor - rows + 1
	}
	numW := len(fmt.Sprint(total))
	idW := min(24, max(r.width/5, 8))
	for i := r.top; i < len(r.hits) && i < r.top+rows; i++ {
		h := &r.hits[i]
		marker := " "
		if i == r.cursor {
			marker = "▸"
		}
		head := fmt.Sprintf("%s%*d ", marker, numW, h.doc+1)
		head += padRight(visualLTR(h.id, idW, engine), idW)
		head += fmt.Sprintf(" %7s  ", fmt.Sprintf("%d/%d", h.nth, h.of))
		room := r.width - textWidth(head)
		if i == r.cursor {
			head = st.ListCursor.Render(head)
		}
		lines = append(lines, head+drawSnippet(h, room, st, sgr, engine))
	}
	if len(r.hits) == 0 && !r.running {
		lines = append(lines, st.HeaderDim.Render("  no document holds it"))
	}
	return block(strings.Join(lines, "\n"), r.width, r.height)
}

// isolateText wraps document text quoted in a message in FSI…PDI, so the engine lays it
// out with its own direction and its digits and punctuation stay on its side.
func isolateText(s string) string { return "\u2068" + s + "\u2069" }

// drawSnippet lays out the hit's context, as much as fits in width cells around the hit,
// in the direction of its paragraph, the hit marked; an ellipsis stands where the context
// was cut. Right-to-left context is aligned right, as in the panes.
func drawSnippet(h *corpusHit, width int, st *Styles, sgr sgrCache, engine layout.Options) string {
	if width < 1 {
		return ""
	}
	text := []rune(h.snippet)
	s, e := fitAround(text, h.hitStart, h.hitEnd, width-2) // room for the two ellipses
	var b []rune
	offset := -s
	if s > 0 || h.cutStart {
		b = append(b, '…')
		offset++
	}
	b = append(b, text[s:e]...)
	if e < len(text) || h.cutEnd {
		b = append(b, '…')
	}
	opts := engine
	opts.Width, opts.Align, opts.Dir = 0, false, bidi.LTR
	if h.rtl {
		opts.Dir = bidi.RTL
	}
	p := layout.LayoutParagraph(b, 0, opts)
	if len(p.Lines) == 0 {
		return ""
	}
	l := &p.Lines[0]
	hs, he := h.hitStart+offset, h.hitEnd+offset
	mark := st.Match
	mark.underline = ansi.UnderlineSingle
	var out []byte
	cells := 0
	open := ""
	for _, c := range l.Cells {
		if cells >= width {
			break
		}
		cells++
		if c.Rune == 0 {
			continue // the second column of a wide character
		}
		want := ""
		if c.Logical >= hs && c.Logical < he {
			want = sgr.open(mark)
		}
		if want != open {
			if open != "" {
				out = append(out, sgrReset...)
			}
			out = append(out, want...)
			open = want
		}
		out = utf8.AppendRune(out, c.Rune)
		for _, m := range c.Marks {
			out = utf8.AppendRune(out, m)
		}
	}
	if open != "" {
		out = append(out, sgrReset...)
	}
	pad := strings.Repeat(" ", max(width-cells, 0))
	if h.rtl {
		return pad + string(out)
	}
	return string(out) + pad
}

// fitAround is the widest range [s, e) of text holding [hs, he) whose width, by the one
// width function, is at most width, grown one character at a time on either side in
// turn (marks stay with their letter: a zero-width character costs nothing).
func fitAround(text []rune, hs, he, width int) (s, e int) {
	s, e = hs, he
	w := 0
	for _, r := range text[s:e] {
		w += layout.RuneWidth(r)
	}
	for grew := true; grew; {
		grew = false
		if s > 0 && w+layout.RuneWidth(text[s-1]) <= width {
			s--
			w += layout.RuneWidth(text[s])
			grew = true
		}
		if e < len(text) && w+layout.RuneWidth(text[e]) <= width {
			w += layout.RuneWidth(text[e])
			e++
			grew = true
		}
	}
	for e < len(text) && layout.RuneWidth(text[e]) == 0 {
		e++ // trailing marks of the last letter kept
	}
	return s, e
}
