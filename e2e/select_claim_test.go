package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSelectFromFinalFullStopTagsLastWord presses G v b 1 in the real binary: G puts the
// cursor on the closing full stop of the first sample document (where v used to crash
// the reader), v b selects back to the last word, 1 tags it PERSON. The span must be in
// the training file after quitting.
func TestSelectFromFinalFullStopTagsLastWord(t *testing.T) {
	bin := buildHashiya(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "annotations.jsonl")
	s := startSession(t, 120, 40, annotatorEnv(dir), readerCmd(bin, out))
	s.waitFor("▸1/5")
	s.keys("G", "v", "b", "1")
	scr := s.waitFor("saved 1 edit")
	if strings.Contains(scr, "HASHIYA-EXIT") {
		t.Fatalf("the reader ended:\n%s", scr)
	}
	s.keys("q")
	s.waitFor("HASHIYA-EXIT=0")

	var found []string
	for _, r := range readRecords(t, out) {
		text := []rune(r.Text)
		for _, sp := range r.Spans {
			if sp.Start < 0 || sp.End > len(text) || string(text[sp.Start:sp.End]) != sp.Text {
				t.Fatalf("span %+v does not match text[start:end] of %s", sp, r.Meta.ID)
			}
			found = append(found, sp.Label+" "+sp.Text)
			if sp.Label == "PERSON" && sp.Text == "طهران" && sp.End == len(text)-1 {
				keepArtifact(t, out)
				return
			}
		}
	}
	t.Fatalf("no PERSON span on the last word «طهران» before the full stop; spans: %v", found)
}

// TestClaimOfWholeSentenceSavesItsNumber opens a one-sentence JSONL document in the real
// binary, selects it whole (g v G), claims it (c, then enter in the form) and reads the
// claim's number back from the training file.
func TestClaimOfWholeSentenceSavesItsNumber(t *testing.T) {
	const sentence = "قالت سيول إن كوريا الشمالية نشرت حوالى 10 آلاف جندي في روسيا"
	bin := buildHashiya(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "annotations.jsonl")
	doc := filepath.Join(dir, "sentence.jsonl")
	line, err := json.Marshal(map[string]string{"id": "seoul", "text": sentence})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(doc, append(line, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startSession(t, 120, 40, annotatorEnv(dir), bin+" --out "+out+" "+doc+"; echo HASHIYA-EXIT=$?; sleep 60")
	s.waitFor("▸1/1")
	s.keys("g", "v", "G", "c")
	s.waitFor("Claim c")
	s.keys("Enter")
	s.waitFor("saved 2 edit")
	s.keys("q")
	s.waitFor("HASHIYA-EXIT=0")

	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Text   string `json:"text"`
		Claims []struct {
			Span struct {
				Start, End int
				Text       string
			} `json:"span"`
			Numeric *struct {
				Value     float64 `json:"value"`
				Qualifier string  `json:"qualifier"`
				Unit      string  `json:"unit"`
				Surface   string  `json:"surface"`
			} `json:"numeric"`
		} `json:"claims"`
	}
	if err := json.Unmarshal([]byte(strings.TrimSpace(string(data))), &rec); err != nil {
		t.Fatalf("%s: %v", out, err)
	}
	keepArtifact(t, out)
	if len(rec.Claims) != 1 {
		t.Fatalf("want one claim, got %d: %s", len(rec.Claims), data)
	}
	c := rec.Claims[0]
	if c.Span.Start != 0 || c.Span.End != len([]rune(sentence)) || c.Span.Text != sentence {
		t.Errorf("the claim is not the whole sentence: [%d,%d) %q", c.Span.Start, c.Span.End, c.Span.Text)
	}
	if c.Numeric == nil {
		t.Fatalf("the claim has no number: %s", data)
	}
	n := c.Numeric
	if n.Value != 10000 || n.Qualifier != "approx" || n.Unit != "جندي" || n.Surface != "حوالى 10 آلاف" {
		t.Errorf("numeric = {value %v, qualifier %q, unit %q, surface %q}, want {10000, approx, جندي, حوالى 10 آلاف}",
			n.Value, n.Qualifier, n.Unit, n.Surface)
	}
}
