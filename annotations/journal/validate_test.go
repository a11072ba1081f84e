package journal

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/record"
)

// sampleFile writes a flushed annotations file with spans and a claim.
func sampleFile(t testing.TB) (dir, path string) {
	dir = t.TempDir()
	s := openT(t, dir)
	mustSpan(t, s, docA, "PERSON", "فلاديمير بوتين")
	mustSpan(t, s, docA, "GPE", "روسيا")
	a, b := find(t, docA.Text, "نشرت حوالى 10 آلاف جندي")
	c, _ := s.AddClaim(docA, a, b)
	n, _ := annotations.ParseNumber("حوالى 10 آلاف جندي")
	c.Numeric = &n
	c.Claimant.SpanID = "s1"
	if _, err := s.UpdateClaim(docA.ID, c); err != nil {
		t.Fatal(err)
	}
	mustSpan(t, s, docB, "PERSON", "ولادیمیر پوتین")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, filepath.Join(dir, "annotations.jsonl")
}

func TestValidateGoodFile(t *testing.T) {
	_, path := sampleFile(t)
	f, _ := os.Open(path)
	defer f.Close()
	if p := record.Validate(f, path); len(p) != 0 {
		t.Fatalf("problems in a file the store wrote: %v", p)
	}
}

func TestValidateReportsEachBadLine(t *testing.T) {
	_, path := sampleFile(t)
	b, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	mutate := func(line string, f func(map[string]any)) string {
		var m map[string]any
		json.Unmarshal([]byte(line), &m)
		f(m)
		out, _ := json.Marshal(m)
		return string(out)
	}
	bad := []struct{ line, want string }{
		{`{"text": "x"`, "bad JSON"},
		{mutate(lines[0], func(m map[string]any) { delete(m, "text_sha256") }), "missing required fields [text_sha256]"},
		{mutate(lines[0], func(m map[string]any) { m["text"] = m["text"].(string) + "!" }), "text_sha256"},
		{mutate(lines[0], func(m map[string]any) { m["spans"].([]any)[0].(map[string]any)["start"] = 1.0 }), "text[start:end] is"},
		{mutate(lines[0], func(m map[string]any) { m["spans"].([]any)[0].(map[string]any)["end"] = 9999.0 }), "out of range"},
		{mutate(lines[0], func(m map[string]any) { m["offset_unit"] = "utf16" }), "offset_unit"},
		{mutate(lines[0], func(m map[string]any) { m["claims"].([]any)[0].(map[string]any)["attribution"] = "x" }), "attribution"},
		{mutate(lines[0], func(m map[string]any) { m["spans"] = "none" }), "wrong type"},
		{lines[1], "second line for document"},
	}
	var all []string
	all = append(all, lines...)
	for _, b := range bad {
		all = append(all, b.line)
	}
	probs := record.Validate(strings.NewReader(strings.Join(all, "\n")+"\n"), "x.jsonl")
	for i, b := range bad {
		ln := len(lines) + i + 1
		found := false
		for _, p := range probs {
			if p.Line == ln && strings.Contains(p.Msg, b.want) && strings.HasPrefix(p.String(), "x.jsonl:") {
				found = true
			}
		}
		if !found {
			t.Errorf("line %d: want a problem containing %q; got %v", ln, b.want, probs)
		}
	}
	for _, p := range probs {
		if p.Line <= len(lines) {
			t.Errorf("good line reported: %v", p)
		}
	}
}

func FuzzValidateLine(f *testing.F) {
	_, path := sampleFile(f)
	b, _ := os.ReadFile(path)
	for _, l := range strings.Split(string(b), "\n") {
		f.Add([]byte(l))
	}
	f.Add([]byte(`{"text":"\ud83c","spans":[{"start":-1,"end":99}]}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		record.ValidateLine(line) // must not panic
	})
}

func FuzzJournal(f *testing.F) {
	dir := f.TempDir()
	s := openT(f, dir)
	mustSpan(f, s, docA, "PERSON", "بوتين")
	a, b := find(f, docA.Text, "10 آلاف جندي")
	s.AddClaim(docA, a, b)
	crash(s)
	j, _ := os.ReadFile(journalPath(dir))
	f.Add(j)
	f.Add(j[:len(j)-7])
	f.Add([]byte("{\"v\":1,\"seq\":1,\"crc\":\"0\",\"e\":{}}\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := scanJournal(data)
		st := &Store{docs: map[string]*docState{}}
		for _, e := range r.entries {
			st.replay(e) // errors fine; panics and invariants not
		}
		for id, d := range st.docs {
			for _, sp := range d.Spans() {
				if err := d.CheckSpan(sp); err != nil {
					t.Fatalf("%s: replay accepted bad span: %v", id, err)
				}
			}
		}
		if r.good > int64(len(data)) {
			t.Fatalf("good prefix %d > %d", r.good, len(data))
		}
	})
}
