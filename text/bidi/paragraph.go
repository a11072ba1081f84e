package bidi

// Paragraph holds the resolved levels of one paragraph. A Paragraph may be reused
// with SetText or SetClasses to avoid allocations; its methods are safe for
// concurrent use as long as it is not being reset.
type Paragraph struct {
	base Level
	orig []Class // original classes (used by L1 and L3)
	// orig is the caller's (SetTextClasses): never written
	sharedOrig bool
	levels     []Level    // levels after I2; Removed for X9-removed characters
	resets     [][2]int32 // ranges L1 resets whatever the line: separators and whitespace before them

	// Scratch space reused between resolutions.
	text  []rune  // set only while resolving, for bracket pairs
	seen  uint32  // bit c set if class c occurs
	types []Class // working classes
	ts    []Class // types of the current isolating run sequence
	match []int32 // matching PDI of an isolate initiator and vice versa, or -1
	runs  []levelRun
	seq   []int32
	pairs []bracketPair
}

// levelRun is a level run (BD7): the text positions of its first and last
// non-removed characters, and its embedding level.
type levelRun struct {
	first, last int32
	level       Level
}

// New resolves the levels of one paragraph of text.
func New(text []rune, dir Direction) *Paragraph {
	p := new(Paragraph)
	p.SetText(text, dir)
	return p
}

// NewFromClasses resolves levels for a sequence of bidi classes (no bracket pairs);
// used by the BidiTest.txt conformance test.
func NewFromClasses(classes []Class, dir Direction) *Paragraph {
	p := new(Paragraph)
	p.SetClasses(classes, dir)
	return p
}

// SetText resolves text into p, reusing p's memory. Slices previously returned by
// p.Levels are overwritten.
func (p *Paragraph) SetText(text []rune, dir Direction) {
	p.orig = grow(p.ownOrig(), len(text))
	seen := uint32(0)
	for i, r := range text {
		pr := props(r)
		c := Class(pr & classMask)
		p.orig[i] = c
		seen |= 1 << c
		if pr&flagOpen != 0 {
			seen |= hasBracket
		}
	}
	p.seen = seen
	p.text = text
	p.resolve(dir)
	p.text = nil
}

// SetTextClasses is SetText for a caller that has looked up the classes already: classes[i]
// must be ClassOf(text[i]). It saves SetText's table lookup per character. p keeps
// classes (it does not copy them): the caller must leave them unchanged while it uses p's
// line methods.
func (p *Paragraph) SetTextClasses(text []rune, classes []Class, dir Direction) {
	if !p.sharedOrig {
		p.orig = nil // not the caller's: left to the garbage collector
	}
	p.orig, p.sharedOrig = classes[:len(text)], true
	seen := uint32(0)
	for i, c := range p.orig {
		seen |= 1 << c
		if c == ON && props(text[i])&flagOpen != 0 {
			seen |= hasBracket
		}
	}
	p.seen = seen
	p.text = text
	p.resolve(dir)
	p.text = nil
}

// ClassSet is a set of bidi classes (bit c for class c) and OpenBracket.
type ClassSet uint32

// OpenBracket in a ClassSet says that the text holds an opening paired bracket.
const OpenBracket ClassSet = hasBracket

// SetTextClassSet is SetTextClasses for a caller that has gathered the classes of the text
// too: set must hold at least bit c for every class c of classes, and OpenBracket when the
// text holds a character whose Bidi_Paired_Bracket_Type is Open. It saves a pass.
func (p *Paragraph) SetTextClassSet(text []rune, classes []Class, set ClassSet, dir Direction) {
	if !p.sharedOrig {
		p.orig = nil
	}
	p.orig, p.sharedOrig = classes[:len(text)], true
	p.seen = uint32(set)
	p.text = text
	p.resolve(dir)
	p.text = nil
}

// ownOrig is p.orig when p owns it, for reuse, or nil when it is a caller's.
func (p *Paragraph) ownOrig() []Class {
	if p.sharedOrig {
		p.orig, p.sharedOrig = nil, false
	}
	return p.orig
}

// SetClasses is SetText for a sequence of classes; no character forms a bracket pair.
func (p *Paragraph) SetClasses(classes []Class, dir Direction) {
	p.orig = grow(p.ownOrig(), len(classes))
	copy(p.orig, classes)
	p.seen = 0
	for _, c := range classes {
		p.seen |= 1 << c
	}
	p.text = nil
	p.resolve(dir)
}

// BaseLevel is the paragraph embedding level (0 or 1).
func (p *Paragraph) BaseLevel() Level { return p.base }

// Levels returns the resolved level of every character before the line rules (X9-removed
// characters report Removed). The slice must not be modified.
func (p *Paragraph) Levels() []Level { return p.levels }

// DropScratch releases the buffers reused between resolutions (as large as the text), keeping
// what the line methods need: for a long paragraph kept for its lines.
func (p *Paragraph) DropScratch() {
	p.types, p.ts, p.match, p.runs, p.seq, p.pairs = nil, nil, nil, nil, nil, nil
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}

func (p *Paragraph) resolve(dir Direction) {
	n := len(p.orig)
	p.levels = grow(p.levels, n)
	if p.seen&isolates != 0 {
		p.matchIsolates()
	}
	switch dir {
	case LTR:
		p.base = 0
	case RTL:
		p.base = 1
	default:
		p.base, _ = p.firstStrong(0, n)
	}
	if p.seen&(explicits|isolates|1<<BN) == 0 {
		// No explicit formatting: the paragraph is one isolating run sequence.
		if n > 0 {
			ts := p.orig // read only, unless a weak rule or N0 may change a type
			if p.seen&weakClasses != 0 || (p.text != nil && p.seen&hasBracket != 0) {
				p.types = grow(p.types, n)
				copy(p.types, p.orig)
				ts = p.types
			}
			d := dirOf(p.base)
			p.resolveSequence(nil, ts, p.base, d, d)
		}
	} else if p.seen&(explicits|isolates) == 0 {
		// Only BN (ZWNJ, ZWJ, soft hyphens…): X9 removes them and the rest is one isolating
		// run sequence at the paragraph level, as explicit and sequences would find.
		p.removedOnly()
	} else {
		p.types = grow(p.types, n)
		copy(p.types, p.orig)
		p.explicit()
		p.sequences()
	}
	p.applyL1()
}

// removedOnly resolves a paragraph whose only explicit formatting characters are BN.
func (p *Paragraph) removedOnly() {
	orig := p.orig
	seq := grow(p.seq, len(orig)) // sized once: appending would copy a long paragraph's over and over
	ts := grow(p.ts, len(orig))
	levels := p.levels[:len(orig)]
	m := 0 // indices and writes, no appends: a loop without calls keeps its variables in registers
	for i, c := range orig {
		if c == BN {
			levels[i] = Removed
			continue
		}
		levels[i] = p.base
		if m < len(seq) && m < len(ts) {
			seq[m], ts[m] = int32(i), c
			m++
		}
	}
	seq, ts = seq[:m], ts[:m]
	p.seq, p.ts = seq, ts
	if len(seq) > 0 {
		d := dirOf(p.base)
		p.resolveSequence(seq, ts, p.base, d, d)
	}
}

// Class sets for Paragraph.seen.
const (
	isolates  = 1<<LRI | 1<<RLI | 1<<FSI | 1<<PDI
	explicits = 1<<LRE | 1<<RLE | 1<<LRO | 1<<RLO | 1<<PDF
)

// matchIsolates pairs isolate initiators with their matching PDIs (BD9).
// A paragraph separator ends all open isolates.
func (p *Paragraph) matchIsolates() {
	n := len(p.orig)
	p.match = grow(p.match, n)
	stack := p.seq[:0] // p.seq is free until sequences runs
	for i, c := range p.orig {
		p.match[i] = -1
		switch c {
		case LRI, RLI, FSI:
			stack = append(stack, int32(i))
		case PDI:
			if k := len(stack) - 1; k >= 0 {
				p.match[i] = stack[k]
				p.match[stack[k]] = int32(i)
				stack = stack[:k]
			}
		case B:
			stack = stack[:0]
		}
	}
	p.seq = stack[:0]
}

// firstStrong applies P2–P3 to [start,end): level 1 if the first strong character
// outside nested isolates is R or AL, 0 otherwise; ok reports whether one was found.
func (p *Paragraph) firstStrong(start, end int) (lvl Level, ok bool) {
	for i := start; i < end; i++ {
		switch p.orig[i] {
		case L:
			return 0, true
		case R, AL:
			return 1, true
		case LRI, RLI, FSI:
			if p.match[i] < 0 {
				return 0, false // the isolate runs to the end of the paragraph
			}
			i = int(p.match[i])
		case B:
			return 0, false
		}
	}
	return 0, false
}

type stackEntry struct {
	level    Level
	override Class // ON when neutral, otherwise L or R
	isolate  bool
}

// explicit applies X1–X9: it sets the embedding level of every character and
// marks the characters removed by X9 with Removed.
func (p *Paragraph) explicit() {
	var stack [maxDepth + 2]stackEntry
	sp := 0
	stack[0] = stackEntry{p.base, ON, false}
	overflowIsolate, overflowEmbed, validIsolate := 0, 0, 0
	t, lv := p.types, p.levels
	for i, c := range p.orig {
		top := stack[sp]
		switch c {
		case RLE, LRE, RLO, LRO:
			next := (top.level + 2) &^ 1
			if c == RLE || c == RLO {
				next = (top.level + 1) | 1
			}
			if next <= maxDepth && overflowIsolate == 0 && overflowEmbed == 0 {
				e := stackEntry{next, ON, false}
				if c == RLO {
					e.override = R
				} else if c == LRO {
					e.override = L
				}
				sp++
				stack[sp] = e
			} else if overflowIsolate == 0 {
				overflowEmbed++
			}
			lv[i] = Removed
		case RLI, LRI, FSI:
			lv[i] = top.level
			if top.override != ON {
				t[i] = top.override
			}
			rtl := c == RLI
			if c == FSI {
				end := int(p.match[i])
				if end < 0 {
					end = len(p.orig)
				}
				l, _ := p.firstStrong(i+1, end)
				rtl = l == 1
			}
			next := (top.level + 2) &^ 1
			if rtl {
				next = (top.level + 1) | 1
			}
			if next <= maxDepth && overflowIsolate == 0 && overflowEmbed == 0 {
				validIsolate++
				sp++
				stack[sp] = stackEntry{next, ON, true}
			} else {
				overflowIsolate++
			}
		case PDI:
			if overflowIsolate > 0 {
				overflowIsolate--
			} else if validIsolate > 0 {
				overflowEmbed = 0
				for !stack[sp].isolate {
					sp--
				}
				sp--
				validIsolate--
			}
			lv[i] = stack[sp].level
			if o := stack[sp].override; o != ON {
				t[i] = o
			}
		case PDF:
			if overflowIsolate > 0 {
			} else if overflowEmbed > 0 {
				overflowEmbed--
			} else if !top.isolate && sp > 0 {
				sp--
			}
			lv[i] = Removed
		case B: // X8: a paragraph separator ends everything
			lv[i] = p.base
			sp, overflowIsolate, overflowEmbed, validIsolate = 0, 0, 0, 0
		case BN:
			lv[i] = Removed
		default:
			lv[i] = top.level
			if top.override != ON {
				t[i] = top.override
			}
		}
	}
}

// sequences applies X10: it splits the paragraph into isolating run sequences and
// resolves each one.
func (p *Paragraph) sequences() {
	lv := p.levels
	runs := p.runs[:0]
	prev := -1
	for i, l := range lv {
		if l == Removed {
			continue
		}
		if prev >= 0 && lv[prev] == l {
			runs[len(runs)-1].last = int32(i)
		} else {
			runs = append(runs, levelRun{int32(i), int32(i), l})
		}
		prev = i
	}
	p.runs = runs
	for ri, r := range runs {
		if p.orig[r.first] == PDI && p.match[r.first] >= 0 && p.continues(ri) {
			continue // resolved with the sequence of its isolate initiator
		}
		// sos and eos compare with the neighbouring runs' levels, which are the
		// levels of the adjacent non-removed characters.
		before := p.base
		if ri > 0 {
			before = runs[ri-1].level
		}
		seq := p.seq[:0]
		rj := ri
		for {
			for i := r.first; i <= r.last; i++ {
				if lv[i] != Removed {
					seq = append(seq, i)
				}
			}
			k := r.last
			if !isIsolateInit(p.orig[k]) || p.match[k] < 0 {
				break
			}
			next := p.runAt(p.match[k])
			if next < 0 {
				break
			}
			rj, r = next, runs[next]
		}
		after := p.base
		if rj+1 < len(runs) && !isIsolateInit(p.orig[runs[rj].last]) {
			after = runs[rj+1].level
		}
		p.seq = seq
		ts := grow(p.ts, len(seq))
		for k, i := range seq {
			ts[k] = p.types[i]
		}
		p.ts = ts
		level := runs[ri].level
		p.resolveSequence(seq, ts, level, dirOf(max(level, before)), dirOf(max(level, after)))
	}
}

// continues reports whether run ri, which starts with a matched PDI, follows the
// run ending with its isolate initiator in an isolating run sequence.
func (p *Paragraph) continues(ri int) bool {
	init := p.match[p.runs[ri].first]
	runs := p.runs[:ri]
	lo, hi := 0, len(runs) // find the last run starting at or before init
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if runs[m].first <= init {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo > 0 && runs[lo-1].last == init
}

// runAt returns the index of the level run starting at position i, or -1.
func (p *Paragraph) runAt(i int32) int {
	lo, hi := 0, len(p.runs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if p.runs[m].first < i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(p.runs) && p.runs[lo].first == i {
		return lo
	}
	return -1
}

func isIsolateInit(c Class) bool { return c == LRI || c == RLI || c == FSI }
