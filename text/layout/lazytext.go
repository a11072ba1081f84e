package layout

import (
	"github.com/hashiya/hashiya/text/bidi"
	"github.com/hashiya/hashiya/text/doctext"
)

// TextParagraph is one paragraph of any length of a doctext.Text, laid out on demand a
// window at a time: no array of the whole paragraph is ever made, so a 50 MB one-line
// document costs little more than its text. Its lines are those of LayoutParagraph on the
// decoded paragraph and the same options.
//
// Exactness without resolving the whole paragraph: with no explicit embedding or isolate
// (the paragraph is one isolating run sequence at its base level), the bidi rules W1–W7,
// N1/N2 and I1/I2 look from a character only as far as the nearest strong type, N0 only
// inside a bracket pair and before its opening bracket as far as a strong type, and shaping
// only to the nearest non-transparent neighbour. So a window cut just before a strong letter
// (after a space) and just after one, both outside every bracket pair of the paragraph,
// resolves, shapes and measures every index between its cuts as the whole paragraph does
// (lazywindow.go). The bracket pairs (BD16 over the whole paragraph) are found by a byte scan
// that runs only as far as the windows reach (lazyscan.go): opening, the first screen reads
// the first few thousand code points. Once the scan meets an explicit embedding, override
// or isolate, or more than 63 brackets open at once, the paragraph is laid out by a
// LazyParagraph over its whole decoded text instead (the lines found so far are the same).
//
// A TextParagraph must not be used by two goroutines at once.
type TextParagraph struct {
	sc    *textScan
	start int
	opts  Options
	base  bidi.Level
	width int

	whole *LazyParagraph // the fallback

	ends     []int32 // line k is [ends[k-1], ends[k]) (paragraph-relative)
	complete bool
	brk      breakCursor // break opportunities known up to brk.idx, in wrapWin's flags
	wrapWin  window      // the window lines are found in
	lineWin  window      // the window the last line was built in
}

type span struct{ open, close int32 }

// maxBracketDepth is the stack size of BD16.
const maxBracketDepth = 63

// textWindowMin is the paragraph length (code points) from which a TextParagraph lays out
// windows; a shorter one is one window (a variable for tests).
var textWindowMin = 1 << 16

// NewTextParagraph lays out the paragraph r of t (no paragraph separator inside); its lines
// carry the document offsets of t.
func NewTextParagraph(t doctext.Text, r Range, opts Options) *TextParagraph {
	return newTextParagraph(newTextScan(t, r), opts)
}

// WithOptions is the paragraph laid out with other options, sharing the byte scan (a resize
// re-wraps without reading the text again).
func (p *TextParagraph) WithOptions(opts Options) *TextParagraph {
	return newTextParagraph(p.sc, opts)
}

func newTextParagraph(sc *textScan, opts Options) *TextParagraph {
	p := &TextParagraph{sc: sc, start: sc.start, opts: opts, width: max(opts.Width, 0)}
	if sc.fallback() {
		p.layWhole()
		return p
	}
	switch {
	case opts.Dir == bidi.RTL, opts.Dir == bidi.Auto && sc.firstDir == 2:
		p.base = 1
	}
	p.brk.state = -1
	return p
}

// layWhole switches to the fallback.
func (p *TextParagraph) layWhole() {
	p.whole = NewLazyParagraph([]rune(p.sc.s), p.start, p.opts)
	p.base = p.whole.Level()
	p.wrapWin, p.lineWin = window{}, window{}
}

// Windowed reports whether the paragraph is laid out in windows (not by the fallback).
func (p *TextParagraph) Windowed() bool { return p.whole == nil }

// Level is the paragraph's resolved base level.
func (p *TextParagraph) Level() bidi.Level { return p.base }

// Start and End are the paragraph's document range.
func (p *TextParagraph) Start() int { return p.start }
func (p *TextParagraph) End() int   { return p.start + p.sc.n }

// addPair records the pair [o, c]: pairs found before it that start after o lie inside it.
func (sc *textScan) addPair(o, c int32) {
	k := len(sc.pairs)
	for k > 0 && sc.pairs[k-1].open > o {
		k--
	}
	sc.pairs = append(sc.pairs[:k], span{o, c})
}

// canonicalBracket maps U+2329/U+232A to their canonical equivalents U+3008/U+3009 (BD16
// matches brackets by canonical equivalence).
func canonicalBracket(r rune) rune {
	switch r {
	case 0x2329:
		return 0x3008
	case 0x232A:
		return 0x3009
	}
	return r
}

// inside reports whether paragraph index i lies strictly inside a bracket pair.
func (sc *textScan) inside(i int) bool {
	lo, hi := 0, len(sc.pairs)
	for lo < hi { // the first pair closing after i
		m := int(uint(lo+hi) >> 1)
		if int(sc.pairs[m].close) <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(sc.pairs) && int(sc.pairs[lo].open) < i
}

// byteAt is the byte offset in s of code point i (0 <= i <= n).
func (sc *textScan) byteAt(i int) int { return sc.t.Offset(sc.start+i) - sc.b0 }
