package record

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestSchemaFileMatchesGo(t *testing.T) {
	b, err := os.ReadFile("schema/record.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Schema   string         `json:"$schema"`
		Required []string       `json:"required"`
		Props    map[string]any `json:"properties"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(s.Schema, "2020-12") {
		t.Errorf("$schema = %s", s.Schema)
	}
	req := slices.Clone(requiredFields)
	slices.Sort(req)
	slices.Sort(s.Required)
	if !slices.Equal(req, s.Required) {
		t.Errorf("schema required %v, Go requires %v", s.Required, req)
	}
	// Every field a Record writes is documented.
	var rec map[string]any
	out, _ := json.Marshal(Record{Answer: "accept"})
	json.Unmarshal(out, &rec)
	for k := range rec {
		if _, ok := s.Props[k]; !ok {
			t.Errorf("field %q not in schema", k)
		}
	}
}

// TestSchemaLinkPatternMatchesGo: links[].to in the schema is the pattern
// CheckRecord uses, so a file the schema accepts the check accepts too.
func TestSchemaLinkPatternMatchesGo(t *testing.T) {
	b, err := os.ReadFile("schema/record.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Defs struct {
			Claim struct {
				Props struct {
					Links struct {
						Items struct {
							Props struct {
								To struct {
									Pattern string `json:"pattern"`
								} `json:"to"`
							} `json:"properties"`
						} `json:"items"`
					} `json:"links"`
				} `json:"properties"`
			} `json:"claim"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if got := s.Defs.Claim.Props.Links.Items.Props.To.Pattern; got != linkToRE.String() {
		t.Errorf("schema links[].to pattern %q, Go checks %q", got, linkToRE.String())
	}
}
