package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var acceptedRE = regexp.MustCompile(`accepted (\d+) suggestion`)

// TestAcceptSuggestionsOfOneDocument opens the sample with the committed pattern file,
// accepts every suggestion of the first document with one key, quits, and finds each
// in the training file as a span recording its pattern; the file passes hashiya
// validate and the Python offsets check.
func TestAcceptSuggestionsOfOneDocument(t *testing.T) {
	bin := buildHashiya(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "annotations.jsonl")
	patterns, err := filepath.Abs("../annotations/suggest/testdata/treaty.patterns.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	s := startSession(t, 120, 40, annotatorEnv(dir), bin+" --patterns "+patterns+" --out "+out+"; echo HASHIYA-EXIT=$?; sleep 60")
	s.waitFor("▸1/5")
	s.keys("h", "l") // the status line tells what is under the cursor: the first suggestion
	s.waitFor("pattern:putin")
	s.keys("Y")
	scr := s.waitFor("saved 1 edit")
	m := acceptedRE.FindStringSubmatch(scr)
	if m == nil {
		t.Fatalf("no count of accepted suggestions:\n%s", scr)
	}
	n, _ := strconv.Atoi(m[1])
	s.keys("q")
	s.waitFor("HASHIYA-EXIT=0")

	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Text  string `json:"text"`
		Meta  struct{ ID string }
		Spans []struct {
			Start, End          int
			Label, Text, Source string
		} `json:"spans"`
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d records, want the first document's only", len(lines))
	}
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatal(err)
	}
	text := []rune(rec.Text)
	putin := false
	for _, sp := range rec.Spans {
		if !strings.HasPrefix(sp.Source, "pattern:") || string(text[sp.Start:sp.End]) != sp.Text {
			t.Errorf("span %+v", sp)
		}
		putin = putin || (sp.Start == 0 && sp.Label == "PERSON" && sp.Source == "pattern:putin")
	}
	if len(rec.Spans) != n || n < 5 || !putin {
		t.Fatalf("%d spans in the training file, %d accepted on screen (PERSON بوتين at 0 from pattern:putin: %v)", len(rec.Spans), n, putin)
	}
	if b, err := exec.Command(bin, "validate", out).CombinedOutput(); err != nil {
		t.Fatalf("hashiya validate: %v\n%s", err, b)
	}
	need(t, "python3")
	if b, err := exec.Command("python3", "../scripts/check_offsets.py", out).CombinedOutput(); err != nil {
		t.Fatalf("check_offsets.py: %v\n%s", err, b)
	}
	t.Logf("%d suggestions accepted with one key, all in the training file with their pattern", n)
	keepArtifact(t, out)
}
