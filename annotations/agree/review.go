package agree

import (
	"fmt"
	"sort"

	"github.com/hashiya/hashiya/annotations"
)

// Conflict kinds: what differs between annotators' versions of a document.
const (
	OnlySome      = "only some"      // a span or claim not every annotator has
	LabelConflict = "label conflict" // same extent, different labels
	Boundary      = "boundary"       // same label, overlapping, different extent
	ClaimField    = "claim field"    // same claim extent, a field differs
	AnswerDiffers = "answer"         // the document answers differ
)

// AgreedSpan is a span every annotator of the document has.
type AgreedSpan struct {
	Span    annotations.Span
	Sources []string
}

// AgreedClaim is a claim every annotator has with the same fields.
type AgreedClaim struct {
	Claim   annotations.Claim
	Sources []string
}

// Difference is one thing the versions disagree on, with the annotators
// whose version has the span or claim (Span or Claim set accordingly).
type Difference struct {
	Kind      string
	Annotator string
	Span      *annotations.Span
	Claim     *annotations.Claim
	Detail    string
}

// DocReview is what a reviewer sees of one document: what all agree on
// (auto-acceptable) and what differs.
type DocReview struct {
	Doc          string
	Annotators   []string
	Spans        []AgreedSpan
	Claims       []AgreedClaim
	Answer       string // the answer all gave, "" when they differ or none
	Differences  []Difference
	Unanimous    bool // nothing differs
	F1Exact      Measure
	AnswerSource []string
}

type extent struct {
	start, end int
	label      string
}

// Review compares a document's versions.
func Review(d Document) DocReview {
	r := DocReview{Doc: d.ID}
	for _, v := range d.Versions {
		r.Annotators = append(r.Annotators, v.Annotator)
	}
	n := len(d.Versions)
	// Spans: an extent+label every version has is agreed.
	has := map[extent][]string{}
	for _, v := range d.Versions {
		seen := map[extent]bool{}
		for _, s := range v.Spans {
			e := extent{s.Start, s.End, s.Label}
			if !seen[e] {
				seen[e] = true
				has[e] = append(has[e], v.Annotator)
			}
		}
	}
	for _, v := range d.Versions {
		for _, s := range v.Spans {
			e := extent{s.Start, s.End, s.Label}
			if len(has[e]) == n {
				if v.Annotator == d.Versions[0].Annotator {
					r.Spans = append(r.Spans, AgreedSpan{s, has[e]})
				}
				continue
			}
			s := s
			r.Differences = append(r.Differences, Difference{Kind: spanKind(d, v.Annotator, s), Annotator: v.Annotator, Span: &s,
				Detail: fmt.Sprintf("%s [%d,%d) «%s», had by %v", s.Label, s.Start, s.End, s.Text, has[e])})
		}
	}
	// Claims: same extent in every version; agreed when the fields match too.
	type cext struct{ start, end int }
	claimsAt := map[cext][]annotations.Claim{}
	owners := map[cext][]string{}
	for _, v := range d.Versions {
		seen := map[cext]bool{}
		for _, c := range v.Claims {
			e := cext{c.Span.Start, c.Span.End}
			if !seen[e] {
				seen[e] = true
				claimsAt[e] = append(claimsAt[e], c)
				owners[e] = append(owners[e], v.Annotator)
			}
		}
	}
	keys := make([]cext, 0, len(claimsAt))
	for e := range claimsAt {
		keys = append(keys, e)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i].start < keys[j].start || keys[i].start == keys[j].start && keys[i].end < keys[j].end
	})
	for _, e := range keys {
		cs := claimsAt[e]
		field := ""
		for _, c := range cs[1:] {
			if f := claimFieldDiff(cs[0], c); f != "" {
				field = f
				break
			}
		}
		if len(cs) == n && field == "" {
			r.Claims = append(r.Claims, AgreedClaim{cs[0], owners[e]})
			continue
		}
		for i, c := range cs {
			c := c
			kind, detail := OnlySome, fmt.Sprintf("claim [%d,%d), had by %v", e.start, e.end, owners[e])
			if field != "" {
				kind, detail = ClaimField, fmt.Sprintf("claim [%d,%d): %s differs", e.start, e.end, field)
			}
			r.Differences = append(r.Differences, Difference{Kind: kind, Annotator: owners[e][i], Claim: &c, Detail: detail})
		}
	}
	// The answer.
	if n > 0 {
		a := d.Versions[0].Answer
		same := a != ""
		for _, v := range d.Versions[1:] {
			same = same && v.Answer == a
		}
		if same {
			r.Answer, r.AnswerSource = a, r.Annotators
		} else {
			for _, v := range d.Versions {
				r.Differences = append(r.Differences, Difference{Kind: AnswerDiffers, Annotator: v.Annotator, Detail: "answer " + answerName(v.Answer)})
			}
		}
	}
	r.Unanimous = len(r.Differences) == 0
	if n >= 2 {
		one := Compute([]Document{d}, nil, nil)
		r.F1Exact = one.Spans.F1Exact
	} else {
		r.F1Exact = Undefined("one annotator only")
	}
	return r
}

func answerName(a string) string {
	if a == "" {
		return "none"
	}
	return a
}

// spanKind classifies a span not every annotator has, against the others'.
func spanKind(d Document, who string, s annotations.Span) string {
	kind := OnlySome
	for _, v := range d.Versions {
		if v.Annotator == who {
			continue
		}
		for _, o := range v.Spans {
			if o.Start == s.Start && o.End == s.End && o.Label != s.Label {
				return LabelConflict
			}
			if o.Label == s.Label && o.Start < s.End && s.Start < o.End {
				kind = Boundary
			}
		}
	}
	return kind
}

// claimFieldDiff names the first field two claims of one extent differ in.
func claimFieldDiff(a, b annotations.Claim) string {
	switch {
	case a.Attribution != b.Attribution:
		return "attribution"
	case a.Checkworthy != b.Checkworthy:
		return "check-worthy"
	case !sameValue(a.Numeric, b.Numeric):
		return "value"
	case !sameQualifier(a.Numeric, b.Numeric):
		return "qualifier"
	case a.Claimant.Text != b.Claimant.Text:
		return "claimant"
	}
	return ""
}
