package model

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func write(t *testing.T, dir, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func open(t *testing.T, paths ...string) *Corpus {
	t.Helper()
	c, err := Open(paths)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	return c
}

func load(t *testing.T, c *Corpus, i int) *Document {
	t.Helper()
	d, err := c.Load(i)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// hasWarning reports whether ws has one whose String() contains every part.
func hasWarning(ws []Warning, parts ...string) bool {
next:
	for _, w := range ws {
		for _, p := range parts {
			if !strings.Contains(w.String(), p) {
				continue next
			}
		}
		return true
	}
	return false
}

func TestEmptyFile(t *testing.T) {
	dir := t.TempDir()
	for _, content := range [][]byte{nil, bom} {
		p := write(t, dir, "empty.txt", content)
		c := open(t, p)
		if c.Len() != 1 || !hasWarning(c.Warnings(), p+": empty document") {
			t.Errorf("%q: Len %d, warnings %v", content, c.Len(), c.Warnings())
		}
		if d := load(t, c, 0); d.Text.Len() != 0 || len(c.Warnings()) != 1 {
			t.Errorf("%q: text %q, warnings %v", content, d.Text.String(), c.Warnings())
		}
	}
}

func TestBinaryFile(t *testing.T) {
	dir := t.TempDir()
	bin := write(t, dir, "x.bin", []byte("\x7fELF\x02\x01\x01\x00\x00\x00"))
	_, err := Open([]string{bin})
	if err == nil || err.Error() != bin+": looks like a binary file, not text" {
		t.Fatalf("Open(binary) = %v", err)
	}
	noisy := write(t, dir, "noise.txt", bytes.Repeat([]byte{0xC3, 0x28, 0x01, 0xFF}, 100))
	if _, err := Open([]string{noisy}); err == nil || !strings.Contains(err.Error(), "binary") {
		t.Errorf("Open(mostly non-text) = %v", err)
	}
	utf16 := write(t, dir, "u16.txt", []byte{0xFF, 0xFE, 'h', 0, 'i', 0})
	if _, err := Open([]string{utf16}); err == nil || !strings.Contains(err.Error(), "UTF-16") {
		t.Errorf("Open(UTF-16) = %v", err)
	}
	txt := write(t, dir, "a.txt", []byte("سلام"))
	c := open(t, txt, bin)
	if c.Len() != 1 || !hasWarning(c.Warnings(), bin+": looks like a binary file, not text") {
		t.Errorf("text + binary: Len %d, warnings %v", c.Len(), c.Warnings())
	}
}

func TestInvalidUTF8(t *testing.T) {
	// Line 2 has a truncated 3-byte sequence (one maximal subpart: one U+FFFD), then a
	// lone continuation byte and an overlong C0 (one each).
	p := write(t, t.TempDir(), "bad.txt", []byte("ok\nab\xE2\x82c\x80\xC0d\n"))
	d := load(t, open(t, p), 0)
	if got, want := d.Text.String(), "ok\nab\uFFFDc\uFFFD\uFFFDd\n"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
	if !hasWarning(d.Warnings, p+":2: invalid UTF-8 at byte 5 (3 bad sequences") || d.Warnings[0].Offset != 5 {
		t.Errorf("warnings %v", d.Warnings)
	}
}

func TestBOMAndCRLF(t *testing.T) {
	p := write(t, t.TempDir(), "crlf.txt", []byte("\xEF\xBB\xBFسطر\r\nline\r\n"))
	d := load(t, open(t, p), 0)
	if got := d.Text.String(); got != "سطر\r\nline\r\n" {
		t.Errorf("text %q", got)
	}
	if len(d.Warnings) != 0 {
		t.Errorf("warnings %v", d.Warnings)
	}
}

func TestLongLine(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 50 MB")
	}
	line := bytes.Repeat([]byte("كلمة "), 50e6/len("كلمة ")) // one 50 MB paragraph
	p := write(t, t.TempDir(), "long.txt", append([]byte("title\n"), line...))
	c := open(t, p)
	d := load(t, c, 0)
	if d.Text.Len() != 6+utf8.RuneCount(line) {
		t.Errorf("%d runes", d.Text.Len())
	}
	if !hasWarning(c.Warnings(), p+":2: line 2 is 50.0 MB long") || d.Warnings[0].Offset != 6 {
		t.Errorf("warnings %v", c.Warnings())
	}
}

func TestJSONL(t *testing.T) {
	lines := []string{
		`{"id": "a1", "text": "مرحبا\u001b[31m", "meta": {"source": "x", "n": 3}, "label": ["POS"]}`,
		`{"text": "no id"}`,
		`{"text": "broken"`,
		`{"id": "x"}`,
		`{"text": 42}`,
		``,
		`[1, 2]`,
		`{"id": 7, "text": "numeric id"}`,
	}
	dir := t.TempDir()
	p := write(t, dir, "c.jsonl", []byte(strings.Join(lines, "\n")))
	c := open(t, p)
	if c.Len() != 3 {
		t.Fatalf("Len = %d, warnings %v", c.Len(), c.Warnings())
	}
	eol := len(lines[0]) + len(lines[1]) + len(lines[2]) + 2 // where line 3 stops short
	for _, w := range []string{
		p + fmt.Sprintf(`:3: line is not valid JSON: unexpected end of line (byte %d), skipped`, eol),
		p + `:4: line has no "text" field, skipped`,
		p + `:5: "text" is not a string, skipped`,
		p + `:7: line is not a JSON object, skipped`,
	} {
		if !hasWarning(c.Warnings(), w) {
			t.Errorf("no warning %q in %v", w, c.Warnings())
		}
	}
	titles := []string{c.Title(0), c.Title(1), c.Title(2)}
	if strings.Join(titles, " ") != "a1 c.jsonl:2 7" {
		t.Errorf("titles %q", titles)
	}
	d := load(t, c, 0)
	if d.Text.String() != "مرحبا\x1b[31m" || d.ID != "a1" || d.Source != p+":1" || d.Lang != "ar" {
		t.Errorf("doc 0: %+v", d)
	}
	if d.Meta["source"] != "x" || d.Meta["n"].(interface{ String() string }).String() != "3" || d.Meta["label"] == nil {
		t.Errorf("meta %v", d.Meta)
	}
	if d := load(t, c, 1); d.ID != "c.jsonl:2" || d.Source != p+":2" || d.Meta != nil {
		t.Errorf("doc 1: %+v", d)
	}
}

func TestJSONLInvalidUTF8(t *testing.T) {
	p := write(t, t.TempDir(), "u.jsonl", []byte("{\"text\":\"ok\"}\n{\"text\":\"a\xE2\x82b\xFF\"}\n"))
	c := open(t, p)
	d := load(t, c, 1)
	if d.Text.String() != "a\uFFFDb\uFFFD" || !hasWarning(d.Warnings, p+":2: invalid UTF-8 at byte 24 (2 bad sequences") {
		t.Errorf("text %q, warnings %v", d.Text.String(), d.Warnings)
	}
}

func TestJSONLAllBroken(t *testing.T) {
	p := write(t, t.TempDir(), "bad.jsonl", []byte("nope\n{}\n"))
	_, err := Open([]string{p})
	if err == nil || !strings.Contains(err.Error(), p+":1: line is not valid JSON") || !strings.Contains(err.Error(), p+`:2: line has no "text"`) {
		t.Errorf("Open = %v", err)
	}
}

func TestGzip(t *testing.T) {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	for i := 0; i < 3000; i++ {
		zw.Write([]byte(`{"text": "سطر ` + strings.Repeat("x", i%50) + `"}` + "\n"))
	}
	zw.Close()
	p := write(t, t.TempDir(), "c.jsonl.gz", b.Bytes())
	c := open(t, p)
	if c.Len() != 3000 {
		t.Fatalf("Len %d", c.Len())
	}
	for _, i := range []int{2999, 5, 6, 1234} {
		if d := load(t, c, i); d.Text.String() != "سطر "+strings.Repeat("x", i%50) {
			t.Errorf("doc %d: %q", i, d.Text.String())
		}
	}
}

func TestDirectory(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "b.txt", []byte("second"))
	write(t, dir, "a.jsonl", []byte(`{"text":"first"}`))
	write(t, dir, "notes.md", []byte("ignored"))
	c := open(t, dir)
	if c.Len() != 2 || c.Title(0) != "a.jsonl:1" || c.Title(1) != "b.txt" {
		t.Errorf("Len %d, titles %q %q", c.Len(), c.Title(0), c.Title(1))
	}
	if !hasWarning(c.Warnings(), "1 entries that are not") {
		t.Errorf("warnings %v", c.Warnings())
	}

	empty := t.TempDir()
	write(t, empty, "x.bin", []byte{0, 1, 2})
	if _, err := Open([]string{empty}); err == nil || !strings.Contains(err.Error(), empty+": no .txt") {
		t.Errorf("Open(dir with nothing readable) = %v", err)
	}
	unreadable := t.TempDir()
	write(t, unreadable, "x.txt", []byte{0, 1, 2})
	write(t, unreadable, "y.txt", []byte{0, 1, 2})
	if _, err := Open([]string{unreadable}); err == nil || !strings.Contains(err.Error(), "nothing readable") || !strings.Contains(err.Error(), "y.txt: looks like") {
		t.Errorf("Open(dir of binaries) = %v", err)
	}
}

func TestNonexistent(t *testing.T) {
	_, err := Open([]string{"/no/such/corpus.jsonl"})
	if err == nil || err.Error() != "/no/such/corpus.jsonl: no such file or directory" {
		t.Errorf("Open = %v", err)
	}
}

func TestLoadOutOfRangeAndClose(t *testing.T) {
	c := Sample()
	if _, err := c.Load(5); err == nil {
		t.Error("Load(5) succeeded")
	}
	c.Close()
	if _, err := c.Load(0); err == nil {
		t.Error("Load after Close succeeded")
	}
}

// A JSONL line longer than the read buffer, with a paragraph over 1 MB in its text.
func TestJSONLLongLine(t *testing.T) {
	para := strings.Repeat("سطر طويل ", 2e6/len("سطر طويل "))
	content := `{"text": "ok"}` + "\n" + `{"id": "big", "text": "title\n` + para + `"}` + "\n" + `{"text": "after"}`
	p := write(t, t.TempDir(), "long.jsonl", []byte(content))
	c := open(t, p)
	if c.Len() != 3 || c.Title(1) != "big" {
		t.Fatalf("Len %d, title %q, warnings %v", c.Len(), c.Title(1), c.Warnings())
	}
	d := load(t, c, 1)
	if d.Text.Len() != 6+len([]rune(para)) || !hasWarning(d.Warnings, p+":2: paragraph 2 of the text is 2.0 MB long") {
		t.Errorf("%d runes, warnings %v", d.Text.Len(), d.Warnings)
	}
	if d := load(t, c, 2); d.Text.String() != "after" {
		t.Errorf("doc 2: %q", d.Text.String())
	}
}
