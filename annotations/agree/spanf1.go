package agree

import "sort"

// Span is a labelled code-point range [Start, End) of a document. Offsets
// are logical (text order), so right-to-left and mixed text needs nothing
// special here.
type Span struct {
	Start, End int
	Label      string
}

// Match is how two spans must agree to count as the same.
type Match int

const (
	// Exact: same start, end and label.
	Exact Match = iota
	// Overlap: same label and at least one code point in common.
	Overlap
)

// F1Count is the raw material of an F1: matched spans and each side's count.
// Counts from several documents or labels add up before F1 is taken (micro
// average).
type F1Count struct {
	Matched, A, B int
}

// Add sums two counts.
func (c F1Count) Add(d F1Count) F1Count {
	return F1Count{c.Matched + d.Matched, c.A + d.A, c.B + d.B}
}

// F1 is 2·matched / (|A| + |B|): with one annotator taken as reference it is
// the harmonic mean of precision and recall, and it is symmetric. Undefined
// when neither side has a span.
func (c F1Count) F1() Measure {
	if c.A+c.B == 0 {
		return Undefined("neither annotator marked a span")
	}
	return Of(2 * float64(c.Matched) / float64(c.A+c.B))
}

// CountF1 matches a's spans with b's one to one (each span counts once, so
// two short spans inside one long span match it only once) and returns the
// counts overall and per label.
func CountF1(a, b []Span, how Match) (total F1Count, byLabel map[string]F1Count) {
	byLabel = map[string]F1Count{}
	la, lb := groupByLabel(a), groupByLabel(b)
	labels := map[string]bool{}
	for l := range la {
		labels[l] = true
	}
	for l := range lb {
		labels[l] = true
	}
	for l := range labels {
		c := F1Count{Matched: len(maxMatching(la[l], lb[l], how)), A: len(la[l]), B: len(lb[l])}
		byLabel[l] = c
		total = total.Add(c)
	}
	return total, byLabel
}

func groupByLabel(spans []Span) map[string][]Span {
	out := map[string][]Span{}
	for _, s := range spans {
		out[s.Label] = append(out[s.Label], s)
	}
	for _, ss := range out {
		sort.Slice(ss, func(i, j int) bool {
			if ss[i].Start != ss[j].Start {
				return ss[i].Start < ss[j].Start
			}
			return ss[i].End < ss[j].End
		})
	}
	return out
}

func matches(x, y Span, how Match) bool {
	if how == Exact {
		return x.Start == y.Start && x.End == y.End
	}
	return x.Start < y.End && y.Start < x.End
}

// MatchPairs pairs a's spans with b's one to one, labels ignored, and
// returns the matched (index in a, index in b) pairs: the claims two
// annotators both marked, whose fields can then be compared.
func MatchPairs(a, b []Span, how Match) [][2]int {
	strip := func(ss []Span) []Span {
		out := make([]Span, len(ss))
		for i, s := range ss {
			out[i] = Span{s.Start, s.End, ""}
		}
		return out
	}
	return maxMatching(strip(a), strip(b), how)
}

// maxMatching is a maximum one-to-one matching (augmenting paths), as
// (index in a, index in b) pairs: greedy matching would depend on order and
// so on which annotator comes first.
func maxMatching(a, b []Span, how Match) [][2]int {
	owner := make([]int, len(b))
	for i := range owner {
		owner[i] = -1
	}
	var try func(i int, seen []bool) bool
	try = func(i int, seen []bool) bool {
		for j := range b {
			if seen[j] || !matches(a[i], b[j], how) {
				continue
			}
			seen[j] = true
			if owner[j] < 0 || try(owner[j], seen) {
				owner[j] = i
				return true
			}
		}
		return false
	}
	for i := range a {
		try(i, make([]bool, len(b)))
	}
	var pairs [][2]int
	for j, i := range owner {
		if i >= 0 {
			pairs = append(pairs, [2]int{i, j})
		}
	}
	return pairs
}
