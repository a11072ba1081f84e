package layout

import (
	"unicode/utf8"

	"github.com/hashiya/hashiya/text/bidi"
)

// window is the part [a, b) of a TextParagraph decoded and analysed as a paragraph of its
// own at the paragraph's base level: every index in [lo, hi) has the props, levels, shaped
// forms and widths the whole paragraph gives it (see TextParagraph).
type window struct {
	ok       bool
	a, b     int // decoded range (paragraph-relative)
	lo, hi   int // exact range
	runes    []rune
	l        Layouter
	bp       *bidi.Paragraph
	resolved bool // levels and shaped forms are known: lines can be built in it
}

// Variables for tests: how far past a line start the wrapping window reaches, and how far a
// cut is looked for before the window runs to the paragraph's end.
var (
	wrapSpan     = 1 << 15
	maxCutSearch = 1 << 16
)

// covers reports whether [s, e) lies in the window's exact range.
func (w *window) covers(s, e int) bool { return w.ok && w.lo <= s && e <= w.hi }

// build makes w the window around [s, e): from the last cut at or before s to the first after
// e; resolved asks for the bidi levels and shaped forms, which breaking lines needs only for
// lam-alef ligatures (the other forms are as wide as their letters: TestFormsKeepWidths). It
// returns false, having switched to the fallback, when the scan that found the cuts met what
// makes the paragraph one to lay out whole.
func (p *TextParagraph) build(w *window, s, e int, resolved bool) bool {
	sc := p.sc
	a, hi := 0, sc.n
	if sc.n >= textWindowMin {
		a, hi = sc.leftCut(s), sc.rightCut(e)
	}
	b := min(hi+1, sc.n)
	sc.scanTo(b)
	if sc.fallback() {
		p.layWhole()
		return false
	}
	w.a, w.b, w.lo, w.hi, w.ok = a, b, a, hi, true
	m := b - a
	rs := w.runes[:0]
	for _, r := range sc.s[sc.byteAt(a):sc.byteAt(b)] {
		rs = append(rs, r)
	}
	w.runes = rs
	opts := p.opts
	opts.Dir = bidi.LTR
	if p.base == 1 {
		opts.Dir = bidi.RTL
	}
	l := &w.l
	l.src, l.srcShared = rs[:m:m], true // decoded from UTF-8: all scalars
	w.resolved, w.bp = resolved, nil
	if resolved {
		_, w.bp = l.resolve(l.src, opts)
		if w.bp != nil {
			w.bp.DropScratch()
		}
	} else {
		l.classify(l.src)
		l.prepare(l.src, opts)
	}
	l.flags = grow(l.flags, m+1)
	clear(l.flags)
	return true
}

// classify fills props for src, as resolve does, without the bidi classes.
func (l *Layouter) classify(src []rune) {
	n := len(src)
	l.grow(n)
	props := l.props[:n]
	hasBreak := false
	for i, r := range src {
		if uint32(r) < lowLimit {
			props[i] = lowEntries[r].prop()
			continue
		}
		props[i] = propOf(r)
		hasBreak = hasBreak || props[i].kind() == kBreak
	}
	l.hasBreak = hasBreak
}

// safeCut reports whether a window may be cut next to r: a letter of class L, R or AL that
// joins as a letter (never transparent) and starts a grapheme cluster after a space.
func safeCut(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r|0x20 && r|0x20 <= 'z'
	case r >= 0xC0 && r <= 0x24F:
		return r != 0xD7 && r != 0xF7
	case r >= 0x5D0 && r <= 0x5EA, r >= 0x620 && r <= 0x63F, r >= 0x641 && r <= 0x64A, r >= 0x671 && r <= 0x6D3:
		return true
	}
	return false
}

// leftCut is where a window holding index i may start: the last strong letter at or before i
// that follows a space where a cut is safe, or 0. When the bracket scan so far leaves an
// opening bracket waiting for its pair, the whole paragraph is scanned to know if it has one.
func (sc *textScan) leftCut(i int) int {
	if i <= 0 {
		return 0
	}
	i = min(i, sc.n)
	sc.scanTo(i + 1)
	for {
		if j, ok := sc.searchLeft(i); ok || sc.complete() {
			return j
		}
		sc.scanTo(sc.n)
	}
}

func (sc *textScan) searchLeft(i int) (int, bool) {
	b := sc.byteAt(i + 1)
	for j := i; j > 0 && i-j < maxCutSearch; j-- {
		if j == sc.n { // no code point there
			continue
		}
		r, size := utf8.DecodeLastRuneInString(sc.s[:b])
		b -= size
		if safeCut(r) && b > 0 && sc.s[b-1] == ' ' && sc.safe(j) {
			return j, true
		}
	}
	return 0, false
}

// rightCut is where the exact part of a window holding index i-1 may end: the first strong
// letter at or after i where a cut is safe (the window holds it too), or n.
func (sc *textScan) rightCut(i int) int {
	if i >= sc.n {
		return sc.n
	}
	for {
		if j, ok := sc.searchRight(i); ok || sc.complete() {
			return j
		}
		sc.scanTo(sc.n)
	}
}

func (sc *textScan) searchRight(i int) (int, bool) {
	b := sc.byteAt(i)
	for j := i; j < sc.n && j-i < maxCutSearch; j++ {
		sc.scanTo(j + 1)
		r, size := utf8.DecodeRuneInString(sc.s[b:])
		if safeCut(r) && sc.safe(j) {
			return j, true
		}
		b += size
	}
	return sc.n, false
}
