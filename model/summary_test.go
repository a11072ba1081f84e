package model

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSummariesReadTitlesAndMeta(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("ب", 100000)
	jsonl := `{"id":"a","text":"\n  كوريا الشمالية\nالسطر الثاني","meta":{"source":"TASS","n":3,"tags":{"x":1}}}` + "\n" +
		"not json\n" +
		`{"text":"` + long + `"}` + "\n" +
		`{"meta":{"k":"v"},"text":"one line"}` + "\n" +
		`{"text":"ends in a backslash \\\\","x":"\\\"","meta":{"k":"q\"uote \\\\"}}` + "\n"
	if err := os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(jsonl), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, "b.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	zw.Write([]byte(`{"text":"gz first\nmore"}` + "\n" + `{"text":"gz second"}` + "\n"))
	zw.Close()
	f.Close()
	if err := os.WriteFile(filepath.Join(dir, "c.txt"), []byte("\ufeff\n\nعنوان الخبر\nنص"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Open([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := []Summary{
		{Title: "كوريا الشمالية", Meta: `n: 3 · source: TASS · tags: {"x":1}`},
		{Title: strings.Repeat("ب", summaryRunes)},
		{Title: "one line", Meta: "k: v"},
		{Title: `ends in a backslash \\`, Meta: `k: q"uote \\`},
		{Title: "gz first"},
		{Title: "gz second"},
		{Title: "عنوان الخبر"},
	}
	for _, from := range []int{0, 2, 5} {
		var got []Summary
		err := c.Summaries(context.Background(), from, func(i int, s Summary) bool {
			if i != from+len(got) {
				t.Fatalf("from %d: document %d out of order", from, i)
			}
			got = append(got, s)
			return true
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want)-from {
			t.Fatalf("from %d: %d summaries, want %d", from, len(got), len(want)-from)
		}
		for k, s := range got {
			if s != want[from+k] {
				t.Errorf("from %d: document %d: %+v, want %+v", from, from+k, s, want[from+k])
			}
		}
	}
}

func TestSearchKeyFoldsAsSearchDoes(t *testing.T) {
	if SearchKey("كُوريّا") != SearchKey("كوريا") || SearchKey("KIM ی") != SearchKey("kim ي") {
		t.Fatalf("keys differ: %q %q", SearchKey("كُوريّا"), SearchKey("كوريا"))
	}
	if SearchKey("ک") != SearchKey("ك") {
		t.Fatal("ک and ك differ")
	}
}

// firstLineJSON decodes as encoding/json does, as far as it reads.
func TestFirstLineJSONDecodesAsEncodingJSON(t *testing.T) {
	for _, text := range []string{
		"plain", "  \t\n\r\n  عنوان «مقتبس» \\ / \" \t tab\nrest", "\u2028x\u2029y", "\U0001F600 emoji",
		"\x00 nul \x1b esc", "a\rb", "\n\n\n", "", strings.Repeat("é", 1000),
	} {
		q, _ := json.Marshal(text)
		var want string
		if err := json.Unmarshal(q, &want); err != nil {
			t.Fatal(err)
		}
		if got := firstLineJSON(q); got != firstLine(want) {
			t.Errorf("%q: got %q, want %q", q, got, firstLine(want))
		}
	}
	for q, want := range map[string]string{`"\ud83d\ude00"`: "\U0001F600", `"\ud83d x"`: "\uFFFD x", `"\u0041\u00e9"`: "Aé"} {
		if got := firstLineJSON([]byte(q)); got != want {
			t.Errorf("%s: got %q, want %q", q, got, want)
		}
	}
}
