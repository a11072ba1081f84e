package suggest

import (
	"cmp"
	"slices"
	"sync"

	"github.com/hashiya/hashiya/model"
)

// Options say how phrase patterns compare tokens.
type Options struct {
	Exact      bool // compare token text (spaCy's ORTH) instead of search keys
	Proclitics bool // a phrase may start after proclitics glued to its first word
}

// Match is one pattern found in a document: code points, end exclusive.
type Match struct {
	Start, End int
	Label      string
	Pattern    string // the pattern's Ref: its id or FILE:LINE
	Index      int    // the pattern's index in the list given to Compile
}

// Matcher finds patterns in documents. It is safe for use by several goroutines.
type Matcher struct {
	patterns []Pattern
	opts     Options
	phrases  *phraseNode // trie root, shared read-only
	auto     *automaton  // over phrase keys; nil without phrase patterns
	tokens   []tokenPattern
	refs     []string  // per pattern: its Ref
	pool     sync.Pool // of *scratch
}

// scratch holds the buffers of one Match call, kept for the next (Matcher.pool).
type scratch struct {
	z    tokenizer
	ps   *phraseSet // with its own scratch
	toks []token
	hits []hit
	ring []int
	wins [][2]int
}

// Compile builds a matcher. A phrase with nothing to match (only characters search
// ignores) is left out with a warning.
func Compile(ps []Pattern, o Options) (*Matcher, []Warning) {
	m := &Matcher{patterns: ps, opts: o, refs: make([]string, len(ps))}
	for i, p := range ps {
		m.refs[i] = p.Ref()
	}
	set := phraseSet{exact: o.Exact}
	var keys [][]rune
	var warns []Warning
	for i, p := range ps {
		if p.Phrase == "" {
			m.tokens = append(m.tokens, tokenPattern{specs: p.Tokens, index: i})
			continue
		}
		text := []rune(p.Phrase)
		toks := tokenize(text, 0, len(text), nil)
		var k []rune
		for _, t := range toks {
			k = append(k, []rune(t.key)...)
		}
		if len(k) == 0 {
			warns = append(warns, Warning{File: p.File, Line: p.Line, Msg: "phrase has nothing search can match (only marks or joiners); pattern skipped"})
			continue
		}
		set.add(i, toks)
		keys = append(keys, k)
	}
	if len(keys) > 0 {
		m.phrases = &set.root
		m.auto = newAutomaton(keys)
	}
	return m, warns
}

// Patterns is the list the matcher was compiled from.
func (m *Matcher) Patterns() []Pattern { return m.patterns }

// Match finds every pattern in text: for each phrase pattern every occurrence, for each
// token pattern its longest matches, left to right; sorted by start, then end, then
// pattern. Matches of different patterns may overlap (Resolve picks among them).
func (m *Matcher) Match(text []rune) []Match {
	if len(m.tokens) > 0 { // token patterns look at every token
		return m.matchFull(text)
	}
	sc, _ := m.pool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{z: tokenizer{withText: m.opts.Exact}}
	}
	defer m.pool.Put(sc)
	hits := sc.hits[:0]
	if m.auto != nil {
		for _, w := range m.windows(text, sc) {
			sc.toks = sc.z.tokenize(text, w[0], w[1], sc.toks[:0])
			hits = m.phraseHits(sc, sc.toks, hits)
		}
	}
	sc.hits = hits
	return m.name(hits)
}

// matchFull segments all of text and tries every pattern at every token.
func (m *Matcher) matchFull(text []rune) []Match {
	toks := tokenize(text, 0, len(text), nil)
	var hits []hit
	for _, tp := range m.tokens {
		hits = tp.match(toks, m.opts.Proclitics, hits)
	}
	return m.name(m.phraseHits(&scratch{}, toks, hits))
}

func (m *Matcher) phraseHits(sc *scratch, toks []token, hits []hit) []hit {
	if m.phrases == nil {
		return hits
	}
	ps := sc.ps
	if ps == nil {
		ps = &phraseSet{root: *m.phrases, exact: m.opts.Exact, procl: m.opts.Proclitics}
		sc.ps = ps
	}
	for i := range toks {
		hits = ps.matchAt(toks, i, hits)
	}
	return hits
}

// keylessAround is the window of [start,end) grown over neighbouring tokens that have
// no keys (a lone tatweel, say): a phrase may begin or end with one, and its hit does
// not show it.
func keylessAround(text []rune, start, end int) (ws, we int) {
	ws, we = windowStart(text, start), windowEnd(text, end-1)
	for {
		j := ws - 1
		for j >= 0 && isSpace(text[j]) {
			j--
		}
		if j < 0 || model.SearchKeyOf(text[j]) != 0 {
			break
		}
		ws = windowStart(text, j)
	}
	for {
		j := we
		for j < len(text) && isSpace(text[j]) {
			j++
		}
		if j == len(text) || model.SearchKeyOf(text[j]) != 0 {
			break
		}
		we = windowEnd(text, j)
	}
	return ws, we
}

// name sorts hits, drops repeats and names their patterns.
func (m *Matcher) name(hits []hit) []Match {
	// Hits come nearly in order (windows left to right): pdqsort's cheap case.
	slices.SortFunc(hits, func(a, b hit) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		if c := cmp.Compare(a.end, b.end); c != 0 {
			return c
		}
		return cmp.Compare(a.pattern, b.pattern)
	})
	out := make([]Match, 0, len(hits))
	for i, h := range hits {
		if i > 0 && h == hits[i-1] {
			continue
		}
		out = append(out, Match{Start: h.start, End: h.end, Label: m.patterns[h.pattern].Label, Pattern: m.refs[h.pattern], Index: h.pattern})
	}
	return out
}
