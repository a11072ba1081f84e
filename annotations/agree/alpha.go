package agree

import (
	"math"
	"sort"
)

// Missing marks a coder who gave a unit no value (AlphaNominal).
const Missing = ""

// AlphaNominal is Krippendorff's α for nominal data. units[u][c] is coder
// c's value for unit u, Missing when c did not code u. Units coded by fewer
// than two coders are not pairable and are left out, as the measure says.
func AlphaNominal(units [][]string) Measure {
	index := map[string]int{}
	var names []string
	for _, u := range units {
		for _, v := range u {
			if v != Missing {
				if _, ok := index[v]; !ok {
					index[v] = -1
					names = append(names, v)
				}
			}
		}
	}
	sort.Strings(names)
	for i, n := range names {
		index[n] = i
	}
	coded := make([][]int, len(units))
	for i, u := range units {
		for _, v := range u {
			if v != Missing {
				coded[i] = append(coded[i], index[v])
			}
		}
	}
	return alpha(coded, len(names), func(a, b int) float64 {
		if a == b {
			return 0
		}
		return 1
	})
}

// AlphaInterval is Krippendorff's α for interval data; NaN marks a missing
// value.
func AlphaInterval(units [][]float64) Measure {
	index := map[float64]int{}
	var values []float64
	coded := make([][]int, len(units))
	for i, u := range units {
		for _, v := range u {
			if math.IsNaN(v) {
				continue
			}
			k, ok := index[v]
			if !ok {
				k = len(values)
				index[v] = k
				values = append(values, v)
			}
			coded[i] = append(coded[i], k)
		}
	}
	return alpha(coded, len(values), func(a, b int) float64 {
		d := values[a] - values[b]
		return d * d
	})
}

// alpha computes α = 1 - (n-1)·Σ o_ck δ_ck / Σ n_c n_k δ_ck from the
// coincidence matrix of the pairable units (Krippendorff 2011, "Computing
// Krippendorff's alpha-reliability").
func alpha(units [][]int, k int, delta func(a, b int) float64) Measure {
	o := make([][]float64, k)
	for i := range o {
		o[i] = make([]float64, k)
	}
	for _, u := range units {
		m := len(u)
		if m < 2 {
			continue
		}
		w := 1 / float64(m-1)
		for i, a := range u {
			for j, b := range u {
				if i != j {
					o[a][b] += w
				}
			}
		}
	}
	nc := make([]float64, k)
	n := 0.0
	for c := range o {
		for _, v := range o[c] {
			nc[c] += v
		}
		n += nc[c]
	}
	if n < 2 {
		return Undefined("no unit was coded by two or more annotators")
	}
	do, de := 0.0, 0.0
	for c := 0; c < k; c++ {
		for d := 0; d < k; d++ {
			dd := delta(c, d)
			do += o[c][d] * dd
			de += nc[c] * nc[d] * dd
		}
	}
	if de == 0 {
		return Undefined("every value is the same, so no disagreement is expected by chance")
	}
	return Of(1 - (n-1)*do/de)
}
