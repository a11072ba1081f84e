package suggest

import (
	"strings"
	"testing"
)

func TestBootstrapOneEntityPerSpellingGroup(t *testing.T) {
	var b Bootstrap
	b.Add("GPE", "أنقرة")
	b.Add("PERSON", "بوتين")
	b.Add("ORG", "انقره") // the same word for search: counted with أنقرة
	b.Add("GPE", "انقرة")
	b.Add("PERSON", " بوتين ")
	b.Add("X", "ـ") // nothing search can match
	var out strings.Builder
	b.WriteTo(&out)
	want := `{"label":"GPE","pattern":"أنقرة"}
{"label":"GPE","pattern":"انقره"}
{"label":"GPE","pattern":"انقرة"}
{"label":"PERSON","pattern":"بوتين"}
`
	if out.String() != want || b.Len() != 2 {
		t.Fatalf("got\n%s", out.String())
	}
	// what it writes is a pattern file that finds what was tagged
	ps, warns, err := Parse(strings.NewReader(out.String()), "boot.jsonl")
	if err != nil || len(warns) > 0 {
		t.Fatal(err, warns)
	}
	m, _ := Compile(ps, Options{Proclitics: true})
	if got := found(m, "وبوتين في أنقرة"); strings.Join(got, " ") != "PERSON:بوتين GPE:أنقرة GPE:أنقرة GPE:أنقرة" {
		t.Fatalf("%q", got)
	}
}
