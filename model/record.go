package model

import (
	"bytes"
	"encoding/json"
	"errors"
)

// record is one decoded JSONL line.
type record struct {
	id   string // "" when the line has none (or one that is not a string or number)
	text string
	meta map[string]any
}

// parseRecord decodes one JSONL line (Prodigy/doccano style). "text" must be a string;
// "id" may be a string or a number; the "meta" object's fields and every other
// top-level field (doccano puts labels there) end up in meta. A "meta" that is not an
// object, or an id of another type, is kept in meta under its own name.
func parseRecord(line []byte) (record, *lineError) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(line, &fields); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return record{}, &lineError{kind: errSyntax, pos: int(se.Offset), msg: "line is not valid JSON: " + se.Error()}
		}
		return record{}, &lineError{kind: errNotObject, msg: "line is not a JSON object"}
	}
	if fields == nil { // the line was "null"
		return record{}, &lineError{kind: errNotObject, msg: "line is not a JSON object"}
	}
	raw, ok := fields["text"]
	if !ok {
		return record{}, &lineError{kind: errNoText, msg: `line has no "text" field`}
	}
	var r record
	if len(raw) == 0 || raw[0] != '"' || json.Unmarshal(raw, &r.text) != nil {
		return record{}, &lineError{kind: errTextType, msg: `"text" is not a string`}
	}
	for k, v := range fields {
		switch k {
		case "text":
			continue
		case "id":
			if len(v) > 0 && v[0] == '"' {
				_ = json.Unmarshal(v, &r.id)
				continue
			}
			if len(v) > 0 && (v[0] == '-' || v[0] >= '0' && v[0] <= '9') {
				r.id = string(v)
				continue
			}
		case "meta":
			var m map[string]any
			if decodeNumbers(v, &m) == nil && m != nil {
				if r.meta == nil {
					r.meta = make(map[string]any, len(m)+len(fields))
				}
				for mk, mv := range m {
					if _, dup := r.meta[mk]; !dup {
						r.meta[mk] = mv
					}
				}
				continue
			}
		}
		var x any
		_ = decodeNumbers(v, &x)
		if r.meta == nil {
			r.meta = make(map[string]any, len(fields))
		}
		r.meta[k] = x // top-level fields win over same-named "meta" fields
	}
	return r, nil
}

// decodeNumbers decodes keeping numbers as json.Number, so ids like 12345678901234567
// and meta values survive exactly.
func decodeNumbers(raw []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	return d.Decode(v)
}
