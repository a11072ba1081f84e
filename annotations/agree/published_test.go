package agree

import (
	"math"
	"testing"
)

// near fails unless m is defined and within tol of want.
func near(t *testing.T, what string, m Measure, want, tol float64) {
	t.Helper()
	if !m.Defined {
		t.Fatalf("%s undefined (%s), want %.4f", what, m.Reason, want)
	}
	if math.Abs(m.Value-want) > tol {
		t.Fatalf("%s = %.6f, want %.4f ± %g", what, m.Value, want, tol)
	}
}

// Krippendorff, K. (2004). Content Analysis, 2nd ed., ch. 11: two coders,
// ten units, binary values; α = 0.095.
func TestKrippendorff2004BinaryTwoCoders(t *testing.T) {
	a := []string{"0", "1", "0", "0", "0", "0", "0", "0", "1", "0"}
	b := []string{"1", "1", "1", "0", "0", "1", "0", "0", "0", "0"}
	units := make([][]string, len(a))
	for i := range a {
		units[i] = []string{a[i], b[i]}
	}
	near(t, "alpha", AlphaNominal(units), 0.095, 0.0005)
}

// Krippendorff (2004), ch. 11, also in Krippendorff (2011), "Computing
// Krippendorff's alpha-reliability": four observers, twelve units, missing
// values ("."); nominal α = 0.743, interval α = 0.849.
var fourObservers = [4][]string{
	{"1", "2", "3", "3", "2", "1", "4", "1", "2", ".", ".", "."},
	{"1", "2", "3", "3", "2", "2", "4", "1", "2", "5", ".", "3"},
	{".", "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", "."},
	{"1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", "."},
}

func TestKrippendorff2004FourCodersMissingValues(t *testing.T) {
	nominal := make([][]string, 12)
	interval := make([][]float64, 12)
	for u := range 12 {
		for _, obs := range fourObservers {
			v := obs[u]
			if v == "." {
				nominal[u] = append(nominal[u], Missing)
				interval[u] = append(interval[u], math.NaN())
				continue
			}
			nominal[u] = append(nominal[u], v)
			interval[u] = append(interval[u], float64(v[0]-'0'))
		}
	}
	near(t, "nominal alpha", AlphaNominal(nominal), 0.743, 0.0005)
	near(t, "interval alpha", AlphaInterval(interval), 0.849, 0.0005)
}

// Fleiss, J. L. (1971). Measuring nominal scale agreement among many
// raters. Psychological Bulletin 76(5), Table 1: 30 patients, 6
// psychiatrists each, 5 diagnoses (depression, personality disorder,
// schizophrenia, neurosis, other); κ = 0.430.
func TestFleiss1971(t *testing.T) {
	counts := [][]int{
		{0, 0, 0, 6, 0}, {0, 3, 0, 0, 3}, {0, 1, 4, 0, 1}, {0, 0, 0, 0, 6}, {0, 3, 0, 3, 0},
		{2, 0, 4, 0, 0}, {0, 0, 4, 0, 2}, {2, 0, 3, 1, 0}, {2, 0, 0, 4, 0}, {0, 0, 0, 0, 6},
		{1, 0, 0, 5, 0}, {1, 1, 0, 4, 0}, {0, 3, 3, 0, 0}, {1, 0, 0, 5, 0}, {0, 2, 0, 3, 1},
		{0, 0, 5, 0, 1}, {3, 0, 0, 1, 2}, {5, 1, 0, 0, 0}, {0, 2, 0, 4, 0}, {1, 0, 2, 0, 3},
		{0, 0, 0, 0, 6}, {0, 1, 0, 5, 0}, {0, 2, 0, 1, 3}, {2, 0, 0, 4, 0}, {1, 0, 0, 4, 1},
		{0, 5, 0, 1, 0}, {4, 0, 0, 0, 2}, {0, 2, 0, 4, 0}, {1, 0, 5, 0, 0}, {0, 0, 0, 0, 6},
	}
	near(t, "Fleiss kappa", FleissKappa(counts), 0.430, 0.0005)
}

// Cohen, J. (1960). A coefficient of agreement for nominal scales.
// Educational and Psychological Measurement 20(1), p. 45: 200 units, three
// categories, p_o = .70, p_c = .41, κ = 0.492.
func TestCohen1960(t *testing.T) {
	table := Table{
		{88, 14, 18},
		{10, 40, 10},
		{2, 6, 12},
	}
	near(t, "percent", table.Percent(), 0.70, 1e-9)
	near(t, "Cohen kappa", table.CohenKappa(), 0.492, 0.0005)
}

// Artstein, R. & Poesio, M. (2008). Inter-coder agreement for computational
// linguistics. Computational Linguistics 34(4), the two-coder example
// of 100 utterances, Statement / Info-request / Check; A_o = 0.88,
// π = 0.7995, κ = 0.8013.
func TestArtsteinPoesio2008(t *testing.T) {
	table := Table{
		{46, 6, 0},
		{0, 32, 0},
		{0, 6, 10},
	}
	near(t, "percent", table.Percent(), 0.88, 1e-9)
	near(t, "Scott pi", table.ScottPi(), 0.7995, 0.00005)
	near(t, "Cohen kappa", table.CohenKappa(), 0.8013, 0.00005)
}

// Krippendorff (2004), Content Analysis, 2nd ed., p. 254: two observers
// unitize the continuum [150, 450) into categories c and k. The book gives
// D_o(c) = .0144, D_e(c) = .0532, D_e(k) = .0490 and α_u = 1 - .0144/.1022
// = .8591; computed from the data without rounding the parts it is .8587,
// hence the tolerance of .0005 on the overall value.
func TestKrippendorff2004Unitizing(t *testing.T) {
	i := []Unit{{225, 295, "c"}, {370, 400, "c"}, {180, 240, "k"}, {300, 350, "k"}}
	j := []Unit{{220, 300, "c"}, {355, 375, "c"}, {400, 420, "c"}, {180, 240, "k"}, {300, 350, "k"}}
	overall, by := Unitizing(150, 300, [][]Unit{i, j})
	near(t, "alpha_u", overall, 0.8591, 0.0005)
	near(t, "alpha_u(c)", by["c"], 0.7286, 0.00005)
	near(t, "alpha_u(k)", by["k"], 1, 1e-12)

	secs := func(c string) [][]section {
		return [][]section{sections(150, 300, i, c), sections(150, 300, j, c)}
	}
	do, de := unitizingDisagreement(2, 300, secs("c"))
	near(t, "D_o(c)", Of(do), 0.0144, 0.00005)
	near(t, "D_e(c)", Of(de), 0.0532, 0.00005)
	_, de = unitizingDisagreement(2, 300, secs("k"))
	near(t, "D_e(k)", Of(de), 0.0490, 0.00005)
}
