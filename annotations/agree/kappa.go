package agree

import "sort"

// Table is a k×k agreement table of counts: Table[i][j] is how many units
// coder A put in category i and coder B in category j.
type Table [][]float64

// PairTable tallies two coders' values over the units both coded (neither
// value Missing), with the categories in sorted order.
func PairTable(a, b []string) Table {
	cats := map[string]int{}
	var names []string
	for i := range a {
		if i >= len(b) || a[i] == Missing || b[i] == Missing {
			continue
		}
		for _, v := range []string{a[i], b[i]} {
			if _, ok := cats[v]; !ok {
				cats[v] = 0
				names = append(names, v)
			}
		}
	}
	sort.Strings(names)
	for i, n := range names {
		cats[n] = i
	}
	t := make(Table, len(names))
	for i := range t {
		t[i] = make([]float64, len(names))
	}
	for i := range a {
		if i >= len(b) || a[i] == Missing || b[i] == Missing {
			continue
		}
		t[cats[a[i]]][cats[b[i]]]++
	}
	return t
}

// observed returns the total and the observed proportion of agreement.
func (t Table) observed() (n, ao float64) {
	diag := 0.0
	for i := range t {
		for j, v := range t[i] {
			n += v
			if i == j {
				diag += v
			}
		}
	}
	if n == 0 {
		return 0, 0
	}
	return n, diag / n
}

// Percent is the share of units on which both coders agree.
func (t Table) Percent() Measure {
	n, ao := t.observed()
	if n == 0 {
		return Undefined("no unit was coded by both annotators")
	}
	return Of(ao)
}

// CohenKappa is Cohen's (1960) κ: chance agreement from each coder's own
// marginals.
func (t Table) CohenKappa() Measure {
	n, ao := t.observed()
	if n == 0 {
		return Undefined("no unit was coded by both annotators")
	}
	ae := 0.0
	for i := range t {
		row, col := 0.0, 0.0
		for j := range t {
			row += t[i][j]
			col += t[j][i]
		}
		ae += (row / n) * (col / n)
	}
	return chanceCorrected(ao, ae)
}

// ScottPi is Scott's (1955) π: chance agreement from the pooled marginals.
func (t Table) ScottPi() Measure {
	n, ao := t.observed()
	if n == 0 {
		return Undefined("no unit was coded by both annotators")
	}
	ae := 0.0
	for i := range t {
		p := 0.0
		for j := range t {
			p += t[i][j] + t[j][i]
		}
		p /= 2 * n
		ae += p * p
	}
	return chanceCorrected(ao, ae)
}

func chanceCorrected(ao, ae float64) Measure {
	if ae >= 1 {
		return Undefined("only one category was used, so chance agreement is 1")
	}
	return Of((ao - ae) / (1 - ae))
}

// FleissKappa is Fleiss' (1971) κ from counts[subject][category], the
// number of raters who put the subject in the category. Subjects rated by
// fewer than two raters are left out; when the number of raters varies,
// each subject's agreement is taken over its own rater pairs.
func FleissKappa(counts [][]int) Measure {
	if len(counts) == 0 {
		return Undefined("no unit was coded by two or more annotators")
	}
	k := len(counts[0])
	pj := make([]float64, k)
	total, sumP, subjects := 0.0, 0.0, 0.0
	for _, row := range counts {
		ni := 0
		for _, c := range row {
			ni += c
		}
		if ni < 2 {
			continue
		}
		agree := 0
		for j, c := range row {
			agree += c * (c - 1)
			pj[j] += float64(c)
		}
		total += float64(ni)
		sumP += float64(agree) / float64(ni*(ni-1))
		subjects++
	}
	if subjects == 0 {
		return Undefined("no unit was coded by two or more annotators")
	}
	pe := 0.0
	for _, p := range pj {
		p /= total
		pe += p * p
	}
	return chanceCorrected(sumP/subjects, pe)
}

// FleissCounts turns units[u][coder] (Missing for no value) into the
// subject × category counts FleissKappa takes.
func FleissCounts(units [][]string) [][]int {
	index := map[string]int{}
	var names []string
	for _, u := range units {
		for _, v := range u {
			if _, ok := index[v]; !ok && v != Missing {
				index[v] = 0
				names = append(names, v)
			}
		}
	}
	sort.Strings(names)
	for i, n := range names {
		index[n] = i
	}
	out := make([][]int, len(units))
	for i, u := range units {
		out[i] = make([]int, len(names))
		for _, v := range u {
			if v != Missing {
				out[i][index[v]]++
			}
		}
	}
	return out
}
