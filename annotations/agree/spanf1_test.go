package agree

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// at is the code-point span of the first occurrence of sub in text.
func at(t *testing.T, text, sub, label string) Span {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in text", sub)
	}
	s := utf8.RuneCountInString(text[:i])
	return Span{s, s + utf8.RuneCountInString(sub), label}
}

// A case worked by hand, in Arabic with a Latin name and digits inside
// (mixed directions): A marks an ORG with an ORG nested in it, B marks only
// the Arabic part of the outer ORG (boundary conflict) and the same nested
// ORG; B's QUANT is inside A's (overlap); A says LOC where B says GPE
// (label conflict).
//
//	exact:   ORG 1 match of 2+2, QUANT 0 of 1+1, LOC 0 of 1+0, GPE 0 of 0+1
//	         → micro F1 = 2·1/(4+4) = 0.25
//	overlap: ORG 2 (outer↔Arabic part, nested↔nested: a greedy matcher that
//	         paired A's outer ORG with B's nested one would find only 1),
//	         QUANT 1 → micro F1 = 2·3/8 = 0.75
func TestSpanF1HandWorkedNestedOverlappingRTL(t *testing.T) {
	text := "أعلن البنتاغون (Pentagon) نشر 8000 جندي في الخليج"
	a := []Span{
		at(t, text, "البنتاغون (Pentagon)", "ORG"),
		at(t, text, "Pentagon", "ORG"),
		at(t, text, "8000 جندي", "QUANT"),
		at(t, text, "الخليج", "LOC"),
	}
	b := []Span{
		at(t, text, "Pentagon", "ORG"), // listed first so order cannot decide
		at(t, text, "البنتاغون", "ORG"),
		at(t, text, "8000", "QUANT"),
		at(t, text, "الخليج", "GPE"),
	}
	if a[0] != (Span{5, 25, "ORG"}) || a[1] != (Span{16, 24, "ORG"}) {
		t.Fatalf("offsets are not code points: %v %v", a[0], a[1])
	}
	for _, swap := range []bool{false, true} {
		x, y := a, b
		if swap {
			x, y = b, a
		}
		exact, byExact := CountF1(x, y, Exact)
		over, byOver := CountF1(x, y, Overlap)
		near(t, "exact F1", exact.F1(), 0.25, 1e-12)
		near(t, "overlap F1", over.F1(), 0.75, 1e-12)
		near(t, "ORG exact", byExact["ORG"].F1(), 0.5, 1e-12)
		near(t, "ORG overlap", byOver["ORG"].F1(), 1, 1e-12)
		near(t, "QUANT exact", byExact["QUANT"].F1(), 0, 1e-12)
		near(t, "QUANT overlap", byOver["QUANT"].F1(), 1, 1e-12)
		near(t, "LOC overlap", byOver["LOC"].F1(), 0, 1e-12)
		near(t, "GPE overlap", byOver["GPE"].F1(), 0, 1e-12)
	}
}

func TestSpanF1NoSpansIsUndefined(t *testing.T) {
	c, _ := CountF1(nil, nil, Exact)
	if m := c.F1(); m.Defined || m.Reason == "" {
		t.Fatalf("F1 of no spans = %+v, want undefined with a reason", m)
	}
}
