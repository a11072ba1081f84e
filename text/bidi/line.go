package bidi

// applyL1 computes p.l1: the levels with the line-independent parts of L1 applied,
// i.e. segment and paragraph separators and the whitespace and isolate formatting
// characters before them reset to the paragraph level. Trailing whitespace depends
// on where the line ends and is handled by lineTrail.
func (p *Paragraph) applyL1() {
	p.l1 = grow(p.l1, len(p.levels))
	copy(p.l1, p.levels)
	reset := false // inside whitespace that precedes a separator
	for i := len(p.orig) - 1; i >= 0; i-- {
		switch c := p.orig[i]; {
		case c == S || c == B:
			p.l1[i] = p.base
			reset = true
		case p.levels[i] == Removed:
			// X9-removed characters neither end nor join the sequence.
		case c == WS || c >= LRI:
			if reset {
				p.l1[i] = p.base
			}
		default:
			reset = false
		}
	}
}

// lineTrail returns the start of the trailing whitespace of the line [start,end),
// which L1 resets to the paragraph level.
func (p *Paragraph) lineTrail(start, end int) int {
	i := end
	for i > start {
		c := p.orig[i-1]
		if c != WS && c < LRI && p.levels[i-1] != Removed {
			break
		}
		i--
	}
	return i
}

func (p *Paragraph) lineLevel(i, trail int) Level {
	if i >= trail && p.l1[i] != Removed {
		return p.base
	}
	return p.l1[i]
}

// LineLevels returns the levels of the line [start,end) of the paragraph with rule L1 applied.
func (p *Paragraph) LineLevels(start, end int) []Level {
	out := make([]Level, end-start)
	trail := p.lineTrail(start, end)
	for i := range out {
		out[i] = p.lineLevel(start+i, trail)
	}
	return out
}

// VisualOrder returns, for the line [start,end), the paragraph indices of its characters in
// visual order, left to right (L2), leaving out characters removed by X9. With
// reorderMarks, combining marks (NSM) follow their base in the output (L3).
func (p *Paragraph) VisualOrder(start, end int, reorderMarks bool) []int {
	return p.AppendVisualOrder(make([]int, 0, end-start), start, end, reorderMarks)
}

// AppendVisualOrder is VisualOrder appending to dst, so callers can reuse a buffer.
func (p *Paragraph) AppendVisualOrder(dst []int, start, end int, reorderMarks bool) []int {
	trail := p.lineTrail(start, end)
	base := len(dst)
	hi, lowOdd := Level(0), Level(Removed)
	for i := start; i < end; i++ {
		l := p.lineLevel(i, trail)
		if l == Removed {
			continue
		}
		dst = append(dst, i)
		hi = max(hi, l)
		if l&1 == 1 {
			lowOdd = min(lowOdd, l)
		}
	}
	// L2: from the highest level down to the lowest odd level, reverse every
	// maximal run at that level or higher.
	v := dst[base:]
	for lvl := hi; lvl >= lowOdd && lvl > 0; lvl-- {
		for k := 0; k < len(v); {
			if p.lineLevel(v[k], trail) < lvl {
				k++
				continue
			}
			j := k
			for j < len(v) && p.lineLevel(v[j], trail) >= lvl {
				j++
			}
			reverse(v[k:j])
			k = j
		}
	}
	if reorderMarks {
		p.reorderMarks(v, trail)
	}
	return dst
}

func reverse(s []int) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

// reorderMarks applies L3: in right-to-left runs, L2 left each sequence of
// combining marks visually before its base; move the base in front of the marks
// so that the marks follow it, in logical order.
func (p *Paragraph) reorderMarks(v []int, trail int) {
	for k := 0; k < len(v); k++ {
		l := p.lineLevel(v[k], trail)
		if p.orig[v[k]] != NSM || l&1 == 0 {
			continue
		}
		j := k
		for j < len(v) && p.orig[v[j]] == NSM && p.lineLevel(v[j], trail) == l {
			j++
		}
		if j < len(v) && p.lineLevel(v[j], trail) == l && v[j] < v[k] {
			b := v[j]
			copy(v[k+1:j+1], v[k:j])
			v[k] = b
			reverse(v[k+1 : j+1])
		}
		k = j
	}
}
