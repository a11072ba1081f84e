package agree

import (
	"sort"
	"unicode/utf8"

	"github.com/hashiya/hashiya/annotations"
)

// Version is one annotator's work on a document.
type Version struct {
	Annotator string
	Answer    string // accept, reject, ignore, or "" when not answered
	Spans     []annotations.Span
	Claims    []annotations.Claim
}

// Document is a document with every annotator's version of it.
type Document struct {
	ID       string
	Text     string
	Versions []Version
}

// Pair is one pair of annotators' span agreement.
type Pair struct {
	A         string  `json:"a"`
	B         string  `json:"b"`
	F1Exact   Measure `json:"f1_exact"`
	F1Overlap Measure `json:"f1_overlap"`
}

// LabelAgreement is the agreement on one span label.
type LabelAgreement struct {
	F1Exact   Measure `json:"f1_exact"`
	F1Overlap Measure `json:"f1_overlap"`
	AlphaU    Measure `json:"alpha_u"`
}

// SpanAgreement: pairwise F1 micro-averaged over labels then averaged over
// pairs, and α_u over the documents every chosen annotator has.
type SpanAgreement struct {
	F1Exact   Measure                   `json:"f1_exact"`
	F1Overlap Measure                   `json:"f1_overlap"`
	AlphaU    Measure                   `json:"alpha_u"`
	Pairs     []Pair                    `json:"pairs"`
	ByLabel   map[string]LabelAgreement `json:"by_label"`
}

// Kappa is Cohen's κ of one pair.
type Kappa struct {
	A     string  `json:"a"`
	B     string  `json:"b"`
	Kappa Measure `json:"kappa"`
}

// AnswerAgreement is the agreement on the document answers.
type AnswerAgreement struct {
	Percent     Measure `json:"percent"`
	CohenKappa  []Kappa `json:"cohen_kappa"`
	FleissKappa Measure `json:"fleiss_kappa"`
	Alpha       Measure `json:"alpha"`
}

// ClaimAgreement: claim-span F1 (labels do not apply), and for the claims
// two annotators both marked (overlap matching) Cohen's κ on attribution
// and check-worthiness (averaged over pairs) and the share with equal
// normalized value and qualifier.
type ClaimAgreement struct {
	F1Exact          Measure `json:"f1_exact"`
	F1Overlap        Measure `json:"f1_overlap"`
	Matched          int     `json:"matched"`
	AttributionKappa Measure `json:"attribution_kappa"`
	CheckworthyKappa Measure `json:"checkworthy_kappa"`
	ValuePercent     Measure `json:"value_percent"`
	QualifierPercent Measure `json:"qualifier_percent"`
}

// DocScore is one document's span agreement (exact F1 averaged over pairs).
type DocScore struct {
	Doc     string  `json:"doc"`
	F1Exact Measure `json:"f1_exact"`
}

// Report is everything `hashiya agree` prints.
type Report struct {
	Documents  int             `json:"documents"`
	Annotators []string        `json:"annotators"`
	Spans      SpanAgreement   `json:"spans"`
	Answers    AnswerAgreement `json:"answers"`
	Claims     ClaimAgreement  `json:"claims"`
	Worst      []DocScore      `json:"worst"`
}

// WorstShown caps Report.Worst.
const WorstShown = 10

const noPairs = "no document was done by two of the annotators"

// Compute measures agreement among annotators (all in docs when empty) over
// every document that at least two of them have a version of. When labels
// is not empty only spans with those labels count.
func Compute(docs []Document, annotators, labels []string) Report {
	if len(annotators) == 0 {
		seen := map[string]bool{}
		for _, d := range docs {
			for _, v := range d.Versions {
				if !seen[v.Annotator] {
					seen[v.Annotator] = true
					annotators = append(annotators, v.Annotator)
				}
			}
		}
		sort.Strings(annotators)
	}
	keep := map[string]bool{}
	for _, l := range labels {
		keep[l] = true
	}
	// versions[d][i] is annotator i's version of docs[d], nil if none.
	var chosen []Document
	var versions [][]*Version
	for _, d := range docs {
		row := make([]*Version, len(annotators))
		n := 0
		for vi := range d.Versions {
			v := &d.Versions[vi]
			for i, a := range annotators {
				if v.Annotator == a && row[i] == nil {
					row[i] = v
					n++
				}
			}
		}
		if n >= 2 {
			chosen = append(chosen, d)
			versions = append(versions, row)
		}
	}
	spansOf := func(v *Version) []Span {
		var out []Span
		for _, s := range v.Spans {
			if len(keep) == 0 || keep[s.Label] {
				out = append(out, Span{s.Start, s.End, s.Label})
			}
		}
		return out
	}
	r := Report{Documents: len(chosen), Annotators: annotators, Spans: SpanAgreement{ByLabel: map[string]LabelAgreement{}}}

	// Spans and claims, pair by pair.
	labelF1 := map[string][2][]Measure{}
	var pairExact, pairOverlap, claimExact, claimOverlap, attrK, checkK []Measure
	valueEq, qualEq, matchedClaims := 0, 0, 0
	docF1 := make([][]Measure, len(chosen))
	for i := range annotators {
		for j := i + 1; j < len(annotators); j++ {
			var ex, ov, cex, cov F1Count
			byEx, byOv := map[string]F1Count{}, map[string]F1Count{}
			var attrA, attrB, checkA, checkB []string
			both := false
			for d, row := range versions {
				va, vb := row[i], row[j]
				if va == nil || vb == nil {
					continue
				}
				both = true
				sa, sb := spansOf(va), spansOf(vb)
				e, be := CountF1(sa, sb, Exact)
				o, bo := CountF1(sa, sb, Overlap)
				ex, ov = ex.Add(e), ov.Add(o)
				docF1[d] = append(docF1[d], e.F1())
				for l, c := range be {
					byEx[l] = byEx[l].Add(c)
				}
				for l, c := range bo {
					byOv[l] = byOv[l].Add(c)
				}
				ca, cb := claimSpans(va.Claims), claimSpans(vb.Claims)
				e, _ = CountF1(ca, cb, Exact)
				o, _ = CountF1(ca, cb, Overlap)
				cex, cov = cex.Add(e), cov.Add(o)
				for _, p := range MatchPairs(ca, cb, Overlap) {
					x, y := va.Claims[p[0]], vb.Claims[p[1]]
					attrA, attrB = append(attrA, x.Attribution), append(attrB, y.Attribution)
					checkA, checkB = append(checkA, yesNo(x.Checkworthy)), append(checkB, yesNo(y.Checkworthy))
					matchedClaims++
					if sameValue(x.Numeric, y.Numeric) {
						valueEq++
					}
					if sameQualifier(x.Numeric, y.Numeric) {
						qualEq++
					}
				}
			}
			if !both {
				continue
			}
			r.Spans.Pairs = append(r.Spans.Pairs, Pair{annotators[i], annotators[j], ex.F1(), ov.F1()})
			pairExact, pairOverlap = append(pairExact, ex.F1()), append(pairOverlap, ov.F1())
			for l, c := range byEx {
				m := labelF1[l]
				m[0] = append(m[0], c.F1())
				m[1] = append(m[1], byOv[l].F1())
				labelF1[l] = m
			}
			claimExact, claimOverlap = append(claimExact, noClaims(cex.F1())), append(claimOverlap, noClaims(cov.F1()))
			if len(attrA) > 0 {
				attrK = append(attrK, PairTable(attrA, attrB).CohenKappa())
				checkK = append(checkK, PairTable(checkA, checkB).CohenKappa())
			}
		}
	}
	r.Spans.F1Exact = Mean(pairExact, noPairs)
	r.Spans.F1Overlap = Mean(pairOverlap, noPairs)
	r.Claims = ClaimAgreement{
		F1Exact: Mean(claimExact, noPairs), F1Overlap: Mean(claimOverlap, noPairs), Matched: matchedClaims,
		AttributionKappa: Mean(attrK, "no claim was marked by two annotators"),
		CheckworthyKappa: Mean(checkK, "no claim was marked by two annotators"),
		ValuePercent:     percent(valueEq, matchedClaims, "no claim was marked by two annotators"),
		QualifierPercent: percent(qualEq, matchedClaims, "no claim was marked by two annotators"),
	}

	// α_u over the documents every annotator has, laid end to end.
	var coders = make([][]Unit, len(annotators))
	length, full := 0, 0
	for d, row := range versions {
		all := true
		for _, v := range row {
			all = all && v != nil
		}
		if !all {
			continue
		}
		full++
		for i, v := range row {
			for _, s := range spansOf(v) {
				coders[i] = append(coders[i], Unit{length + s.Start, length + s.End, s.Label})
			}
		}
		length += utf8.RuneCountInString(chosen[d].Text)
	}
	byU := map[string]Measure{}
	if full == 0 {
		r.Spans.AlphaU = Undefined("no document was done by every chosen annotator")
	} else {
		r.Spans.AlphaU, byU = Unitizing(0, length, coders)
	}
	for l, m := range labelF1 {
		u, ok := byU[l]
		if !ok {
			u = r.Spans.AlphaU
			if u.Defined || u.Reason == "" {
				u = Undefined("label not marked in the documents every chosen annotator has")
			}
		}
		r.Spans.ByLabel[l] = LabelAgreement{Mean(m[0], noPairs), Mean(m[1], noPairs), u}
	}

	// Answers: units are documents, coders the annotators.
	units := make([][]string, len(versions))
	for d, row := range versions {
		units[d] = make([]string, len(annotators))
		for i, v := range row {
			if v != nil {
				units[d][i] = v.Answer
			}
		}
	}
	agreeing, pairsN := 0, 0
	for i := range annotators {
		for j := i + 1; j < len(annotators); j++ {
			a, b := column(units, i), column(units, j)
			t := PairTable(a, b)
			n, _ := t.observed()
			if n == 0 {
				continue
			}
			r.Answers.CohenKappa = append(r.Answers.CohenKappa, Kappa{annotators[i], annotators[j], t.CohenKappa()})
			for u := range a {
				if a[u] != Missing && b[u] != Missing {
					pairsN++
					if a[u] == b[u] {
						agreeing++
					}
				}
			}
		}
	}
	r.Answers.Percent = percent(agreeing, pairsN, "no document was answered by two annotators")
	r.Answers.FleissKappa = FleissKappa(FleissCounts(units))
	r.Answers.Alpha = AlphaNominal(units)

	for d, ms := range docF1 {
		if m := Mean(ms, ""); m.Defined {
			r.Worst = append(r.Worst, DocScore{chosen[d].ID, m})
		}
	}
	sort.SliceStable(r.Worst, func(i, j int) bool { return r.Worst[i].F1Exact.Value < r.Worst[j].F1Exact.Value })
	if len(r.Worst) > WorstShown {
		r.Worst = r.Worst[:WorstShown]
	}
	if r.Annotators == nil {
		r.Annotators = []string{}
	}
	if r.Spans.Pairs == nil {
		r.Spans.Pairs = []Pair{}
	}
	if r.Answers.CohenKappa == nil {
		r.Answers.CohenKappa = []Kappa{}
	}
	if r.Worst == nil {
		r.Worst = []DocScore{}
	}
	return r
}

func claimSpans(cs []annotations.Claim) []Span {
	out := make([]Span, len(cs))
	for i, c := range cs {
		out[i] = Span{c.Span.Start, c.Span.End, "CLAIM"}
	}
	return out
}

// noClaims words a claim F1's reason for claims, not spans.
func noClaims(m Measure) Measure {
	if !m.Defined {
		return Undefined("neither annotator marked a claim")
	}
	return m
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func sameValue(x, y *annotations.Numeric) bool {
	if x == nil || y == nil {
		return x == nil && y == nil
	}
	return x.Value == y.Value
}

func sameQualifier(x, y *annotations.Numeric) bool {
	if x == nil || y == nil {
		return x == nil && y == nil
	}
	return x.Qualifier == y.Qualifier
}

func percent(k, n int, reason string) Measure {
	if n == 0 {
		return Undefined(reason)
	}
	return Of(float64(k) / float64(n))
}

func column(units [][]string, i int) []string {
	out := make([]string, len(units))
	for u, row := range units {
		out[u] = row[i]
	}
	return out
}
