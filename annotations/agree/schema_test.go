package agree

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
)

// checkSchema checks v against the subset of JSON Schema agree.schema.json
// uses (type, required, properties, additionalProperties, items, maxItems,
// $ref into $defs), naming the path of the first mismatch.
func checkSchema(root, s map[string]any, v any, path string) error {
	if ref, ok := s["$ref"].(string); ok {
		def := root["$defs"].(map[string]any)[strings.TrimPrefix(ref, "#/$defs/")]
		return checkSchema(root, def.(map[string]any), v, path)
	}
	if t, ok := s["type"]; ok && !typeOK(t, v) {
		return fmt.Errorf("%s: %v is not of type %v", path, v, t)
	}
	switch x := v.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for _, r := range asList(s["required"]) {
			if _, ok := x[r.(string)]; !ok {
				return fmt.Errorf("%s: required %q missing", path, r)
			}
		}
		for k, val := range x {
			if ps, ok := props[k]; ok {
				if err := checkSchema(root, ps.(map[string]any), val, path+"."+k); err != nil {
					return err
				}
				continue
			}
			switch ap := s["additionalProperties"].(type) {
			case bool:
				if !ap {
					return fmt.Errorf("%s: %q is not in the schema", path, k)
				}
			case map[string]any:
				if err := checkSchema(root, ap, val, path+"."+k); err != nil {
					return err
				}
			}
		}
	case []any:
		if m, ok := s["maxItems"].(float64); ok && float64(len(x)) > m {
			return fmt.Errorf("%s: %d items, at most %v", path, len(x), m)
		}
		if is, ok := s["items"].(map[string]any); ok {
			for i, e := range x {
				if err := checkSchema(root, is, e, fmt.Sprintf("%s[%d]", path, i)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func asList(v any) []any { l, _ := v.([]any); return l }

func typeOK(t, v any) bool {
	for _, name := range append(asList(t), t) {
		switch name {
		case "object":
			_, ok := v.(map[string]any)
			if ok {
				return true
			}
		case "array":
			if _, ok := v.([]any); ok {
				return true
			}
		case "string":
			if _, ok := v.(string); ok {
				return true
			}
		case "number":
			if _, ok := v.(float64); ok {
				return true
			}
		case "integer":
			if f, ok := v.(float64); ok && f == float64(int64(f)) {
				return true
			}
		case "null":
			if v == nil {
				return true
			}
		}
	}
	return false
}

func TestReportMatchesAgreeSchema(t *testing.T) {
	b, err := os.ReadFile("../record/schema/agree.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(b, &schema); err != nil {
		t.Fatal(err)
	}
	claim := func(s, e int, attr string) annotations.Claim {
		return annotations.Claim{Span: sp(s, e, ""), Attribution: attr, Numeric: &annotations.Numeric{Value: 8000, Qualifier: "more-than"}}
	}
	full := []Document{{ID: "d", Text: "0123456789", Versions: []Version{
		{Annotator: "a", Answer: "accept", Spans: []annotations.Span{sp(0, 2, "X")}, Claims: []annotations.Claim{claim(0, 5, "asserted")}},
		{Annotator: "b", Answer: "reject", Spans: []annotations.Span{sp(0, 3, "X")}, Claims: []annotations.Claim{claim(0, 5, "denied")}},
	}}}
	for name, docs := range map[string][]Document{"full": full, "empty": nil} {
		out, err := json.Marshal(Compute(docs, nil, nil))
		if err != nil {
			t.Fatal(err)
		}
		var v any
		json.Unmarshal(out, &v)
		if err := checkSchema(schema, schema, v, "$"); err != nil {
			t.Fatalf("%s report: %v\n%s", name, err, out)
		}
	}
	// The checker is not a rubber stamp.
	var bad any
	json.Unmarshal([]byte(`{"documents":1}`), &bad)
	if checkSchema(schema, schema, bad, "$") == nil {
		t.Fatal("schema check accepted a report without its required fields")
	}
}
