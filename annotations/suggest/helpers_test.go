package suggest

import (
	"strings"
	"testing"
)

// compile parses lines as a pattern file and compiles them; warnings fail the test
// unless the test expects them (use parseAll).
func compile(t *testing.T, o Options, lines ...string) *Matcher {
	t.Helper()
	ps, warns, err := Parse(strings.NewReader(strings.Join(lines, "\n")), "p.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) > 0 {
		t.Fatalf("warnings: %v", warns)
	}
	m, warns := Compile(ps, o)
	if len(warns) > 0 {
		t.Fatalf("compile warnings: %v", warns)
	}
	return m
}

// found lists the matched texts of text as "LABEL:text".
func found(m *Matcher, text string) []string {
	r := []rune(text)
	var out []string
	for _, x := range m.Match(r) {
		out = append(out, x.Label+":"+string(r[x.Start:x.End]))
	}
	return out
}

func wantFound(t *testing.T, m *Matcher, text string, want ...string) {
	t.Helper()
	got := found(m, text)
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("in %q\n got %q\nwant %q", text, got, want)
	}
}
