package layout

import (
	"unicode/utf8"

	"github.com/hashiya/hashiya/text/bidi"
	"github.com/hashiya/hashiya/text/shape"
)

// Layouter lays out paragraphs reusing its scratch buffers, so that laying out many
// paragraphs allocates almost nothing. The zero value is ready to use. A Paragraph returned by
// Layout shares the Layouter's buffers: it is valid until the next call to Layout. A Layouter
// must not be used by two goroutines at once.
type Layouter struct {
	src   []rune       // the paragraph, values that are not scalars replaced by U+FFFD
	props []prop       // propOf(src[i])
	class []bidi.Class // bidi.ClassOf(src[i])
	disp  []rune       // what index i shows when it has a cell (shaped, made visible); shape.Merged for a merged alef
	dw    []int8       // intrinsic width of disp[i]
	base  []bool       // i is a character with cells of its own that marks attach to (kNormal, not a merged alef)
	flags []uint8      // break flags before index i (brkLine, brkGrapheme)
	owner []int32      // per line: the index whose cell shows i, or -1
	uw    []int32      // per line: cells of unit i
	mspan []int32      // per line: marks of unit i are marks[mspan[2i]:mspan[2i+1]]
	units []int32      // per line: indices with a cell, logical then visual order
	ulev  []bidi.Level
	lev   []bidi.Level
	cols  []int32
	marks []rune
	cells []Cell
	spans []lineSpan
	lines []Line
	utf8  []byte
	// utf8src is the paragraph's UTF-8 while AppendTextUTF8 lays it out: findBreaks reads
	// it instead of encoding src again
	utf8src []byte
	shaped  []rune
	bp      bidi.Paragraph
	segs    segCache // line segments seen (segment.go)
	words   segCache
	leads   *[afterSpaceLimit]int32 // state after a rune that follows a word's spaces, plus 1
	// spaceBounds[b]: 0 unknown, 1 no grapheme boundary between a space and b, 2 one
	spaceBounds *[afterSpaceLimit]int8
	segKey      []byte
	gbuf        []byte

	runs     []levelRun // reorderRuns scratch
	runUnits []int32

	hasBreak bool // the paragraph holds a U+2028

	srcShared bool // src is the caller's text, all scalars: resolve never writes it
	// ink is the sum of dw over the characters with cells of their own but spaces (every one
	// counts in a line's width, none hangs), or -1 when shaping changed a width
	ink int

	lineLocal bool // grow leaves out the per-line arrays (a LazyParagraph sizes them to a line)
	off       int  // the paragraph index of index 0 (a LazyParagraph's line window), for bidi levels
}

type lineSpan struct {
	start, end       int // paragraph-relative
	cellStart, cells int
}

// Layout lays out one paragraph like LayoutParagraph, in the Layouter's buffers.
func (l *Layouter) Layout(text []rune, start int, opts Options) Paragraph {
	n := len(text)
	base, bp, width := l.analyze(text, opts)
	l.cells = l.cells[:0]
	l.marks = l.marks[:0]
	for k := range l.spans {
		sp := &l.spans[k]
		sp.cellStart = len(l.cells)
		l.buildLine(sp.start, sp.end, start, base, bp, width, opts)
		sp.cells = len(l.cells) - sp.cellStart
	}

	l.lines = l.lines[:0]
	rtl := base&1 == 1
	for _, sp := range l.spans {
		l.lines = append(l.lines, Line{
			Start: start + sp.start,
			End:   start + sp.end,
			RTL:   rtl,
			Cells: l.cells[sp.cellStart : sp.cellStart+sp.cells : sp.cellStart+sp.cells],
			col:   l.cols[sp.start:sp.end:sp.end],
		})
	}
	return Paragraph{Start: start, End: start + n, Level: base, Lines: l.lines}
}

// AppendText lays out one paragraph and appends its lines to dst, each followed by '\n': the
// same text as Line.AppendTo on every line of Layout, faster, since no cells are built.
func (l *Layouter) AppendText(dst []byte, text []rune, opts Options) []byte {
	base, bp, width := l.analyze(text, opts)
	for _, sp := range l.spans {
		l.marks = l.marks[:0]
		dst = l.appendLine(dst, sp.start, sp.end, base, bp, width, opts)
		dst = append(dst, '\n')
	}
	return dst
}

// analyze runs the paragraph-wide steps: sanitizing, bidi levels, shaping, line breaking.
func (l *Layouter) analyze(text []rune, opts Options) (base bidi.Level, bp *bidi.Paragraph, width int) {
	base, bp = l.resolve(text, opts)
	width = max(opts.Width, 0)
	l.spans = l.spans[:0]
	l.breakLines(len(text), width, opts)
	return base, bp, width
}

// AppendTextUTF8 is AppendText for a paragraph given as UTF-8, decoded in the sanitizing
// pass. It reports false, and appends nothing, when b is not valid UTF-8 or holds a
// paragraph separator (CR, NEL, U+2029): the caller decodes and splits such text itself.
func (l *Layouter) AppendTextUTF8(dst, b []byte, opts Options) ([]byte, bool) {
	n, any, seen, ok := l.classifyUTF8(b)
	if !ok {
		return dst, false
	}
	l.utf8src = b
	base, bp := l.finishResolve(n, any, seen, opts)
	width := max(opts.Width, 0)
	l.spans = l.spans[:0]
	l.breakLines(n, width, opts)
	l.utf8src = nil
	for _, sp := range l.spans {
		l.marks = l.marks[:0]
		dst = l.appendLine(dst, sp.start, sp.end, base, bp, width, opts)
		dst = append(dst, '\n')
	}
	return dst, true
}

// classifyUTF8 decodes b into l.src with the props and bidi classes of each code point, as
// resolve does for runes; ok is false for invalid UTF-8 or a paragraph separator.
func (l *Layouter) classifyUTF8(b []byte) (n int, any prop, seen bidi.ClassSet, ok bool) {
	l.grow(len(b)) // at least one byte per code point
	src, props, class := l.src[:len(b)], l.props[:len(b)], l.class[:len(b)]
	hasBreak := false
	for i := 0; i < len(b); {
		var a prop
		var s bidi.ClassSet
		i, n, a, s = classifyShort(b, i, n, src, props, class)
		any, seen = any|a, seen|s
		if i >= len(b) {
			break
		}
		// What classifyShort leaves: 3- and 4-byte UTF-8, CR, NEL, invalid bytes.
		r, size := utf8.DecodeRune(b[i:])
		if (r == utf8.RuneError && size == 1) || r == '\r' || r == 0x85 || r == 0x2029 || n >= len(src) {
			return 0, 0, 0, false
		}
		e := entryOf(r)
		p, cl := e.prop(), e.class()
		hasBreak = hasBreak || p.kind() == kBreak
		i += size
		src[n], props[n], class[n] = r, p, cl
		any |= p
		seen |= 1 << (cl & 31)
		n++
	}
	l.hasBreak = hasBreak
	// The arrays were grown to len(b): cut them to the paragraph (hangs looks at len(l.src)).
	l.src, l.props, l.class = l.src[:n], l.props[:n], l.class[:n]
	l.disp, l.dw, l.base = l.disp[:n], l.dw[:n], l.base[:n]
	return n, any, seen, true
}

// classifyShort is classifyUTF8's loop for the 1- and 2-byte UTF-8 of b from i (the scripts
// of the news: Latin, Hebrew, Arabic), one direct table entry each, with n code points
// decoded so far; it stops at anything else, or a CR or NEL, and returns where it stopped,
// the new n and the props and classes it met. A loop without calls, so that its variables
// stay in registers.
func classifyShort(b []byte, i, n int, src []rune, props []prop, class []bidi.Class) (int, int, prop, bidi.ClassSet) {
	var any prop
	var seen bidi.ClassSet
	src, props, class = src[:len(b)], props[:len(b)], class[:len(b)]
	for i < len(b) && n < len(b) { // n <= i: the second test lets the compiler drop the index checks
		c := b[i]
		var r rune
		switch {
		case c < utf8.RuneSelf && c != '\r':
			r = rune(c)
			i++
		case c >= 0xC2 && c < 0xE0 && i+1 < len(b) && b[i+1]&0xC0 == 0x80 && (c != 0xC2 || b[i+1] != 0x85): // not NEL
			r = rune(c&0x1F)<<6 | rune(b[i+1]&0x3F)
			i += 2
		default:
			return i, n, any, seen
		}
		e := lowEntries[r&(lowLimit-1)] // r < 0x800
		p, cl := e.prop(), e.class()
		src[n], props[n], class[n] = r, p, cl
		any |= p
		seen |= 1 << (cl & 31)
		n++
	}
	return i, n, any, seen
}

// resolve sanitizes the paragraph, resolves its bidi levels, shapes it and prepares what each
// index shows.
func (l *Layouter) resolve(text []rune, opts Options) (base bidi.Level, bp *bidi.Paragraph) {
	n := len(text)
	l.grow(n)
	src, props, class := l.src[:n], l.props[:n], l.class[:n]
	var any prop // the bits of every prop, or'ed
	var seen bidi.ClassSet
	hasBreak := false
	for i, r := range text {
		var p prop
		var c bidi.Class
		if uint32(r) < lowLimit {
			e := lowEntries[r]
			p, c = e.prop(), e.class()
		} else {
			r = validRune(r)
			e := entryOf(r)
			p, c = e.prop(), e.class()
			hasBreak = hasBreak || p.kind() == kBreak
		}
		if !l.srcShared {
			src[i] = r
		}
		props[i] = p
		class[i] = c
		any |= p
		seen |= 1 << c
	}
	l.hasBreak = hasBreak
	return l.finishResolve(n, any, seen, opts)
}

// finishResolve resolves the bidi levels of the classified paragraph l.src[:n], shapes it
// and prepares what each index shows; any is the union of its props, seen of its classes.
func (l *Layouter) finishResolve(n int, any prop, seen bidi.ClassSet, opts Options) (base bidi.Level, bp *bidi.Paragraph) {
	src, class := l.src[:n], l.class[:n]
	needBidi := opts.Dir == bidi.RTL || any&propRTL != 0
	var levels []bidi.Level
	if needBidi {
		if any&propOpen != 0 {
			seen |= bidi.OpenBracket
		}
		l.bp.SetTextClassSet(src, class, seen, opts.Dir)
		bp = &l.bp
		levels = bp.Levels()
		base = bp.BaseLevel()
	}
	l.prepare(src, opts)
	if opts.Shaping == App && needBidi {
		const embeddings = 1<<bidi.LRE | 1<<bidi.RLE | 1<<bidi.LRO | 1<<bidi.RLO | 1<<bidi.PDF |
			1<<bidi.LRI | 1<<bidi.RLI | 1<<bidi.FSI | 1<<bidi.PDI
		if !opts.Ligatures && seen&embeddings == 0 && any&propOddJoiner == 0 {
			// One isolating run sequence, and every character that may join a neighbour is R,
			// AL or removed (BN): two joining neighbours always share a level.
			l.shapeOneLevel(src, opts)
		} else {
			l.shape(src, levels, opts)
		}
	}
	return base, bp
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}

func (l *Layouter) grow(n int) {
	l.src = grow(l.src, n)
	l.props = grow(l.props, n)
	l.class = grow(l.class, n)
	l.disp = grow(l.disp, n)
	l.dw = grow(l.dw, n)
	l.base = grow(l.base, n)
	if l.lineLocal {
		return
	}
	l.owner = grow(l.owner, n)
	l.uw = grow(l.uw, n)
	l.mspan = grow(l.mspan, 2*n)
	l.cols = grow(l.cols, n)
	if cap(l.marks) < n { // Cell.Marks slice this buffer: it must never move while a paragraph is built
		l.marks = make([]rune, 0, n+n/4)
	}
}

// prepare fills disp and dw: what each index shows, unshaped, and how wide that is.
func (l *Layouter) prepare(src []rune, opts Options) {
	n := len(src)
	props, disp, dw, base := l.props[:n], l.disp[:n], l.dw[:n], l.base[:n]
	ink := 0
	for i := 0; i < n; i++ {
		var cells int
		i, cells = prepareBase(src, props, disp, dw, base, i, opts.Width == 1) // the common case
		ink += cells
		if i >= n {
			break
		}
		r, p := src[i], props[i]
		d, w := rune(0), 0
		switch p.kind() {
		case kMark:
			d, w = r, 1 // the width of the ◌ it gets when it has no base
		case kControl:
			d, w = controlPicture(r), 1
		case kTab:
			d, w = ' ', 1
		case kBidiCtl:
			if opts.ShowControls {
				d, w = bidiMarker(r), 1
			}
		}
		disp[i] = d
		dw[i] = int8(w)
		base[i] = false
	}
	l.ink = ink
}

// prepareBase is prepare's loop for the base characters from i on: it stops at the first
// other index and returns it, with the cells it counted in ink. narrow: wide characters show
// an ellipsis (a line of one cell). A loop without calls, so that its variables stay in
// registers.
func prepareBase(src []rune, props []prop, disp []rune, dw []int8, base []bool, i int, narrow bool) (int, int) {
	n := len(src)
	props, disp, dw, base = props[:n], disp[:n], dw[:n], base[:n]
	ink := 0
	for ; i < n; i++ {
		p := props[i]
		if p&kindMask != 0 {
			break
		}
		r, w := src[i], int8(p&3)
		if r != ' ' {
			ink += int(w)
		}
		if w == 2 && narrow {
			r, w = ellipsis, 1
			ink--
		}
		disp[i], dw[i], base[i] = r, w, true
	}
	return i, ink
}

// shape gives the Arabic letters of the prepared paragraph their presentation forms in
// disp, as shape.Shape would (joining in logical order, skipping transparent characters,
// only at one level; lam-alef ligatures with Options.Ligatures), reading the Joining_Type
// from the props.
func (l *Layouter) shape(src []rune, levels []bidi.Level, opts Options) {
	n := len(src)
	props, disp, dw := l.props[:n], l.disp[:n], l.dw[:n]
	if levels != nil {
		levels = levels[:n]
	}
	// The last non-transparent character (its form waits for the next one), its Joining_Type,
	// whether it joins the one before it and whether it may take a form.
	last, lastType, lastJoins, lastForms := -1, shape.NonJoining, false, false
	merged := -1 // the alef drawn by the lam-alef ligature before it
	for i, p := range props {
		t := p.joining()
		if t == shape.Transparent {
			continue
		}
		if t == shape.NonJoining && lastType == shape.NonJoining && !lastForms {
			last, lastJoins, lastForms = i, false, p&propForms != 0 // between two non-joining characters: no form
			continue
		}
		joins := lastType&shape.LeftJoining != 0 && t&shape.RightJoining != 0 && last >= 0 &&
			(levels == nil || sameLevel(levels[last], levels[i]))
		if lastForms && last != merged && props[last].kind() == kNormal && (src[last] != shape.Lam || !opts.Ligatures) {
			// The common case, inline: a letter that is not a lam of a possible ligature.
			r := src[last]
			if f := shape.Form(r, lastJoins, joins); f != r {
				if uint32(f-formsStart) < uint32(len(formEntries)) && formEntries[f-formsStart].prop()&(7<<2|3) == prop(kNormal)<<2|1 && dw[last] == 1 {
					disp[last] = f // a presentation form one cell wide, as the letter was
				} else {
					l.setShaped(last, f, opts)
				}
			}
		} else if last >= 0 && (lastForms || last == merged) {
			merged = l.putForm(src, last, lastJoins, joins, merged, opts)
		}
		last, lastType, lastJoins, lastForms = i, t, joins, p&propForms != 0
	}
	if last >= 0 && (lastForms || last == merged) {
		l.putForm(src, last, lastJoins, false, merged, opts)
	}
}

// shapeOneLevel is shape for a paragraph whose joining neighbours always share a level,
// without ligatures.
func (l *Layouter) shapeOneLevel(src []rune, opts Options) {
	n := len(src)
	props, disp, dw := l.props[:n], l.disp[:n], l.dw[:n]
	// The last non-transparent character (its form waits for the next one), its Joining_Type,
	// whether it joins the one before it and whether it is a base character that may take a
	// form.
	last, lastType, lastJoins, lastForms := 0, shape.NonJoining, false, false
	for i, p := range props {
		t := p.joining()
		if t == shape.Transparent {
			continue
		}
		joins := lastType&shape.LeftJoining != 0 && t&shape.RightJoining != 0
		if lastForms {
			r := src[last]
			if f := shape.Form(r, lastJoins, joins); f != r {
				if uint32(f-formsStart) < uint32(len(formEntries)) && formEntries[f-formsStart].prop()&(kindMask|3) == 1 && dw[last] == 1 {
					disp[last] = f // a presentation form one cell wide, as the letter was
				} else {
					l.setShaped(last, f, opts)
				}
			}
		}
		last, lastType, lastJoins, lastForms = i, t, joins, p&(propForms|kindMask) == propForms
	}
	if lastForms {
		if r := src[last]; shape.Form(r, lastJoins, false) != r {
			l.setShaped(last, shape.Form(r, lastJoins, false), opts)
		}
	}
}

// putForm shows the form of src[i], which joins the letter before it if prev and the one
// after it if next; merged is the alef a ligature took, and the result the new one.
func (l *Layouter) putForm(src []rune, i int, prev, next bool, merged int, opts Options) int {
	if l.props[i].kind() != kNormal {
		return merged
	}
	if i == merged {
		l.disp[i], l.dw[i], l.base[i] = shape.Merged, 0, false
		l.ink = -1 // no longer the sum of the widths
		return merged
	}
	r := src[i]
	if r == shape.Lam && next && opts.Ligatures && i+1 < len(src) {
		if lig := shape.LamAlef(src[i+1], prev); lig != 0 {
			l.setShaped(i, lig, opts)
			return i + 1
		}
	}
	if f := shape.Form(r, prev, next); f != r {
		l.setShaped(i, f, opts)
	}
	return merged
}

func sameLevel(a, b bidi.Level) bool {
	return a == b || a == bidi.Removed || b == bidi.Removed
}

// setShaped makes index i show its shaped form d unless d is invisible.
func (l *Layouter) setShaped(i int, d rune, opts Options) {
	var w int
	if uint32(d-formsStart) < uint32(len(formEntries)) {
		if fp := formEntries[d-formsStart].prop(); fp.kind() == kNormal { // a presentation form: RuneWidth, inline
			w = fp.width()
		}
	} else {
		w = RuneWidth(d)
	}
	if w == 0 {
		return // a shaper returning something invisible: keep the letter
	}
	if w == 2 && opts.Width == 1 {
		d, w = ellipsis, 1
	}
	if int8(w) != l.dw[i] {
		l.ink = -1 // no longer the sum of the widths
	}
	l.disp[i], l.dw[i] = d, int8(w)
}

// lineState follows a line in logical order: its width so far and the index that a
// following combining mark attaches to.
type lineState struct {
	col, base int
	tab       int // tab stop distance
}

func newLineState(opts Options) lineState {
	tw := opts.TabWidth
	if tw <= 0 {
		tw = 8
	}
	return lineState{base: -1, tab: tw}
}

// step advances over index i and returns the cells it takes and the index whose cell shows
// it (-1: none). width > 0 clamps tabs to the line.
func (l *Layouter) step(st *lineState, i, width int) (w, owner int) {
	switch l.props[i].kind() {
	case kNormal:
		if l.disp[i] == shape.Merged && st.base >= 0 {
			return 0, st.base
		}
		w, owner, st.base = int(l.dw[i]), i, i
		if w == 0 { // a merged alef with nothing before it on the line
			l.disp[i], l.dw[i] = l.src[i], 1
			w = 1
		}
	case kMark:
		if st.base >= 0 {
			return 0, st.base
		}
		w, owner, st.base = 1, i, i // gets a ◌ base; later marks join it
	case kHidden, kBreak:
		if l.props[i].kind() == kBreak {
			st.base = -1
		}
		return 0, -1
	case kBidiCtl:
		if l.dw[i] == 0 {
			return 0, -1
		}
		w, owner, st.base = 1, i, -1
	case kControl:
		w, owner, st.base = 1, i, -1
	case kTab:
		w, owner, st.base = st.tab-st.col%st.tab, i, -1
		if width > 0 && st.col+w > width {
			w = max(width-st.col, 0)
		}
	}
	st.col += w
	return w, owner
}

// hangs reports whether index i may hang past the end of a line: spaces and tabs, but not a
// space carrying a combining mark.
func (l *Layouter) hangs(i int) bool {
	if l.src[i] != ' ' && l.props[i].kind() != kTab {
		return false
	}
	return i+1 >= len(l.src) || l.props[i+1].kind() != kMark
}
