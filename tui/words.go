package tui

import (
	"fmt"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/text/layout"
	"github.com/hashiya/hashiya/text/segment"
)

// Words here are text/segment's, the same the training file's tokens are made of: what
// a label key tags, what w and b stop on, what a selection snaps to and what < > ( )
// step by. The character keys step by one grapheme cluster (a letter with its marks),
// so a proclitic (و ف ب ل ك) or the article ال can be left out of an entity.

// exactEnds remembers selection ends moved by a character key, so they are not snapped
// back to whole words. Each belongs to a point of the selection: the anchor, or the
// cursor while it stays where the key left it.
type exactEnds struct {
	anchor, cursor         bool
	anchorStart, cursorEnd bool // which end of the selection the point defined
	anchorAt, cursorAt     int  // the offset of that end
	cursorPos              int  // where the cursor was; moving it drops its end
}

// target is what an annotation key acts on: the selection, else the word under the
// cursor. Both cover whole characters with their combining marks.
func (p *Pane) target() (layout.Range, bool) {
	n := p.view.text.Len()
	if n == 0 {
		return layout.Range{}, false
	}
	if p.selAnchor >= 0 {
		s, e := p.selectionBounds()
		text, off := p.view.window(s, e)
		r := shifted(snapToCharacters(text, s-off, e-off), off)
		return r, r.End > r.Start
	}
	if p.cursor < 0 || p.cursor >= n {
		return layout.Range{}, false
	}
	text, off := p.view.window(p.cursor, p.cursor)
	sg := segment.At(text, p.cursor-off)
	if !sg.Kind.IsWord() {
		return layout.Range{}, false
	}
	return shifted(snapToCharacters(text, sg.Start, sg.End), off), true
}

// shifted is r moved by off: from window offsets to the document's.
func shifted(r layout.Range, off int) layout.Range {
	return layout.Range{Start: r.Start + off, End: r.End + off}
}

// selectionPoints orders the anchor and the cursor; on a tie the anchor is the start.
func (p *Pane) selectionPoints() (lo, hi int, anchorIsStart bool) {
	if p.selAnchor <= p.cursor {
		return p.selAnchor, p.cursor, true
	}
	return p.cursor, p.selAnchor, false
}

// exactStart and exactEnd are the selection ends a character key fixed, if any.
func (p *Pane) exactStart(anchorIsStart bool) (int, bool) {
	x := p.selExact
	if anchorIsStart {
		return x.anchorAt, x.anchor && x.anchorStart
	}
	return x.cursorAt, x.cursor && !x.cursorEnd && x.cursorPos == p.cursor
}

func (p *Pane) exactEnd(anchorIsStart bool) (int, bool) {
	x := p.selExact
	if anchorIsStart {
		return x.cursorAt, x.cursor && x.cursorEnd && x.cursorPos == p.cursor
	}
	return x.anchorAt, x.anchor && !x.anchorStart
}

// selectionBounds is the selected range: from the character at the first point to the
// one at the second, each end snapped to whole words unless a character key fixed it.
// A selection snaps to whole words as annotators expect from token-based tools: "v w w"
// then a label covers three words, not two and a letter.
func (p *Pane) selectionBounds() (int, int) {
	n := p.view.text.Len()
	lo, hi, anchorIsStart := p.selectionPoints()
	lo, hi = max(0, min(lo, n-1)), max(0, min(hi, n-1))
	text, off := p.view.window(lo, hi)
	s, _ := segment.Character(text, lo-off)
	_, e := segment.Character(text, hi-off)
	s, e = s+off, e+off
	xs, okS := p.exactStart(anchorIsStart)
	xe, okE := p.exactEnd(anchorIsStart)
	if okS {
		s = xs
	}
	if okE {
		e = xe
	}
	if !okS {
		s = wordStartFrom(text, s-off, e-off) + off
	}
	if !okE {
		e = wordEndUpTo(text, s-off, e-off) + off
	}
	return s, e
}

// wordStartFrom is the start of the first word overlapping [s,e), or e if none does.
func wordStartFrom(text []rune, s, e int) int {
	if w, ok := segment.FirstWordIn(text, s, e); ok {
		return w.Start
	}
	return e
}

// wordEndUpTo is the end of the last word overlapping [s,e), or s if none does.
func wordEndUpTo(text []rune, s, e int) int {
	if w, ok := segment.LastWordIn(text, s, e); ok {
		return w.End
	}
	return s
}

// snapToCharacters widens [s,e) so no grapheme cluster (a base letter and its marks) is
// cut, staying inside the text.
func snapToCharacters(text []rune, s, e int) layout.Range {
	s, e = max(s, 0), min(e, len(text))
	if s < len(text) {
		s, _ = segment.Character(text, s)
	}
	if e > 0 && e < len(text) {
		if cs, ce := segment.Character(text, e); cs < e {
			e = ce
		}
	}
	return layout.Range{Start: s, End: max(e, s)}
}

// wordEndAfter is the end of the first word ending after offset i (i if none).
func wordEndAfter(text []rune, i int) int {
	if w, ok := segment.WordEndingAfter(text, i); ok {
		return w.End
	}
	return i
}

// wordStartBefore is the start of the last word starting before offset i (i if none).
func wordStartBefore(text []rune, i int) int {
	if w, ok := segment.WordStartingBefore(text, i); ok {
		return w.Start
	}
	return i
}

// moveWord moves to the next (n > 0) or previous word start in reading order.
func (p *Pane) moveWord(n int) {
	p.goalCol = -1
	text, off := p.view.window(p.cursor, p.cursor)
	c := p.cursor - off
	w, ok := segment.WordStartingBefore(text, c)
	if n > 0 {
		// The first word ending after the cursor, unless the cursor is inside it.
		if w, ok = segment.WordEndingAfter(text, c); ok && w.Start <= c {
			w, ok = segment.WordEndingAfter(text, w.End)
		}
	}
	if ok {
		p.cursor = w.Start + off
		p.ensureVisible()
	}
}

// The character steps skip white space, so an end never rests on a space.

// charBefore is the start of the visible character before offset i (i if none).
func charBefore(text []rune, i int) int {
	j := i
	for j > 0 && unicode.IsSpace(text[j-1]) {
		j--
	}
	if j == 0 {
		return i
	}
	s, _ := segment.Character(text, j-1)
	return s
}

// charAfter is the end of the visible character at or after offset i (i if none).
func charAfter(text []rune, i int) int {
	j := i
	for j < len(text) && unicode.IsSpace(text[j]) {
		j++
	}
	if j == len(text) {
		return i
	}
	_, e := segment.Character(text, j)
	return e
}

// skipSpace moves i over white space in direction dir (1 forward, -1 backward).
func skipSpace(text []rune, i, dir int) int {
	for dir > 0 && i < len(text) && unicode.IsSpace(text[i]) {
		i++
	}
	for dir < 0 && i > 0 && unicode.IsSpace(text[i-1]) {
		i--
	}
	return i
}

// stepByCharacter moves one end of [s,e) by one character: grow or shrink the start or
// the end. A shrink that would empty the range leaves it as it is.
func stepByCharacter(text []rune, s, e int, msg tea.KeyPressMsg, k *KeyMap) (int, int) {
	switch {
	case key.Matches(msg, k.GrowStartChar):
		s = charBefore(text, s)
	case key.Matches(msg, k.ShrinkStartChar):
		if _, ce := segment.Character(text, s); skipSpace(text, ce, 1) < e {
			s = skipSpace(text, ce, 1)
		}
	case key.Matches(msg, k.GrowEndChar):
		e = charAfter(text, e)
	case key.Matches(msg, k.ShrinkEndChar):
		if cs, _ := segment.Character(text, e-1); skipSpace(text, cs, -1) > s {
			e = skipSpace(text, cs, -1)
		}
	}
	return s, e
}

// stepByWord moves one end of [s,e) by one word; the end lands on a word's edge.
func stepByWord(text []rune, s, e int, msg tea.KeyPressMsg, k *KeyMap) (int, int) {
	switch {
	case key.Matches(msg, k.GrowEnd):
		e = wordEndAfter(text, e)
	case key.Matches(msg, k.ShrinkEnd):
		// Drop the last word: end where the word before it ends.
		if last, ok := segment.WordStartingBefore(text, e); ok {
			if prev, ok := segment.WordStartingBefore(text, last.Start); ok && prev.End > s {
				e = prev.End
			}
		}
	case key.Matches(msg, k.GrowStart):
		s = wordStartBefore(text, s)
	case key.Matches(msg, k.ShrinkStart):
		if first, ok := segment.WordEndingAfter(text, s); ok {
			if next, ok := segment.WordEndingAfter(text, first.End); ok && next.Start < e {
				s = next.Start
			}
		}
	}
	return s, e
}

// resizeBounds is [s,e) after a resize key: by a word, or by a character.
func resizeBounds(text []rune, s, e int, msg tea.KeyPressMsg, k *KeyMap) (int, int) {
	if key.Matches(msg, k.GrowStartChar, k.ShrinkStartChar, k.GrowEndChar, k.ShrinkEndChar) {
		return stepByCharacter(text, s, e, msg, k)
	}
	return stepByWord(text, s, e, msg, k)
}

// keepCursorIn moves the cursor into r, so the next resize key finds the same span after
// its start or end moved past the cursor.
func keepCursorIn(p *Pane, r layout.Range) {
	c := max(r.Start, min(p.cursor, r.End-1))
	text, off := p.view.window(c, c)
	c, _ = segment.Character(text, c-off) // on a character's start: never on a mark of its last letter
	p.cursor = max(c+off, r.Start)
}

// moveSelectionEnd moves the start or the end of the selection by one character and
// fixes that end, so it is not snapped back to a whole word.
func (a *App) moveSelectionEnd(p *Pane, msg tea.KeyPressMsg) {
	s, e := p.selectionBounds()
	text, off := p.view.window(s, e)
	ns, ne := stepByCharacter(text, s-off, e-off, msg, &a.keys)
	ns, ne = ns+off, ne+off
	_, _, anchorIsStart := p.selectionPoints()
	x := &p.selExact
	if ns != s {
		if anchorIsStart {
			x.anchor, x.anchorStart, x.anchorAt = true, true, ns
		} else {
			x.cursor, x.cursorEnd, x.cursorAt, x.cursorPos = true, false, ns, p.cursor
		}
	}
	if ne != e {
		if anchorIsStart {
			x.cursor, x.cursorEnd, x.cursorAt, x.cursorPos = true, true, ne, p.cursor
		} else {
			x.anchor, x.anchorStart, x.anchorAt = true, false, ne
		}
	}
	if r, ok := p.target(); ok {
		a.setStatus(fmt.Sprintf("selection «%s»", p.view.text.Slice(r.Start, r.End)), false)
	}
}
