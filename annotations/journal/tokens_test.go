package journal

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/export"
	"github.com/hashiya/hashiya/annotations/record"
)

// procliticRecord annotates entities without their proclitics, a claim ending inside a
// token and a claimant, and reads the flushed record back.
func procliticRecord(t *testing.T) (record.Record, string) {
	t.Helper()
	dir := t.TempDir()
	s := openT(t, dir)
	mustSpan(t, s, proclitic, "GPE", "واشنطن")
	p := mustSpan(t, s, proclitic, "PERSON", "بوتين")
	a, _ := find(t, proclitic.Text, "بوتين:")
	if _, err := s.AddSpan(proclitic, "PERSON", a, a+5); err != nil { // بوتين in لبوتين
		t.Fatal(err)
	}
	ca, cb := find(t, proclitic.Text, "ثم قال لب")
	c, err := s.AddClaim(proclitic, ca, cb)
	if err != nil {
		t.Fatal(err)
	}
	c.Claimant.SpanID = p.ID
	if _, err := s.UpdateClaim(proclitic.ID, c); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "annotations.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, probs, err := record.ReadRecords(f, path)
	if err != nil || len(recs) != 1 {
		t.Fatal(err, probs)
	}
	return recs[0], path
}

// TestRecordTokensSplitWhereASpanCutsAToken: a span inside a token (واشنطن in
// «وواشنطن») splits the record's tokens there, so token_start/token_end cover exactly
// the span, and the token-based exports tag exactly the entity.
func TestRecordTokensSplitWhereASpanCutsAToken(t *testing.T) {
	r, _ := procliticRecord(t)
	want := "زار|بوتين|و|واشنطن|،|ثم|قال|ل|ب|وتين|:|نعم|بلغ|١٠٬٠٠٠"
	if got := tokenTexts(r.Tokens); got != want {
		t.Fatalf("record tokens\n got %s\nwant %s", got, want)
	}
	for i, tk := range r.Tokens {
		if tk.ID != i {
			t.Fatalf("token %d has id %d", i, tk.ID)
		}
	}
	check := func(sp annotations.Span) {
		if r.Tokens[sp.TokenStart].Start != sp.Start || r.Tokens[sp.TokenEnd].End != sp.End {
			t.Errorf("%s %q [%d,%d) on tokens %d..%d", sp.Label, sp.Text, sp.Start, sp.End, sp.TokenStart, sp.TokenEnd)
		}
	}
	for _, sp := range r.Spans {
		check(sp)
	}
	for _, c := range r.Claims {
		check(c.Span)
	}
	if len(r.Relations) != 1 || r.Relations[0].Head != 1 || r.Relations[0].Child != 8 {
		t.Errorf("relations %+v", r.Relations)
	}
	if p := record.CheckRecord(r); len(p) != 0 {
		t.Fatal(p)
	}

	conll, warns := exportString(t, []record.Record{r}, export.FormatCoNLL, export.ExportOptions{})
	if !strings.Contains(conll, "و\tO\nواشنطن\tB-GPE\n،\tO\n") || !strings.Contains(conll, "ل\tO\nب\tB-PERSON\nوتين\tI-PERSON\n") ||
		strings.Contains(conll, "لبوتين") {
		t.Fatalf("conll:\n%s", conll)
	}
	// The claim cut بوتين in لبوتين after ب, so that PERSON span lies on two tokens.
	if !strings.Contains(conll, "بوتين\tB-PERSON\n") || len(warns) != 0 {
		t.Fatalf("conll:\n%s\nwarnings %v", conll, warns)
	}
	hf, _ := exportString(t, []record.Record{r}, export.FormatHF, export.ExportOptions{})
	var line struct {
		Tokens  []string
		NerTags []int `json:"ner_tags"`
	}
	if err := json.Unmarshal([]byte(hf), &line); err != nil {
		t.Fatal(err)
	}
	names := export.HFLabels(export.ExportOptions{})
	var tags []string
	for i, n := range line.NerTags {
		tags = append(tags, line.Tokens[i]+"/"+names[n])
	}
	if got := strings.Join(tags, " "); !strings.Contains(got, "و/O واشنطن/B-GPE") || !strings.Contains(got, "ب/B-PERSON وتين/I-PERSON") {
		t.Fatalf("hf: %s", got)
	}
	spacy, _ := exportString(t, []record.Record{r}, export.FormatSpacy, export.ExportOptions{})
	var sl struct {
		Text     string
		Entities [][3]any
	}
	json.Unmarshal([]byte(spacy), &sl)
	var ents []string
	for _, e := range sl.Entities {
		ents = append(ents, string([]rune(sl.Text)[int(e[0].(float64)):int(e[1].(float64))]))
	}
	if strings.Join(ents, "|") != "بوتين|واشنطن|بوتين" {
		t.Fatalf("spacy entities %v", ents)
	}
}

// TestPythonChecksSplitTokens runs scripts/check_offsets.py on a record whose tokens
// were split at span edges: Python's str slices must give every token's text.
func TestPythonChecksSplitTokens(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("python3 missing in CI; .ci/run installs it")
		}
		t.Skip("python3 not installed")
	}
	_, path := procliticRecord(t)
	out, err := exec.Command(py, filepath.Join("..", "..", "scripts", "check_offsets.py"), path).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "1 records, 3 spans, 1 claims checked: OK") {
		t.Fatalf("check_offsets.py: %v\n%s", err, out)
	}
}

var proclitic = annotations.DocInfo{ID: "proclitic/1", Lang: "ar", Text: "زار بوتين وواشنطن، ثم قال لبوتين: نعم\r\nبلغ ١٠٬٠٠٠"}

func tokenTexts(toks []annotations.Token) string {
	var b strings.Builder
	for i, tk := range toks {
		if i > 0 {
			b.WriteByte('|')
		}
		b.WriteString(tk.Text)
	}
	return b.String()
}
