package tui

import (
	"sort"
	"unicode"

	"github.com/hashiya/hashiya/text/layout"
)

// maxChunk bounds the code points laid out as one unit. A longer paragraph (a 50 MB
// one-line document) is cut into chunks at a space, each resolved as its own bidi
// paragraph: exact for ordinary text, an approximation only across chunk edges, and the
// price of never laying out megabytes to draw one screen.
const maxChunk = 16384

// maxCachedParas bounds the layout cache; past it the cache is dropped and refilled
// from what is on screen.
const maxCachedParas = 4096

// linePos names a visual line: paragraph (chunk) index and line within it.
type linePos struct{ para, line int }

func (a linePos) less(b linePos) bool {
	return a.para < b.para || (a.para == b.para && a.line < b.line)
}

// docView lays out one document lazily, paragraph by paragraph, for one option set.
type docView struct {
	text  []rune
	paras []layout.Range
	opts  layout.Options
	cache map[int]*layout.Paragraph
}

func newDocView(text []rune, opts layout.Options) *docView {
	return &docView{text: text, paras: chunkParagraphs(text, layout.Paragraphs(text)), opts: opts, cache: map[int]*layout.Paragraph{}}
}

// chunkParagraphs splits paragraphs longer than maxChunk at a space near the limit.
func chunkParagraphs(text []rune, paras []layout.Range) []layout.Range {
	out := paras[:0:0]
	for _, p := range paras {
		for p.End-p.Start > maxChunk {
			cut := p.Start + maxChunk
			for i := cut; i > p.Start+maxChunk/2; i-- {
				if unicode.IsSpace(text[i-1]) {
					cut = i
					break
				}
			}
			out = append(out, layout.Range{Start: p.Start, End: cut})
			p.Start = cut
		}
		out = append(out, p)
	}
	return out
}

// setOptions changes the layout options, dropping cached layouts if they differ.
func (v *docView) setOptions(opts layout.Options) {
	if opts != v.opts {
		v.opts = opts
		v.cache = map[int]*layout.Paragraph{}
	}
}

func (v *docView) para(i int) *layout.Paragraph {
	if p, ok := v.cache[i]; ok {
		return p
	}
	if len(v.cache) >= maxCachedParas {
		v.cache = map[int]*layout.Paragraph{}
	}
	r := v.paras[i]
	p := layout.LayoutParagraph(v.text[r.Start:r.End], r.Start, v.opts)
	v.cache[i] = &p
	return &p
}

func (v *docView) line(pos linePos) *layout.Line { return &v.para(pos.para).Lines[pos.line] }

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
	p := v.para(pi)
	for li := range p.Lines {
		if offset < p.Lines[li].End {
			return linePos{pi, li}
		}
	}
	return linePos{pi, len(p.Lines) - 1}
}

func (v *docView) next(pos linePos) (linePos, bool) {
	if pos.line+1 < len(v.para(pos.para).Lines) {
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
		return linePos{pos.para - 1, len(v.para(pos.para-1).Lines) - 1}, true
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
	return linePos{pi, len(v.para(pi).Lines) - 1}
}
