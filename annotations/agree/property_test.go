package agree

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

func randomLabels(r *rand.Rand, n, k int, missing float64) []string {
	out := make([]string, n)
	for i := range out {
		if r.Float64() < missing {
			out[i] = Missing
			continue
		}
		out[i] = strconv.Itoa(r.IntN(k))
	}
	return out
}

func randomSpans(r *rand.Rand, n int) []Span {
	out := make([]Span, n)
	for i := range out {
		s := r.IntN(50)
		out[i] = Span{s, s + 1 + r.IntN(8), []string{"ORG", "PER"}[r.IntN(2)]}
	}
	return out
}

func inRange(t *testing.T, what string, m Measure, lo, hi float64) {
	t.Helper()
	if m.Defined && (m.Value < lo-1e-12 || m.Value > hi+1e-12 || math.IsNaN(m.Value)) {
		t.Fatalf("%s = %v, outside [%g, %g]", what, m.Value, lo, hi)
	}
}

func same(t *testing.T, what string, x, y Measure) {
	t.Helper()
	if x.Defined != y.Defined || math.Abs(x.Value-y.Value) > 1e-12 {
		t.Fatalf("%s not symmetric: %+v vs %+v", what, x, y)
	}
}

// Swapping the annotators changes no measure; every measure stays in its
// range.
func TestPropertySymmetryAndRange(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 1))
	for range 300 {
		n, k := 1+r.IntN(30), 1+r.IntN(4)
		a, b := randomLabels(r, n, k, 0.2), randomLabels(r, n, k, 0.2)
		ab, ba := PairTable(a, b), PairTable(b, a)
		same(t, "kappa", ab.CohenKappa(), ba.CohenKappa())
		same(t, "pi", ab.ScottPi(), ba.ScottPi())
		inRange(t, "kappa", ab.CohenKappa(), -1, 1)
		inRange(t, "pi", ab.ScottPi(), -1, 1)
		inRange(t, "percent", ab.Percent(), 0, 1)

		unitsAB, unitsBA := make([][]string, n), make([][]string, n)
		for i := range n {
			unitsAB[i] = []string{a[i], b[i]}
			unitsBA[i] = []string{b[i], a[i]}
		}
		same(t, "alpha", AlphaNominal(unitsAB), AlphaNominal(unitsBA))
		inRange(t, "alpha", AlphaNominal(unitsAB), -2, 1) // α ≥ -1 is not guaranteed; it is ≤ 1
		same(t, "fleiss", FleissKappa(FleissCounts(unitsAB)), FleissKappa(FleissCounts(unitsBA)))
		inRange(t, "fleiss", FleissKappa(FleissCounts(unitsAB)), -1, 1)

		sa, sb := randomSpans(r, r.IntN(6)), randomSpans(r, r.IntN(6))
		for _, how := range []Match{Exact, Overlap} {
			x, _ := CountF1(sa, sb, how)
			y, _ := CountF1(sb, sa, how)
			same(t, "span F1", x.F1(), y.F1())
			inRange(t, "span F1", x.F1(), 0, 1)
		}
		ua, ub := toUnits(sa), toUnits(sb)
		x, _ := Unitizing(0, 60, [][]Unit{ua, ub})
		y, _ := Unitizing(0, 60, [][]Unit{ub, ua})
		same(t, "alpha_u", x, y)
		inRange(t, "alpha_u", x, math.Inf(-1), 1)
	}
}

func toUnits(spans []Span) []Unit {
	out := make([]Unit, len(spans))
	for i, s := range spans {
		out[i] = Unit{s.Start, s.End, s.Label}
	}
	return out
}

// Identical answers agree perfectly (1) when at least two categories are
// used, and are undefined, not 1, when only one is.
func TestPropertyPerfectAgreement(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for range 200 {
		n := 2 + r.IntN(20)
		a := randomLabels(r, n, 3, 0)
		a[0], a[1] = "x", "y" // two categories at least
		tab := PairTable(a, a)
		units := make([][]string, n)
		for i := range n {
			units[i] = []string{a[i], a[i], a[i]}
		}
		for name, m := range map[string]Measure{
			"kappa": tab.CohenKappa(), "pi": tab.ScottPi(), "percent": tab.Percent(),
			"alpha": AlphaNominal(units), "fleiss": FleissKappa(FleissCounts(units)),
		} {
			near(t, name, m, 1, 1e-12)
		}
		spans := randomSpans(r, 1+r.IntN(5))
		c, _ := CountF1(spans, spans, Exact)
		near(t, "span F1", c.F1(), 1, 1e-12)
		u, _ := Unitizing(0, 60, [][]Unit{toUnits(spans), toUnits(spans)})
		near(t, "alpha_u", u, 1, 1e-12)
	}
	one := []string{"x", "x", "x"}
	units := [][]string{{"x", "x"}, {"x", "x"}}
	for name, m := range map[string]Measure{
		"kappa": PairTable(one, one).CohenKappa(), "pi": PairTable(one, one).ScottPi(),
		"alpha": AlphaNominal(units), "fleiss": FleissKappa(FleissCounts(units)),
	} {
		if m.Defined || m.Reason == "" {
			t.Fatalf("%s with one category = %+v, want undefined with a reason", name, m)
		}
	}
}
