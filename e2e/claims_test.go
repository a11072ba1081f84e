package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestClaimNumberInRealBinary selects a one-sentence document whole (g v G), claims
// it (c, enter) and finds the number the sentence holds in the training file.
func TestClaimNumberInRealBinary(t *testing.T) {
	bin := buildHashiya(t)
	dir := t.TempDir()
	const sentence = "قالت سيول إن كوريا الشمالية نشرت حوالى 10 آلاف جندي في روسيا"
	doc, _ := json.Marshal(map[string]string{"id": "seoul", "text": sentence, "lang": "ar"})
	docs := filepath.Join(dir, "seoul.jsonl")
	if err := os.WriteFile(docs, append(doc, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "annotations.jsonl")
	s := startSession(t, 100, 24, annotatorEnv(dir), bin+" --out "+out+" "+docs+"; echo HASHIYA-EXIT=$?; sleep 60")
	s.waitFor("▸1/1")
	s.keys("g", "v", "G", "c")
	s.waitFor("Claim c1")
	s.waitFor("10000") // the form opens with the claim's number
	s.keys("Enter")
	s.waitFor("claim c1 saved")
	s.keys("q")
	s.waitFor("HASHIYA-EXIT=0")

	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Claims []struct {
			Span    struct{ Text string }
			Numeric *struct {
				Value                    float64
				Qualifier, Unit, Surface string
				Start                    int `json:"surface_start"`
				End                      int `json:"surface_end"`
			}
		}
	}
	if err := json.Unmarshal([]byte(strings.TrimSpace(string(data))), &rec); err != nil {
		t.Fatalf("%s: %v", out, err)
	}
	if len(rec.Claims) != 1 || rec.Claims[0].Span.Text != sentence {
		t.Fatalf("claims in %s: %+v", out, rec.Claims)
	}
	n := rec.Claims[0].Numeric
	if n == nil || n.Value != 10000 || n.Qualifier != "approx" || n.Unit != "جندي" || n.Surface != "حوالى 10 آلاف" {
		t.Fatalf("numeric in %s: %+v, want 10000 approx جندي «حوالى 10 آلاف»", out, n)
	}
	if got := string([]rune(sentence)[n.Start:n.End]); got != n.Surface {
		t.Errorf("surface_start/surface_end [%d,%d) hold %q", n.Start, n.End, got)
	}
	keepArtifact(t, out)
}
