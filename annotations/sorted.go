package annotations

import (
	"sort"
	"strconv"
)

// idNum extracts N from "sN"/"cN"; 0 if the ID has another shape.
func idNum(id string) int {
	if len(id) < 2 {
		return 0
	}
	n, err := strconv.Atoi(id[1:])
	if err != nil {
		return 0
	}
	return n
}

func CloneClaim(c Claim) Claim {
	if c.Numeric != nil {
		n := *c.Numeric
		c.Numeric = &n
	}
	c.Links = append([]Link(nil), c.Links...)
	return c
}

func SortedSpans(m map[string]Span) []Span {
	out := make([]Span, 0, len(m))
	for _, sp := range m {
		out = append(out, sp)
	}
	sort.Slice(out, func(i, j int) bool { return spanLess(out[i], out[j]) })
	return out
}

func SortedClaims(m map[string]Claim) []Claim {
	out := make([]Claim, 0, len(m))
	for _, c := range m {
		out = append(out, CloneClaim(c))
	}
	sort.Slice(out, func(i, j int) bool { return spanLess(out[i].Span, out[j].Span) })
	return out
}

func spanLess(a, b Span) bool {
	if a.Start != b.Start {
		return a.Start < b.Start
	}
	if a.End != b.End {
		return a.End < b.End
	}
	return idNum(a.ID) < idNum(b.ID)
}
