package suggest

// phraseNode is a trie over the tokens of phrase patterns, keyed by each token's
// search key (or text, matching exactly).
type phraseNode struct {
	next map[string]*phraseNode
	ends []int // patterns whose last token is this node
}

func (n *phraseNode) child(k string) *phraseNode {
	if n.next == nil {
		n.next = map[string]*phraseNode{}
	}
	c := n.next[k]
	if c == nil {
		c = &phraseNode{}
		n.next[k] = c
	}
	return c
}

// phraseSet is the compiled phrase patterns: first tokens with an article and without
// one apart, since only the latter may follow an article cut off as a proclitic.
type phraseSet struct {
	root  phraseNode
	exact bool
	procl bool
	cuts  []procliticCut // scratch
}

// add puts pattern i, whose tokens are toks, into the trie.
func (ps *phraseSet) add(i int, toks []token) {
	n := &ps.root
	for _, t := range toks {
		n = n.child(ps.cmp(&t))
	}
	n.ends = append(n.ends, i)
}

func (ps *phraseSet) cmp(t *token) string {
	if ps.exact {
		return t.text
	}
	return t.key
}

// matchAt appends the matches of phrases whose first token is toks[i] (or toks[i] after
// its proclitics).
func (ps *phraseSet) matchAt(toks []token, i int, out []hit) []hit {
	t := &toks[i]
	if first := ps.root.next[ps.cmp(t)]; first != nil {
		out = ps.walk(first, toks, i, t.start, out)
	}
	if !ps.procl {
		return out
	}
	ps.cuts = procliticCuts(t, ps.exact, ps.cuts)
	for _, c := range ps.cuts {
		first := ps.root.next[c.rest]
		if first == nil || (c.article && startsWithArticle(c.key)) {
			continue
		}
		out = ps.walk(first, toks, i, c.offset, out)
	}
	return out
}

// walk follows the tokens after toks[i] down from n, the node of toks[i].
func (ps *phraseSet) walk(n *phraseNode, toks []token, i, start int, out []hit) []hit {
	for j := i; ; {
		for _, p := range n.ends {
			out = append(out, hit{start: start, end: toks[j].end, pattern: p})
		}
		j++
		if j == len(toks) || n.next == nil {
			return out
		}
		if n = n.next[ps.cmp(&toks[j])]; n == nil {
			return out
		}
	}
}

// hit is a match before it is named: the pattern's index in the matcher.
type hit struct {
	start, end, pattern int
}
