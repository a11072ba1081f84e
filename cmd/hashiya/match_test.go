package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations/suggest"
	"github.com/hashiya/hashiya/model"
)

const samplePatterns = "../../annotations/suggest/testdata/treaty.patterns.jsonl"

func matchLines(t *testing.T, out string) []matchLine {
	t.Helper()
	var got []matchLine
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m matchLine
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		got = append(got, m)
	}
	return got
}

// TestMatchFindsEverythingNormalizedSearchFinds: on the sample corpus, every range the
// reader's normalized search finds for a phrase of the committed pattern file is a
// match of that phrase, and the lines come in document order with the text at their
// code-point offsets.
func TestMatchFindsEverythingNormalizedSearchFinds(t *testing.T) {
	out, _, err := run(t, newMatchCmd(), "--patterns", samplePatterns)
	if err != nil {
		t.Fatal(err)
	}
	got := matchLines(t, out)
	f, err := os.Open(samplePatterns)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ps, warns, err := suggest.Parse(f, samplePatterns)
	if err != nil || len(warns) > 0 {
		t.Fatal(err, warns)
	}
	type key struct {
		doc, pattern string
		start, end   int
	}
	have := map[key]bool{}
	for _, m := range got {
		have[key{m.Doc, m.Pattern, m.Start, m.End}] = true
	}
	c := model.Sample()
	docOrder := map[string]int{}
	searched := 0
	for i := 0; i < c.Len(); i++ {
		d, err := c.Load(i)
		if err != nil {
			t.Fatal(err)
		}
		docOrder[d.ID] = i
		for _, p := range ps {
			for _, r := range model.Search(d.Text, p.Phrase) {
				searched++
				if !have[key{d.ID, p.Ref(), r.Start, r.End}] {
					t.Errorf("%s: search finds %q at [%d,%d) («%s»), match does not", d.ID, p.Phrase, r.Start, r.End, d.Text.Slice(r.Start, r.End))
				}
			}
		}
		for _, m := range got {
			if m.Doc == d.ID && d.Text.Slice(m.Start, m.End) != m.Text {
				t.Errorf("%+v: text at the offsets is «%s»", m, d.Text.Slice(m.Start, m.End))
			}
		}
	}
	if searched < 100 || len(got) < searched {
		t.Fatalf("search found %d, match %d", searched, len(got))
	}
	for i := 1; i < len(got); i++ {
		a, b := got[i-1], got[i]
		if docOrder[a.Doc] > docOrder[b.Doc] || (a.Doc == b.Doc && a.Start > b.Start) {
			t.Fatalf("not in document order: %+v before %+v", a, b)
		}
	}
	t.Logf("search found %d ranges; match printed %d lines", searched, len(got))
}

func TestMatchReportsSkippedPatternsAndReadsFiles(t *testing.T) {
	dir := t.TempDir()
	pats := filepath.Join(dir, "p.jsonl")
	os.WriteFile(pats, []byte(`{"label":"X","pattern":[{"POS":"PROPN"}]}`+"\n"+`{"label":"GPE","pattern":"واشنطن"}`+"\n"), 0o644)
	doc := filepath.Join(dir, "d.jsonl")
	os.WriteFile(doc, []byte(`{"id":"a","text":"قالت وواشنطن"}`+"\n"+`{"id":"b","text":"لا شيء"}`+"\n"+`{"id":"c","text":"واشنطن"}`+"\n"), 0o644)
	out, errOut, err := run(t, newMatchCmd(), "--patterns", pats, doc)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut, pats+":1: token 1: attribute POS is not supported") {
		t.Errorf("stderr %q", errOut)
	}
	want := `{"doc":"a","start":6,"end":12,"label":"GPE","text":"واشنطن","pattern":"p.jsonl:2"}` + "\n" +
		`{"doc":"c","start":0,"end":6,"label":"GPE","text":"واشنطن","pattern":"p.jsonl:2"}` + "\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	out, _, _ = run(t, newMatchCmd(), "--patterns", pats, "--proclitics=false", doc)
	if strings.Count(out, "\n") != 1 {
		t.Errorf("without proclitics: %s", out)
	}
	os.WriteFile(pats, []byte(`{"label":"GPE","pattern":"x"}`+"\n"+`{"label":`+"\n"), 0o644)
	if _, _, err := run(t, newMatchCmd(), "--patterns", pats, doc); err == nil || !strings.Contains(err.Error(), pats+":2: not a JSON line") {
		t.Errorf("broken file: %v", err)
	}
}

// TestMatchLineAsEncodingJSON: the lines written by hand are what encoding/json writes.
func TestMatchLineAsEncodingJSON(t *testing.T) {
	for _, s := range []string{"بوتين", `a"b\c`, "x\ny\t\x01", "<&>", "\u2028\u2029", "bad\xffutf8", "«»", "", "ک\u200cه", "\u007f\u0085\u00a0"} {
		x := suggest.Match{Start: 3, End: 9, Label: "L" + s, Pattern: "p:" + s}
		got := string(appendMatchLine(nil, "d"+s, x, []rune(s)))
		b, _ := json.Marshal(matchLine{Doc: "d" + s, Start: 3, End: 9, Label: "L" + s, Text: string([]rune(s)), Pattern: "p:" + s})
		if got != string(b)+"\n" {
			t.Errorf("%q:\n got %s\nwant %s", s, got, b)
		}
	}
	for _, rs := range [][]rune{{0xD800}, {'a', -1, 0x110000}} { // not runes: U+FFFD, as string(rs)
		got := string(appendJSONRunes(nil, rs))
		if b, _ := json.Marshal(string(rs)); got != string(b) {
			t.Errorf("%q: got %s, want %s", rs, got, b)
		}
	}
}
