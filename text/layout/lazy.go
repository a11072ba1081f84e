package layout

import (
	"sort"

	"github.com/hashiya/hashiya/text/bidi"
)

// LazyParagraph is one paragraph of any length laid out on demand: sanitizing, bidi levels
// (over the whole paragraph, so an isolate or embedding opened at its start still acts at
// its end) and shaping are computed once, by NewLazyParagraph; break opportunities and lines
// are found only as far as asked for (lazybreaks.go), and cells are built only for the lines
// asked for, in buffers the size of a line. Its lines are those of LayoutParagraph on the
// same text and options.
//
// A LazyParagraph keeps text when it holds only Unicode scalar values (a document's text
// does): the caller must not change it while the LazyParagraph is used. It must not be used
// by two goroutines at once.
type LazyParagraph struct {
	l        Layouter
	start, n int
	opts     Options
	base     bidi.Level
	bp       *bidi.Paragraph
	width    int  // max(opts.Width, 0)
	wrapAt   int  // the width lines are broken at: 0 when the paragraph fits or is not wrapped
	complete bool // l.spans holds every line
	brk      breakCursor

	// win lays out one line: its paragraph-wide arrays are windows of l's starting at the
	// line, its per-line arrays (owner, uw, mspan, cols, marks) are sized to the line.
	win Layouter
}

// NewLazyParagraph resolves the paragraph text, whose document offset is start.
func NewLazyParagraph(text []rune, start int, opts Options) *LazyParagraph {
	p := &LazyParagraph{start: start, n: len(text), opts: opts}
	p.l.lineLocal = true
	n := len(text) // the paragraph-wide arrays, kept as long as p, at their exact size
	p.l.src = text[:n:n]
	if p.l.srcShared = allScalars(text); !p.l.srcShared {
		p.l.src = make([]rune, n) // resolve writes U+FFFD for the others
	}
	p.l.props, p.l.disp = make([]prop, n), make([]rune, n)
	p.l.dw, p.l.base = make([]int8, n), make([]bool, n)
	p.base, p.bp = p.l.resolve(text, opts)
	if p.bp != nil {
		p.bp.DropScratch()
	}
	p.width = max(opts.Width, 0)
	if p.width > 0 && !p.l.fits(p.n, p.width, opts) { // break opportunities are found by lineEnd
		p.wrapAt = p.width
		p.l.flags = make([]uint8, p.n+1)
		p.brk.state = -1
	}
	p.l.spans = p.l.spans[:0]
	return p
}

// Level is the paragraph's resolved base level.
func (p *LazyParagraph) Level() bidi.Level { return p.base }

// Start and End are the paragraph's document range.
func (p *LazyParagraph) Start() int { return p.start }
func (p *LazyParagraph) End() int   { return p.start + p.n }

// more finds the next line; false when every line is known.
func (p *LazyParagraph) more() bool {
	if p.complete {
		return false
	}
	l := &p.l
	if p.wrapAt == 0 && !l.hasBreak {
		l.spans = append(l.spans, lineSpan{start: 0, end: p.n})
		p.complete = true
		return true
	}
	ls := 0
	if k := len(l.spans); k > 0 {
		ls = l.spans[k-1].end
		if ls == p.n { // only a forced break at the very end leaves an empty last line
			l.spans = append(l.spans, lineSpan{start: p.n, end: p.n})
			p.complete = true
			return true
		}
	}
	var end int
	if p.wrapAt > 0 {
		end = p.lineEnd(ls)
	} else {
		end = l.lineEnd(ls, p.n, 0, p.opts) // forced breaks only
	}
	l.spans = append(l.spans, lineSpan{start: ls, end: end})
	if end == p.n && !(end > ls && l.props[end-1].kind() == kBreak) {
		p.complete = true
	}
	return true
}

// NumLines is the number of lines; it finds them all (no cells are built).
func (p *LazyParagraph) NumLines() int {
	for p.more() {
	}
	return len(p.l.spans)
}

// LineIndex is the number of the line that holds document index i: the first line for an
// index before the paragraph, the last one for an index at or after its end. It finds the
// lines only up to that one.
func (p *LazyParagraph) LineIndex(i int) int {
	i -= p.start
	spans := &p.l.spans
	for len(*spans) == 0 || (*spans)[len(*spans)-1].end <= i {
		if !p.more() {
			break
		}
	}
	s := *spans
	k := sort.Search(len(s), func(k int) bool { return s[k].end > i })
	return min(k, len(s)-1)
}

// Line lays out line k (from 0); ok is false when there is no line k. The Line owns its
// memory.
func (p *LazyParagraph) Line(k int) (line Line, ok bool) {
	if k < 0 {
		return Line{}, false
	}
	for len(p.l.spans) <= k {
		if !p.more() {
			return Line{}, false
		}
	}
	l, w := &p.l, &p.win
	sp := l.spans[k]
	m := sp.end - sp.start
	w.src, w.props, w.disp = l.src[sp.start:], l.props[sp.start:], l.disp[sp.start:]
	w.dw, w.base = l.dw[sp.start:], l.base[sp.start:]
	w.off = sp.start
	w.owner, w.uw, w.cols = grow(w.owner, m), grow(w.uw, m), grow(w.cols, m)
	w.mspan = grow(w.mspan, 2*m)
	if cap(w.marks) < m { // Cell.Marks slice this buffer: it must never move while a line is built
		w.marks = make([]rune, 0, m+m/4)
	}
	w.cells, w.marks = w.cells[:0], w.marks[:0]
	w.buildLine(0, m, p.start+sp.start, p.base, p.bp, p.width, p.opts)
	return ownLine(w, 0, m, p.start+sp.start, p.base&1 == 1), true
}

// LineAt lays out the line that holds document index i (see LineIndex).
func (p *LazyParagraph) LineAt(i int) Line {
	line, _ := p.Line(p.LineIndex(i))
	return line
}

// allScalars reports whether text holds only Unicode scalar values.
func allScalars(text []rune) bool {
	for _, r := range text {
		if uint32(r) >= 0xD800 && (uint32(r) < 0xE000 || uint32(r) > 0x10FFFF) {
			return false
		}
	}
	return true
}
