package suggest

import "github.com/hashiya/hashiya/model"

// automaton is an Aho–Corasick automaton over the keys of every phrase (white space left
// out), as a dense table over the runes the phrases use: one lookup per key of the
// document. It only says where a phrase may match; the tokens there decide.
type automaton struct {
	class  map[rune]int32 // rune → column; runes of no phrase are column 0
	low    []int32        // class of runes below len(low), by table (the common case)
	cols   int
	delta  []int32 // row offset of a state (state*cols) + class → row offset of the next (see renumber)
	own    []int32 // per state: the keys of the phrase ending there, 0 for none
	dict   []int32 // per state: the next state on its failure chain where a phrase ends, -1 for none
	maxLen int
	arabic [256]int32 // per rune of U+0600–U+06FF: the class of its key, -1 for none
}

func newAutomaton(phrases [][]rune) *automaton {
	a := &automaton{class: map[rune]int32{}, low: make([]int32, 0x0700), cols: 1}
	for _, p := range phrases {
		for _, r := range p {
			if a.classOf(r) == 0 {
				if r < rune(len(a.low)) {
					a.low[r] = int32(a.cols)
				} else {
					a.class[r] = int32(a.cols)
				}
				a.cols++
			}
		}
		a.maxLen = max(a.maxLen, len(p))
	}
	for i := range a.arabic {
		a.arabic[i] = -1
		if k := model.SearchKeyOf(rune(0x0600 + i)); k > 0 {
			a.arabic[i] = a.classOf(k)
		}
	}
	// The trie, with -1 for a missing edge.
	goTo := [][]int32{a.row()}
	depth := []int32{0}
	out := []int32{0}
	for _, p := range phrases {
		s := int32(0)
		for _, r := range p {
			c := a.classOf(r)
			if goTo[s][c] < 0 {
				goTo = append(goTo, a.row())
				depth = append(depth, depth[s]+1)
				out = append(out, 0)
				goTo[s][c] = int32(len(goTo) - 1)
			}
			s = goTo[s][c]
		}
		out[s] = int32(len(p))
	}
	// Breadth first: fill missing edges from the failure state; link each state to the
	// nearest state on its failure chain where a phrase ends (its shorter outputs).
	n := len(goTo)
	a.delta = make([]int32, n*a.cols)
	a.own, a.dict = out, make([]int32, n)
	a.dict[0] = -1
	fail := make([]int32, n)
	queue := make([]int32, 0, n)
	order := []int32{0} // breadth first
	for c := 0; c < a.cols; c++ {
		t := goTo[0][c]
		if t < 0 {
			t = 0
		} else {
			queue = append(queue, t)
		}
		a.delta[c] = t
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		order = append(order, s)
		if f := fail[s]; out[f] > 0 {
			a.dict[s] = f
		} else {
			a.dict[s] = a.dict[f]
		}
		for c := 0; c < a.cols; c++ {
			t := goTo[s][c]
			if t < 0 {
				a.delta[int(s)*a.cols+c] = a.delta[int(fail[s])*a.cols+c]
				continue
			}
			fail[t] = a.delta[int(fail[s])*a.cols+c]
			a.delta[int(s)*a.cols+c] = t
			queue = append(queue, t)
		}
		goTo[s] = nil // done with it: keep memory to the table
	}
	a.renumber(order)
	return a
}

// renumber puts the states in breadth-first order (the shallow ones, where the scan
// spends its time, share the cache) and makes each entry of delta the offset of its
// target's row, negative (-offset-1) when a phrase ends there or on its failure
// chain: one load per key.
func (a *automaton) renumber(order []int32) {
	n := len(order)
	newOf := make([]int32, n)
	for i, s := range order {
		newOf[s] = int32(i)
	}
	delta := make([]int32, n*a.cols)
	own, dict := make([]int32, n), make([]int32, n)
	for i, s := range order {
		own[i], dict[i] = a.own[s], -1
		if d := a.dict[s]; d >= 0 {
			dict[i] = newOf[d]
		}
		for c := 0; c < a.cols; c++ {
			t := a.delta[int(s)*a.cols+c]
			v := newOf[t] * int32(a.cols)
			if a.own[t] > 0 || a.dict[t] >= 0 {
				v = -v - 1
			}
			delta[i*a.cols+c] = v
		}
	}
	a.delta, a.own, a.dict = delta, own, dict
}

func (a *automaton) row() []int32 {
	r := make([]int32, a.cols)
	for i := range r {
		r[i] = -1
	}
	return r
}

func (a *automaton) classOf(r rune) int32 {
	if r >= 0 && r < rune(len(a.low)) {
		return a.low[r]
	}
	return a.class[r]
}
