package tui

import (
	"runtime/debug"
	"sort"
	"sync/atomic"

	"github.com/hashiya/hashiya/text/doctext"
	"github.com/hashiya/hashiya/text/layout"
)

// lazyMin is the paragraph length (code points) from which a paragraph is laid out line by
// line as its lines are asked for (layout.TextParagraph, in windows of its UTF-8) rather
// than whole: either way the layout is exact, as if bidi were resolved over the whole
// paragraph. Below it, laying out every line at once is faster for a paragraph of news.
const lazyMin = 16384

// maxCachedParas bounds the layout cache; past it the paragraphs far from the one asked
// for are dropped (and laid out again when they come back into view).
const maxCachedParas = 4096

// maxCachedLazyRunes bounds the code points of the lazily laid-out paragraphs kept in the
// cache that are resolved whole (those with explicit embeddings or isolates hold tens of
// bytes per code point); past it, far ones are dropped.
const maxCachedLazyRunes = 8 << 20

// keepNear is how many paragraphs either side of the one asked for survive a cache trim:
// more than a screen can show.
const keepNear = 256

// maxLazyLines bounds the laid-out lines kept for one lazy paragraph; past it they are
// dropped and laid out again on demand (a line costs microseconds).
const maxLazyLines = 4096

// linePos names a visual line: paragraph index and line within it.
type linePos struct{ para, line int }

func (a linePos) less(b linePos) bool {
	return a.para < b.para || (a.para == b.para && a.line < b.line)
}

// layoutSerial numbers paragraph layouts, so a drawn row can name the layout it came from
// without keeping it alive.
var layoutSerial atomic.Uint64

// paraLayout is one paragraph laid out for the view's options: whole (short paragraphs) or
// lazily, line by line.
type paraLayout struct {
	serial uint64
	whole  *layout.Paragraph
	lazy   *layout.TextParagraph
	lines  map[int]*layout.Line // the lazy paragraph's lines laid out so far
}

// newParaLayout lays out paragraph r of text; prev, when not nil, is the paragraph laid out
// with other options, whose scan of the text the new layout shares.
func newParaLayout(text doctext.Text, r layout.Range, opts layout.Options, prev *layout.TextParagraph) *paraLayout {
	pl := &paraLayout{serial: layoutSerial.Add(1)}
	if r.End-r.Start >= lazyMin {
		if prev != nil {
			pl.lazy = prev.WithOptions(opts)
		} else {
			pl.lazy = layout.NewTextParagraph(text, r, opts)
		}
		pl.lines = map[int]*layout.Line{}
	} else {
		p := layout.LayoutParagraph(text.Runes(r.Start, r.End), r.Start, opts)
		pl.whole = &p
	}
	return pl
}

// line is line k of the paragraph, if it has one.
func (pl *paraLayout) line(k int) (*layout.Line, bool) {
	if pl.whole != nil {
		if k < 0 || k >= len(pl.whole.Lines) {
			return nil, false
		}
		return &pl.whole.Lines[k], true
	}
	if l, ok := pl.lines[k]; ok {
		return l, true
	}
	l, ok := pl.lazy.Line(k)
	if !ok {
		return nil, false
	}
	if len(pl.lines) >= maxLazyLines {
		clear(pl.lines)
	}
	pl.lines[k] = &l
	return &l, true
}

// numLines counts the paragraph's lines (for a lazy one, finding them all, without cells).
func (pl *paraLayout) numLines() int {
	if pl.whole != nil {
		return len(pl.whole.Lines)
	}
	return pl.lazy.NumLines()
}

// lineOf is the line holding offset: the last one for an offset past the paragraph.
func (pl *paraLayout) lineOf(offset int) int {
	if pl.lazy != nil {
		return pl.lazy.LineIndex(offset)
	}
	lines := pl.whole.Lines
	for li := range lines {
		if offset < lines[li].End {
			return li
		}
	}
	return len(lines) - 1
}

// lazyRunes is the code points of a lazy paragraph resolved whole (see maxCachedLazyRunes).
func (pl *paraLayout) lazyRunes() int {
	if pl.lazy == nil || pl.lazy.Windowed() {
		return 0
	}
	return pl.lazy.End() - pl.lazy.Start()
}

// docView lays out one document lazily, paragraph by paragraph, for one option set.
type docView struct {
	text       doctext.Text
	paras      []layout.Range
	opts       layout.Options
	cache      map[int]*paraLayout
	cacheLazyN int // code points of the lazy paragraphs in cache resolved whole

	// before holds the long paragraphs laid out with the options before the last change:
	// laid out again, they share its scan of the text (a resize re-wraps, nothing more).
	before map[int]*layout.TextParagraph
}

func newDocView(text doctext.Text, opts layout.Options) *docView {
	return &docView{text: text, paras: layout.TextParagraphs(text), opts: opts, cache: map[int]*paraLayout{}}
}

// windowReach is how far around the offsets they act on the word and character steps see
// the text: four times what text/segment looks at (segment.Window), so within a window they
// find what they would in the whole text, unless they walk past it over thousands of code
// points that hold no word.
const windowReach = 16384

// window is the code points of the text around [lo, hi] as far as windowReach, decoded, and
// the offset of the first: the text the word and character steps work on, so a key in a
// 50 MB document decodes 128 kB, not the document.
func (v *docView) window(lo, hi int) (text []rune, off int) {
	off = max(0, lo-windowReach)
	return v.text.Runes(off, hi+windowReach), off
}

// setOptions changes the layout options, dropping cached layouts if they differ.
func (v *docView) setOptions(opts layout.Options) {
	if opts != v.opts {
		v.opts = opts
		dropped := v.cacheLazyN
		v.before = map[int]*layout.TextParagraph{}
		for i, p := range v.cache {
			if p.lazy != nil {
				v.before[i] = p.lazy
			}
		}
		v.cache, v.cacheLazyN = map[int]*paraLayout{}, 0
		if dropped >= gcAfterDropping {
			// Collect the dropped layouts and give their memory back now, before the next
			// one is built: left to the pacer, a resize of a 50 MB line held both (measured
			// peak RSS: 0.9 GB at open, 1.7 GB after one resize, 2.1 GB after two; with a
			// runtime.GC only, 1.8 GB; with this, 0.9 GB throughout).
			debug.FreeOSMemory()
		}
	}
}

// gcAfterDropping is how many code points of lazily laid-out paragraphs a relayout must drop
// for it to collect them at once (tens of bytes each).
const gcAfterDropping = 1 << 20

func (v *docView) para(i int) *paraLayout {
	if p, ok := v.cache[i]; ok {
		return p
	}
	r := v.paras[i]
	if len(v.cache) >= maxCachedParas || (r.End-r.Start >= lazyMin && v.cacheLazyN+r.End-r.Start > maxCachedLazyRunes) {
		v.trim(i)
	}
	p := newParaLayout(v.text, r, v.opts, v.before[i])
	delete(v.before, i)
	v.cache[i] = p
	v.cacheLazyN += p.lazyRunes()
	return p
}

// trim drops the cached paragraphs far from paragraph i.
func (v *docView) trim(i int) {
	for k, p := range v.cache {
		if k < i-keepNear || k > i+keepNear {
			v.cacheLazyN -= p.lazyRunes()
			delete(v.cache, k)
		}
	}
}

// line is the line at pos, which must exist.
func (v *docView) line(pos linePos) *layout.Line {
	l, ok := v.para(pos.para).line(pos.line)
	if !ok {
		panic("docView: no such line")
	}
	return l
}

// paraOf is the paragraph holding offset (a separator belongs to the paragraph before it).
func (v *docView) paraOf(offset int) int {
	i := sort.Search(len(v.paras), func(i int) bool { return v.paras[i].Start > offset })
	if i == 0 {
		return 0
	}
	return i - 1
}

// posOf is the visual line showing offset.
func (v *docView) posOf(offset int) linePos {
	pi := v.paraOf(offset)
	return linePos{pi, v.para(pi).lineOf(offset)}
}

func (v *docView) next(pos linePos) (linePos, bool) {
	if _, ok := v.para(pos.para).line(pos.line + 1); ok {
		return linePos{pos.para, pos.line + 1}, true
	}
	if pos.para+1 < len(v.paras) {
		return linePos{pos.para + 1, 0}, true
	}
	return pos, false
}

func (v *docView) prev(pos linePos) (linePos, bool) {
	if pos.line > 0 {
		return linePos{pos.para, pos.line - 1}, true
	}
	if pos.para > 0 {
		return linePos{pos.para - 1, v.para(pos.para-1).numLines() - 1}, true
	}
	return pos, false
}

// move walks n lines down (n < 0: up) and says how many it could walk.
func (v *docView) move(pos linePos, n int) (linePos, int) {
	moved := 0
	for moved < n {
		np, ok := v.next(pos)
		if !ok {
			break
		}
		pos = np
		moved++
	}
	for moved > n {
		np, ok := v.prev(pos)
		if !ok {
			break
		}
		pos = np
		moved--
	}
	return pos, moved
}

// distance counts lines from a to b (b after a), giving up at limit.
func (v *docView) distance(a, b linePos, limit int) (int, bool) {
	n := 0
	for a.less(b) {
		if n >= limit {
			return n, false
		}
		a, _ = v.next(a)
		n++
	}
	return n, true
}

func (v *docView) last() linePos {
	pi := len(v.paras) - 1
	return linePos{pi, v.para(pi).numLines() - 1}
}
