package agree

import (
	"encoding/json"
	"math"
	"strconv"
)

// Measure is one agreement value, or the reason it is undefined.
type Measure struct {
	Value   float64
	Defined bool
	Reason  string // why undefined; empty when Defined
}

// Of returns a defined measure.
func Of(v float64) Measure { return Measure{Value: v, Defined: true} }

// Undefined returns a measure that has no value, for reason.
func Undefined(reason string) Measure { return Measure{Reason: reason} }

// MarshalJSON writes the value, or null when undefined.
func (m Measure) MarshalJSON() ([]byte, error) {
	if !m.Defined || math.IsNaN(m.Value) || math.IsInf(m.Value, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(m.Value)
}

// String is the value with four decimals, or "n/a (reason)".
func (m Measure) String() string {
	if !m.Defined {
		return "n/a (" + m.Reason + ")"
	}
	return strconv.FormatFloat(m.Value, 'f', 4, 64)
}

// Mean averages the defined measures. When none is, it is undefined for
// the first one's reason, or for reason when there are none.
func Mean(ms []Measure, reason string) Measure {
	sum, n := 0.0, 0
	for _, m := range ms {
		if m.Defined {
			sum += m.Value
			n++
		}
	}
	if n == 0 {
		if len(ms) > 0 && ms[0].Reason != "" {
			reason = ms[0].Reason
		}
		return Undefined(reason)
	}
	return Of(sum / float64(n))
}
