package bidi

import "slices"

// resolveSequence resolves the weak, neutral and implicit types of one isolating
// run sequence (W1–I2) and stores its final levels. ts holds the types of the
// sequence's characters, whose text positions are seq, or 0..len(ts)-1 if seq is nil.
func (p *Paragraph) resolveSequence(seq []int32, ts []Class, level Level, sos, eos Class) {
	// W1–W3: NSM takes the preceding type (ON after an isolate initiator or PDI);
	// EN after AL becomes AN; AL becomes R.
	prev, strong := sos, sos
	for k, c := range ts {
		if c == NSM {
			c = prev
		}
		prev = c
		if c >= LRI { // LRI, RLI, FSI, PDI
			prev = ON
		}
		switch c {
		case L, R:
			strong = c
		case AL:
			strong = AL
			c = R
		case EN:
			if strong == AL {
				c = AN
			}
		}
		ts[k] = c
	}
	// W4: a single ES or CS between two numbers of the same kind.
	for k := 1; k < len(ts)-1; k++ {
		c := ts[k]
		if c != ES && c != CS {
			continue
		}
		a, b := ts[k-1], ts[k+1]
		if a == EN && b == EN {
			ts[k] = EN
		} else if c == CS && a == AN && b == AN {
			ts[k] = AN
		}
	}
	// W5: ET sequences next to EN become EN; W6: other separators become ON;
	// W7: EN after L (or an L sos) becomes L. prevEN remembers EN before W7.
	strong = sos
	prevEN := false
	for k := 0; k < len(ts); {
		c := ts[k]
		if c == ET {
			end := k
			for end < len(ts) && ts[end] == ET {
				end++
			}
			to := ON
			if prevEN || (end < len(ts) && ts[end] == EN) {
				to = EN
				if strong == L {
					to = L
				}
			}
			for ; k < end; k++ {
				ts[k] = to
			}
			prevEN = to != ON
			continue
		}
		prevEN = c == EN
		switch c {
		case ES, CS:
			ts[k] = ON
		case L, R:
			strong = c
		case EN:
			if strong == L {
				ts[k] = L
			}
		}
		k++
	}

	if p.text != nil && p.seen&(1<<ON) != 0 {
		p.resolveBrackets(seq, ts, sos, dirOf(level))
	}
	resolveNeutrals(ts, sos, eos, dirOf(level))

	// I1 and I2.
	var raise [ON + 1]Level // by resolved type
	if level&1 == 0 {
		raise[R], raise[AN], raise[EN] = 1, 2, 2
	} else {
		raise[L], raise[AN], raise[EN] = 1, 1, 1
	}
	lv := p.levels
	if seq == nil {
		for k, c := range ts {
			lv[k] = level + raise[c]
		}
		return
	}
	for k, c := range ts {
		lv[seq[k]] = level + raise[c]
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
func strongDir(c Class) Class { return strongDirs[c&31] }

var strongDirs = func() (t [32]Class) {
	for c := range t {
		t[c] = ON
	}
	t[L], t[R], t[AL], t[EN], t[AN] = L, R, R, R, R
	return t
}()

// resolveNeutrals applies N1 and N2 to the neutral and isolate types left after W7, in one
// pass: a run of neutrals is filled when the strong type after it is met.
func resolveNeutrals(ts []Class, sos, eos, e Class) {
	prev, start := sos, -1
	for k, c := range ts {
		d := strongDirs[c&31]
		if d == ON {
			if start < 0 {
				start = k
			}
			continue
		}
		if start >= 0 {
			fillNeutrals(ts[start:k], prev, d, e)
			start = -1
		}
		prev = d
	}
	if start >= 0 {
		fillNeutrals(ts[start:], prev, eos, e)
	}
}

// fillNeutrals resolves a run of neutrals between the directions prev and next (N1, N2).
func fillNeutrals(run []Class, prev, next, e Class) {
	to := e
	if prev == next {
		to = prev
	}
	for j := range run {
		run[j] = to
	}
}

// maxBracketDepth is the stack size of BD16.
const maxBracketDepth = 63

type bracketPair struct{ open, close int32 } // positions in the sequence

// resolveBrackets applies N0 to the bracket pairs of the sequence (BD16).
func (p *Paragraph) resolveBrackets(seq []int32, ts []Class, sos, e Class) {
	var stack [maxBracketDepth]struct {
		key rune
		pos int32
	}
	sp := 0
	pairs := p.pairs[:0]
	for k, c := range ts {
		if c != ON {
			continue
		}
		r := p.text[pos(seq, k)]
		pr := props(r)
		if pr&(flagOpen|flagClose) == 0 {
			continue
		}
		key := brackets[bracketIndex(r)].key
		if pr&flagOpen != 0 {
			if sp == maxBracketDepth {
				break // BD16: stack overflow ends the search
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
			if d := strongDir(ts[k]); d == e {
				found = e
				break
			} else if d != ON {
				found = d
			}
		}
		if found == ON {
			continue // N0 d: no strong type inside, leave the brackets alone
		}
		if found != e { // N0 b handled above: a strong type matching e makes them e
			// N0 c: only the opposite direction inside; keep it if the context before agrees.
			ctx := sos
			for k := pr.open - 1; k >= 0; k-- {
				if d := strongDir(ts[k]); d != ON {
					ctx = d
					break
				}
			}
			if ctx != found {
				found = e
			}
		}
		p.setBracket(seq, ts, int(pr.open), found)
		p.setBracket(seq, ts, int(pr.close), found)
	}
}

// setBracket sets the bracket at position k of the sequence to d, and the NSMs
// that originally followed it too (W1 had made them copy the bracket's old type).
func (p *Paragraph) setBracket(seq []int32, ts []Class, k int, d Class) {
	ts[k] = d
	for k++; k < len(ts) && p.orig[pos(seq, k)] == NSM; k++ {
		ts[k] = d
	}
}

// pos returns the text position of the k-th character of a sequence.
func pos(seq []int32, k int) int {
	if seq == nil {
		return k
	}
	return int(seq[k])
}
