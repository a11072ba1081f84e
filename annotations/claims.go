package annotations

import (
	"fmt"
	"strings"
)

// claimNumber is the first quantity phrase of a claim's text, its surface
// located in the document.
func claimNumber(sp Span) *Numeric {
	p, ok := FindNumber(sp.Text)
	if !ok {
		return nil
	}
	n := p.Numeric
	n.SurfaceStart += sp.Start
	n.SurfaceEnd += sp.Start
	return &n
}

// locateSurface keeps n's offsets if they still hold its surface inside the
// claim span sp, else looks the surface up in the span's text (a typed value,
// a resized claim); 0,0 when it is not there.
func locateSurface(n *Numeric, sp Span) {
	if n.SurfaceStart >= sp.Start && n.SurfaceEnd <= sp.End && n.SurfaceEnd > n.SurfaceStart {
		rs := []rune(sp.Text)
		if string(rs[n.SurfaceStart-sp.Start:n.SurfaceEnd-sp.Start]) == n.Surface {
			return
		}
	}
	n.SurfaceStart, n.SurfaceEnd = 0, 0
	if i := strings.Index(sp.Text, n.Surface); i >= 0 && n.Surface != "" {
		n.SurfaceStart = sp.Start + CodePointLen(sp.Text[:i])
		n.SurfaceEnd = n.SurfaceStart + CodePointLen(n.Surface)
	}
}

// checkSurface verifies a numeric's located surface against the claim span.
func checkSurface(n *Numeric, sp Span) error {
	if n == nil || (n.SurfaceStart == 0 && n.SurfaceEnd == 0) {
		return nil
	}
	if n.SurfaceStart < sp.Start || n.SurfaceEnd > sp.End || n.SurfaceEnd <= n.SurfaceStart {
		return fmt.Errorf("numeric surface [%d,%d) is not inside the claim span [%d,%d)", n.SurfaceStart, n.SurfaceEnd, sp.Start, sp.End)
	}
	rs := []rune(sp.Text)
	if got := string(rs[n.SurfaceStart-sp.Start : n.SurfaceEnd-sp.Start]); got != n.Surface {
		return fmt.Errorf("numeric surface [%d,%d): text is %q, surface says %q", n.SurfaceStart, n.SurfaceEnd, got, n.Surface)
	}
	return nil
}

func CheckQualifier(q string) error {
	switch q {
	case QualApprox, QualMoreThan, QualLessThan, QualExact:
		return nil
	}
	return fmt.Errorf("qualifier %q is not approx, more-than, less-than or exact", q)
}

func CheckRelation(r string) error {
	switch r {
	case RelSameClaim, RelContradicts, RelRefines, RelRelated:
		return nil
	}
	return fmt.Errorf("relation %q is not same-claim, contradicts, refines or related", r)
}
