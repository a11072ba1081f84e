package agree

import "sort"

// Unit is one coder's labelled stretch [Start, End) of a continuum, e.g. a
// span of a document in code points.
type Unit struct {
	Start, End int
	Category   string
}

// section is a stretch of one coder's continuum for one category: a unit
// of it (isUnit) or the gap between two.
type section struct {
	begin, length int
	isUnit        bool
}

// Unitizing is Krippendorff's α_u over the continuum [begin, begin+length)
// that every coder unitized: overall and per category. It follows
// Krippendorff (2004), Content Analysis, 2nd ed., §12.4: per category c,
// α_c = 1 - D_o^c / D_e^c, and overall α_u = 1 - Σ D_o^c / Σ D_e^c.
// Overlapping units of one category from one coder are joined, since the
// measure takes each coder's units of a category as disjoint.
func Unitizing(begin, length int, coders [][]Unit) (overall Measure, byCategory map[string]Measure) {
	byCategory = map[string]Measure{}
	m := len(coders)
	if m < 2 {
		return Undefined("fewer than two annotators"), byCategory
	}
	if length <= 0 {
		return Undefined("the continuum is empty"), byCategory
	}
	cats := map[string]bool{}
	for _, units := range coders {
		for _, u := range units {
			cats[u.Category] = true
		}
	}
	if len(cats) == 0 {
		return Undefined("no annotator marked any unit"), byCategory
	}
	names := make([]string, 0, len(cats))
	for c := range cats {
		names = append(names, c)
	}
	sort.Strings(names)
	sumO, sumE := 0.0, 0.0
	for _, c := range names {
		secs := make([][]section, m)
		for i, units := range coders {
			secs[i] = sections(begin, length, units, c)
		}
		do, de := unitizingDisagreement(m, length, secs)
		sumO += do
		sumE += de
		if de == 0 {
			byCategory[c] = Undefined("no disagreement is expected by chance for " + c)
		} else {
			byCategory[c] = Of(1 - do/de)
		}
	}
	if sumE == 0 {
		return Undefined("no disagreement is expected by chance"), byCategory
	}
	return Of(1 - sumO/sumE), byCategory
}

// sections cuts one coder's continuum into units of category c and gaps.
func sections(begin, length int, units []Unit, c string) []section {
	var mine []Unit
	for _, u := range units {
		s, e := max(u.Start, begin), min(u.End, begin+length)
		if u.Category == c && e > s {
			mine = append(mine, Unit{s, e, c})
		}
	}
	sort.Slice(mine, func(i, j int) bool { return mine[i].Start < mine[j].Start })
	var out []section
	pos := begin
	for i := 0; i < len(mine); i++ {
		s, e := mine[i].Start, mine[i].End
		for i+1 < len(mine) && mine[i+1].Start < e { // join overlapping units
			i++
			e = max(e, mine[i].End)
		}
		if s > pos {
			out = append(out, section{pos, s - pos, false})
		}
		out = append(out, section{s, e - s, true})
		pos = e
	}
	if pos < begin+length {
		out = append(out, section{pos, begin + length - pos, false})
	}
	return out
}

// distance is Krippendorff's δ² between two coders' sections: squared
// differences of both ends for two overlapping units, the unit's squared
// length when a gap of the other coder holds the whole unit, else 0.
func distance(g, h section) float64 {
	switch {
	case g.isUnit && h.isUnit:
		if g.begin < h.begin+h.length && h.begin < g.begin+g.length {
			db := float64(g.begin - h.begin)
			de := float64(g.begin + g.length - h.begin - h.length)
			return db*db + de*de
		}
	case g.isUnit && !h.isUnit:
		if h.begin <= g.begin && g.begin+g.length <= h.begin+h.length {
			return float64(g.length) * float64(g.length)
		}
	case !g.isUnit && h.isUnit:
		return distance(h, g)
	}
	return 0
}

// unitizingDisagreement returns D_o^c and D_e^c for one category.
func unitizingDisagreement(m, length int, secs [][]section) (do, de float64) {
	L := float64(length)
	for i := range secs {
		for j := range secs {
			if i == j {
				continue
			}
			for _, g := range secs[i] {
				for _, h := range secs[j] {
					do += distance(g, h)
				}
			}
		}
	}
	do /= float64(m*(m-1)) * L * L

	nc := 0.0
	for _, s := range secs {
		for _, g := range s {
			if g.isUnit {
				nc++
			}
		}
	}
	num, den := 0.0, float64(m)*L*(float64(m)*L-1)
	for _, s := range secs {
		for _, g := range s {
			if !g.isUnit {
				continue
			}
			l := float64(g.length)
			within := (nc - 1) / 3 * (2*l*l*l - 3*l*l + l)
			gaps := 0.0
			for _, t := range secs {
				for _, h := range t {
					if !h.isUnit && h.length >= g.length {
						gaps += float64(h.length) - l + 1
					}
				}
			}
			num += within + l*l*gaps
			den -= l * (l - 1)
		}
	}
	if den <= 0 {
		return do, 0
	}
	return do, 2 / L * num / den
}
