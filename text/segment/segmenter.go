package segment

// A Segmenter segments stretches of a []rune text, as Runes would segment them,
// without copying the text and reusing its buffers from one call to the next: a caller
// cutting many small windows (pattern matching, say) allocates nothing per window. The
// plain characters of Arabic, Persian and ASCII news text are cut over the runes
// themselves (see plainBreaks); a stretch with any other character takes the uniseg
// path of String. The zero value is ready to use; a Segmenter is not safe for use by
// several goroutines.
type Segmenter struct {
	segs   []Segment
	cls    []wbClass
	breaks []int
}

// Runes returns the segments of text[from:to], offsets in text. from and to must be
// boundaries that do not depend on the text around them: 0, len(text), or the ends of
// a Window. The slice is valid until the next call.
func (s *Segmenter) Runes(text []rune, from, to int) []Segment {
	s.segs = s.segs[:0]
	if from >= to {
		return s.segs
	}
	var ok bool
	s.cls, s.breaks, ok = plainBreaks(text, from, to, s.cls, s.breaks[:0])
	if ok {
		start := from
		s.breaks = append(s.breaks, to)
		for _, b := range s.breaks {
			var c classifier
			for _, r := range text[start:b] {
				c.addRune(r)
			}
			s.segs = append(s.segs, Segment{start, b, c.kind()})
			start = b
		}
		if !s.mayBeURL(text, to) {
			return s.segs
		}
		s.segs = s.segs[:0]
	}
	// Anything else, and URLs: the path of String (in chunks, on a long stretch).
	EachString(string(text[from:to]), func(sg Segment, _ string) {
		s.segs = append(s.segs, Segment{from + sg.Start, from + sg.End, sg.Kind})
	})
	return s.segs
}

// mayBeURL tells whether a word of s.segs starts as a URL does (joinURLs would join
// it). Plain text has no '-' or '/', so joinNumbers has nothing to join.
func (s *Segmenter) mayBeURL(text []rune, to int) bool {
	for _, sg := range s.segs {
		if sg.Kind != Word {
			continue
		}
		switch text[sg.Start] {
		case 'h', 'H', 'w', 'W':
			end := min(sg.Start+len("https://"), to)
			if hasURLPrefix(string(text[sg.Start:end])) {
				return true
			}
		}
	}
	return false
}
