package suggest

// tokenPattern matches a token pattern: at each token, the longest run of tokens the
// specs accept (spaCy's greedy "LONGEST"), then on after it, so matches of one pattern
// do not overlap. With proclitics, the first token may be read without them (one of
// و ف ب ل ك; the article is left to phrase patterns).
type tokenPattern struct {
	specs []TokenSpec
	index int
}

// tokenRun is the state of one search: toks with toks[first] possibly replaced by a
// reading without its proclitics, and a memo of the longest ends.
type tokenRun struct {
	specs []TokenSpec
	toks  []token
	first int
	view  *token
	memo  map[[2]int]int
}

func (r *tokenRun) tok(j int) *token {
	if j == r.first && r.view != nil {
		return r.view
	}
	return &r.toks[j]
}

// longest is the end (a token index) of the longest match of specs[s:] from token j,
// or -1.
func (r *tokenRun) longest(s, j int) int {
	if s == len(r.specs) {
		return j
	}
	key := [2]int{s, j}
	if v, ok := r.memo[key]; ok {
		return v
	}
	spec := r.specs[s]
	run := 0 // how many tokens from j meet spec, up to its max
	for j+run < len(r.toks) && (spec.max < 0 || run < spec.max) && spec.matches(r.tok(j+run)) {
		run++
	}
	best := -1
	for c := run; c >= spec.min; c-- {
		if e := r.longest(s+1, j+c); e > best {
			best = e
		}
	}
	r.memo[key] = best
	return best
}

// match appends the matches in toks.
func (tp *tokenPattern) match(toks []token, procl bool, out []hit) []hit {
	r := &tokenRun{specs: tp.specs, toks: toks}
	var cuts []procliticCut
	for i := 0; i < len(toks); {
		r.first, r.view, r.memo = i, nil, map[[2]int]int{}
		start, e := toks[i].start, r.longest(0, i)
		if procl && e <= i {
			cuts = procliticCuts(&toks[i], true, cuts)
			for _, c := range cuts {
				if c.article {
					continue
				}
				v := toks[i]
				v.src = v.src[c.offset-v.start:]
				v.start, v.text = c.offset, c.rest
				v.key = c.key
				r.view, r.memo = &v, map[[2]int]int{}
				if e = r.longest(0, i); e > i {
					start = c.offset
					break
				}
			}
		}
		if e <= i {
			i++
			continue
		}
		out = append(out, hit{start: start, end: toks[e-1].end, pattern: tp.index})
		i = e
	}
	return out
}
