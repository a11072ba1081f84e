package bidi

import "slices"

// resolveSequence resolves the weak, neutral and implicit types of one isolating
// run sequence (W1–I2) and stores its final levels. ts holds the types of the
// sequence's characters, whose text positions are seq, or 0..len(ts)-1 if seq is nil.
// It runs in two passes, W1–W7 (skipped when the paragraph has none of the classes they
// change) and N1–I2, with N0 between them when the paragraph may hold a bracket pair.
func (p *Paragraph) resolveSequence(seq []int32, ts []Class, level Level, sos, eos Class) {
	if p.seen&weakClasses != 0 {
		resolveWeak(ts, sos)
	}
	if p.text != nil && p.seen&hasBracket != 0 {
		p.resolveBrackets(seq, ts, sos, dirOf(level))
	}
	p.resolveImplicit(seq, ts, level, sos, eos)
}

// weakClasses are the classes W1–W7 act on besides AL, which the later rules read as R.
const weakClasses = 1<<NSM | 1<<EN | 1<<ES | 1<<ET | 1<<AN | 1<<CS

// hasBracket is set in Paragraph.seen when the text holds an opening paired bracket.
const hasBracket = 1 << 31

// resolveWeak applies W1–W7 to ts. The characters the weak rules neither change nor need
// more of than their own class (all but NSM, EN, ES, ET, AN and CS: quiet ones) are skipped
// in a tight loop that only follows the last strong type; from each other character
// resolveWeakFrom runs the rules until a quiet character leaves no state behind. AL is left
// as it is, the later rules read it as R (W3).
func resolveWeak(ts []Class, sos Class) {
	strong, done := sos, 0 // ts[:done] is resolved; strong is the last L, R or AL in it, or sos (W2)
	for k := 0; k < len(ts); {
		if !isWeak[ts[k]] {
			k++
			continue
		}
		for j := k - 1; j >= done; j-- { // the last strong type of the quiet stretch, if any
			if c := ts[j]; c <= AL {
				strong = c
				break
			}
		}
		prev := sos // the type an NSM at k takes (W1)
		if k > 0 {
			if prev = ts[k-1]; prev >= LRI { // an isolate initiator or PDI: ON
				prev = ON
			}
		}
		k, strong = resolveWeakFrom(ts, k, prev, strong)
		done = k
	}
}

// resolveWeakFrom applies W1–W7 to ts from k0, where the character before has the type prev
// (W1) and the last strong type is strong, up to and including the first quiet character
// after which no rule has anything pending. It returns the index after it and the last
// strong type.
//
// W4 looks one type ahead, so the types after W1–W3 are computed one position early (w13);
// a run of ET waits for the type after it (W5).
func resolveWeakFrom(ts []Class, k0 int, prev, strong Class) (int, Class) {
	n := len(ts)
	var w w13
	w.prev, w.strong = prev, strong
	if strong == AL {
		strong = R // W7 reads the types after W3
	}
	prevEN := false // W5: whether EN came just before
	etStart := -1   // start of a pending run of ET
	before, cur := ON, w.step(ts[k0])
	for k := k0; k < n; k++ {
		next := ON
		if k+1 < n {
			next = w.step(ts[k+1])
		}
		orig := ts[k]
		c, b := cur, before
		before, cur = cur, next
		switch c {
		case L, R: // the common case
			if etStart >= 0 {
				fillET(ts[etStart:k], prevEN, strong)
				etStart = -1
			}
			strong, prevEN = c, false
			if orig == NSM {
				ts[k] = c
			} else if weakClasses&(1<<(orig&31)) == 0 { // L, R or AL
				return k + 1, w.strong
			}
			continue
		case ES, CS: // W4: a single ES or CS between two numbers of the same kind
			if b == EN && next == EN {
				c = EN
			} else if c == CS && b == AN && next == AN {
				c = AN
			}
		case ET:
			if etStart < 0 {
				etStart = k
			}
			continue
		}
		if etStart >= 0 { // W5 (ET next to EN becomes EN), W6, W7 on the run of ET
			fillET(ts[etStart:k], prevEN || c == EN, strong)
			etStart = -1
		}
		prevEN = c == EN
		switch c {
		case ES, CS: // W6
			c = ON
		case EN: // W7
			if strong == L {
				c = L
			}
		}
		ts[k] = c
		if weakClasses&(1<<(orig&31)) == 0 {
			return k + 1, w.strong
		}
	}
	if etStart >= 0 {
		fillET(ts[etStart:], prevEN, strong)
	}
	return n, w.strong
}

// isWeak[c] says whether class c is in weakClasses (a table: a variable shift costs more).
var isWeak = func() (t [256]bool) {
	for c := range 32 {
		t[c] = weakClasses&(1<<c) != 0
	}
	return t
}()

// w13 applies W1–W3 to one type after another.
type w13 struct {
	prev, strong Class // the type before (for NSM), the last strong type (for EN after AL)
}

func (w *w13) step(c Class) Class {
	if c == NSM {
		c = w.prev
	}
	w.prev = c
	switch c {
	case L, R:
		w.strong = c
	case AL:
		w.strong = AL
		c = R
	case EN:
		if w.strong == AL {
			c = AN
		}
	case LRI, RLI, FSI, PDI: // an NSM after one is ON
		w.prev = ON
	}
	return c
}

// fillET resolves a run of ET (W5–W7): EN next to EN, L after a strong L, otherwise ON.
func fillET(run []Class, nearEN bool, strong Class) {
	to := ON
	if nearEN {
		to = EN
		if strong == L {
			to = L
		}
	}
	for j := range run {
		run[j] = to
	}
}

// resolveImplicit applies N1 and N2 to the neutral and isolate types left after W7 and N0,
// and I1 and I2, in one pass: a run of neutrals gets its levels when the strong type after
// it is met. AL counts as R (W3), for a sequence whose weak rules were skipped.
func (p *Paragraph) resolveImplicit(seq []int32, ts []Class, level Level, sos, eos Class) {
	var raise [32]Level // by resolved type
	if level&1 == 0 {
		raise[R], raise[AL], raise[AN], raise[EN] = 1, 1, 2, 2
	} else {
		raise[L], raise[AN], raise[EN] = 1, 1, 1
	}
	e := dirOf(level)
	lv := p.levels
	prev, start := sos, -1
	if seq == nil {
		lv = lv[:len(ts)]
		for k, c := range ts {
			d := strongDirs[c&31]
			if d == ON {
				if start < 0 {
					start = k
				}
				continue
			}
			if start >= 0 {
				fillLevels(lv[start:k], neutralLevel(level, prev, d, e))
				start = -1
			}
			prev = d
			lv[k] = level + raise[c&31]
		}
		if start >= 0 {
			fillLevels(lv[start:len(ts)], neutralLevel(level, prev, eos, e))
		}
		return
	}
	seq = seq[:len(ts)]
	for k, c := range ts {
		d := strongDirs[c&31]
		if d == ON {
			if start < 0 {
				start = k
			}
			continue
		}
		if start >= 0 {
			v := neutralLevel(level, prev, d, e)
			for _, i := range seq[start:k] {
				lv[i] = v
			}
			start = -1
		}
		prev = d
		lv[seq[k]] = level + raise[c&31]
	}
	if start >= 0 {
		v := neutralLevel(level, prev, eos, e)
		for _, i := range seq[start:] {
			lv[i] = v
		}
	}
}

// neutralLevel is the level of a run of neutrals between the directions prev and next (N1,
// N2, then I1, I2).
func neutralLevel(level Level, prev, next, e Class) Level {
	to := e
	if prev == next {
		to = prev
	}
	if (to == R) != (level&1 == 1) {
		return level + 1
	}
	return level
}

func fillLevels(lv []Level, v Level) {
	for j := range lv {
		lv[j] = v
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
