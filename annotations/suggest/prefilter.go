package suggest

// automaton is an Aho–Corasick automaton over the keys of every phrase (white space left
// out), as a dense table over the runes the phrases use: one lookup per key of the
// document. It only says where a phrase may match; the tokens there decide.
type automaton struct {
	class   map[rune]int32 // rune → column; runes of no phrase are column 0
	low     []int32        // class of runes below len(low), by table (the common case)
	cols    int
	delta   []int32 // state*cols + class → state
	longest []int32 // per state: the most keys of a phrase ending there, 0 for none
	maxLen  int
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
	// Breadth first: fill missing edges from the failure state; a state's longest
	// output is its own or its failure state's.
	n := len(goTo)
	a.delta = make([]int32, n*a.cols)
	a.longest = make([]int32, n)
	fail := make([]int32, n)
	queue := make([]int32, 0, n)
	for c := 0; c < a.cols; c++ {
		t := goTo[0][c]
		if t < 0 {
			t = 0
		} else {
			queue = append(queue, t)
		}
		a.delta[c] = t
	}
	a.longest[0] = out[0]
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		a.longest[s] = max(out[s], a.longest[fail[s]])
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
	return a
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
