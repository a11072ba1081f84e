package bidi

import "slices"

// resolveSequence resolves the weak, neutral and implicit types of one isolating
// run sequence (W1–I2) and stores its final levels.
func (p *Paragraph) resolveSequence(seq []int32, level Level, sos, eos Class) {
	t, lv := p.types, p.levels

	// W1: NSM takes the preceding type; ON after an isolate initiator or PDI.
	prev := sos
	for _, i := range seq {
		c := t[i]
		if c == NSM {
			c = prev
			t[i] = c
		}
		prev = c
		if c >= LRI { // LRI, RLI, FSI, PDI
			prev = ON
		}
	}
	// W2 and W3: EN after AL becomes AN; AL becomes R.
	strong := sos
	for _, i := range seq {
		switch t[i] {
		case L, R:
			strong = t[i]
		case AL:
			strong = AL
			t[i] = R
		case EN:
			if strong == AL {
				t[i] = AN
			}
		}
	}
	// W4: a single ES or CS between two numbers of the same kind.
	for k := 1; k < len(seq)-1; k++ {
		c := t[seq[k]]
		if c != ES && c != CS {
			continue
		}
		a, b := t[seq[k-1]], t[seq[k+1]]
		if a == EN && b == EN {
			t[seq[k]] = EN
		} else if c == CS && a == AN && b == AN {
			t[seq[k]] = AN
		}
	}
	// W5: ET sequences next to EN become EN; W6: other separators become ON.
	for k := 0; k < len(seq); {
		c := t[seq[k]]
		if c == ES || c == CS {
			t[seq[k]] = ON
		}
		if c != ET {
			k++
			continue
		}
		end := k
		for end < len(seq) && t[seq[end]] == ET {
			end++
		}
		to := ON
		if (k > 0 && t[seq[k-1]] == EN) || (end < len(seq) && t[seq[end]] == EN) {
			to = EN
		}
		for ; k < end; k++ {
			t[seq[k]] = to
		}
	}
	// W7: EN after L (or an L sos) becomes L.
	strong = sos
	for _, i := range seq {
		switch t[i] {
		case L, R:
			strong = t[i]
		case EN:
			if strong == L {
				t[i] = L
			}
		}
	}

	if p.text != nil {
		p.resolveBrackets(seq, sos, dirOf(level))
	}
	p.resolveNeutrals(seq, sos, eos, dirOf(level))

	// I1 and I2.
	for _, i := range seq {
		switch c := t[i]; {
		case level&1 == 0 && c == R:
			lv[i] = level + 1
		case level&1 == 0 && (c == AN || c == EN):
			lv[i] = level + 2
		case level&1 == 1 && (c == L || c == AN || c == EN):
			lv[i] = level + 1
		}
	}
}

func dirOf(l Level) Class {
	if l&1 == 0 {
		return L
	}
	return R
}

// strongDir maps a resolved type to its direction for N0–N2: EN and AN count as R;
// anything else is ON.
func strongDir(c Class) Class {
	switch c {
	case L:
		return L
	case R, AL, EN, AN:
		return R
	}
	return ON
}

// resolveNeutrals applies N1 and N2 to the neutral and isolate types left after W7.
func (p *Paragraph) resolveNeutrals(seq []int32, sos, eos, e Class) {
	t := p.types
	prev := sos
	for k := 0; k < len(seq); {
		if d := strongDir(t[seq[k]]); d != ON {
			prev = d
			k++
			continue
		}
		start := k
		for k < len(seq) && strongDir(t[seq[k]]) == ON {
			k++
		}
		next := eos
		if k < len(seq) {
			next = strongDir(t[seq[k]])
		}
		to := e
		if prev == next {
			to = prev
		}
		for j := start; j < k; j++ {
			t[seq[j]] = to
		}
	}
}

// maxBracketDepth is the stack size of BD16.
const maxBracketDepth = 63

type bracketPair struct{ open, close int32 } // positions in the sequence

// resolveBrackets applies N0 to the bracket pairs of the sequence (BD16).
func (p *Paragraph) resolveBrackets(seq []int32, sos, e Class) {
	t := p.types
	var stack [maxBracketDepth]struct {
		key rune
		pos int32
	}
	sp := 0
	pairs := p.pairs[:0]
scan:
	for k, i := range seq {
		if t[i] != ON {
			continue
		}
		pr := props(p.text[i])
		if pr&(flagOpen|flagClose) == 0 {
			continue
		}
		key := brackets[bracketIndex(p.text[i])].key
		if pr&flagOpen != 0 {
			if sp == maxBracketDepth {
				break scan
			}
			stack[sp].key, stack[sp].pos = key, int32(k)
			sp++
			continue
		}
		for s := sp - 1; s >= 0; s-- {
			if stack[s].key == key {
				pairs = append(pairs, bracketPair{stack[s].pos, int32(k)})
				sp = s
				break
			}
		}
	}
	p.pairs = pairs
	if len(pairs) == 0 {
		return
	}
	slices.SortFunc(pairs, func(a, b bracketPair) int { return int(a.open - b.open) })

	for _, pr := range pairs {
		found := ON
		for k := pr.open + 1; k < pr.close; k++ {
			if d := strongDir(t[seq[k]]); d == e {
				found = e
				break
			} else if d != ON {
				found = d
			}
		}
		if found == ON {
			continue // N0 c: no strong type inside, leave the brackets alone
		}
		if found != e {
			// N0 c: opposite direction inside; keep it only if the context before agrees.
			ctx := sos
			for k := pr.open - 1; k >= 0; k-- {
				if d := strongDir(t[seq[k]]); d != ON {
					ctx = d
					break
				}
			}
			if ctx != found {
				found = e
			}
		}
		p.setBracket(seq, int(pr.open), found)
		p.setBracket(seq, int(pr.close), found)
	}
}

// setBracket sets the bracket at seq[k] to d, and the NSMs that originally followed
// it too (W1 had made them copy the bracket's old type).
func (p *Paragraph) setBracket(seq []int32, k int, d Class) {
	p.types[seq[k]] = d
	for k++; k < len(seq) && p.orig[seq[k]] == NSM; k++ {
		p.types[seq[k]] = d
	}
}
