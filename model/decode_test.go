package model

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Two single-byte Arabic code pages, for the letters of the test sentence only: enough
// to make a file as an old Windows or Unix tool would have saved it.
var (
	cp1256 = map[rune]byte{
		'آ': 0xC2, 'أ': 0xC3, 'إ': 0xC5, 'ا': 0xC7, 'ب': 0xC8, 'ة': 0xC9, 'ت': 0xCA, 'ج': 0xCC,
		'ح': 0xCD, 'د': 0xCF, 'ر': 0xD1, 'س': 0xD3, 'ش': 0xD4, 'ص': 0xD5, 'ع': 0xDA, 'ف': 0xDD, 'ق': 0xDE,
		'ك': 0xDF, 'ل': 0xE1, 'م': 0xE3, 'ن': 0xE4, 'ه': 0xE5, 'و': 0xE6, 'ى': 0xEC, 'ي': 0xED,
	}
	iso88596 = map[rune]byte{
		'آ': 0xC2, 'أ': 0xC3, 'إ': 0xC5, 'ا': 0xC7, 'ب': 0xC8, 'ة': 0xC9, 'ت': 0xCA, 'ج': 0xCC,
		'ح': 0xCD, 'د': 0xCF, 'ر': 0xD1, 'س': 0xD3, 'ش': 0xD4, 'ص': 0xD5, 'ع': 0xD9, 'ف': 0xE1, 'ق': 0xE2,
		'ك': 0xE3, 'ل': 0xE4, 'م': 0xE5, 'ن': 0xE6, 'ه': 0xE7, 'و': 0xE8, 'ى': 0xE9, 'ي': 0xEA,
	}
)

const arabicSentence = "قالت سيول إن كوريا الشمالية نشرت حوالى 10 آلاف جندي في روسيا، بحسب المصادر.\n"

func encode(t *testing.T, s string, table map[rune]byte) []byte {
	t.Helper()
	var b []byte
	for _, r := range s {
		switch c, ok := table[r]; {
		case ok:
			b = append(b, c)
		case r < 0x80:
			b = append(b, byte(r))
		case r == '،' && table['ف'] == 0xDD:
			b = append(b, 0xA1)
		case r == '،':
			b = append(b, 0xAC)
		default:
			t.Fatalf("no byte for %q", r)
		}
	}
	return b
}

func TestNULRefusesWholeArticle(t *testing.T) {
	dir := t.TempDir()
	text := strings.Repeat("قالت سيول إن كوريا الشمالية نشرت قوات في روسيا.\n", 20)
	at := len("قالت سيول إن كوريا")
	raw := []byte(text[:at] + "\x00" + text[at:])
	p := write(t, dir, "scraped.txt", raw)
	c, err := Open([]string{p})
	if err != nil {
		t.Fatalf("a stray NUL refused the article: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	d := load(t, c, 0)
	if got, want := d.Text.String(), text[:at]+"\x00"+text[at:]; got != want {
		t.Errorf("the text changed: a NUL is one code point and stays in place")
	}
	if d.Text.Len() != len([]rune(text))+1 {
		t.Errorf("offsets moved: %d code points, want %d", d.Text.Len(), len([]rune(text))+1)
	}
	if !hasWarning(d.Warnings, p+":1: NUL byte at byte 33 ", "␀") {
		t.Errorf("no warning naming file, line and byte offset of the NUL: %v", d.Warnings)
	}
	// In JSONL a NUL is the escape \u0000: the same picture and a warning with the line.
	j := write(t, dir, "scraped.jsonl", []byte(`{"id":"a","text":"ok"}`+"\n"+`{"id":"b","text":"سيول\u0000 إن"}`+"\n"))
	c = open(t, j)
	if d := load(t, c, 1); d.Text.String() != "سيول\x00 إن" || !hasWarning(d.Warnings, j+":2: NUL character at code point 4") {
		t.Errorf("JSONL NUL: text %q, warnings %v", d.Text.String(), d.Warnings)
	}
	// Really binary: refused as before.
	for name, b := range map[string][]byte{
		"elf.txt":  []byte("\x7fELF\x02\x01\x01\x00\x00\x00"),
		"png.txt":  append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 1, 2, 3}, 512)...),
		"nuls.txt": append([]byte(text[:200]), bytes.Repeat([]byte("ab\x00\x00"), 64)...),
	} {
		p := write(t, dir, name, b)
		if _, err := Open([]string{p}); err == nil || !strings.Contains(err.Error(), p+": looks like a binary file") {
			t.Errorf("%s: not refused as binary: %v", name, err)
		}
	}
}

func TestLegacyArabicRefusedAsBinaryWithoutHint(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name, charset string
		table         map[rune]byte
	}{
		{"cp1256.txt", "WINDOWS-1256", cp1256},
		{"iso.txt", "ISO-8859-6", iso88596},
	} {
		b := encode(t, strings.Repeat(arabicSentence, 3), c.table)
		if iconv, err := exec.LookPath("iconv"); err == nil { // the table is right
			cmd := exec.Command(iconv, "-f", c.charset, "-t", "UTF-8")
			cmd.Stdin = bytes.NewReader(b)
			if out, err := cmd.Output(); err != nil || string(out) != strings.Repeat(arabicSentence, 3) {
				t.Fatalf("%s: the test's table disagrees with iconv: %v\n%s", c.charset, err, out)
			}
		}
		p := write(t, dir, c.name, b)
		_, err := Open([]string{p})
		want := "iconv -f " + c.charset + " -t UTF-8 " + p + " > " + p + ".utf8"
		if err == nil || !strings.HasPrefix(err.Error(), p+": ") || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: want a refusal naming the file with %q, got %v", c.name, want, err)
		}
		if _, lerr := exec.LookPath("iconv"); lerr == nil && err != nil && strings.Contains(err.Error(), want) {
			cmd := want // the command the message gives converts the file
			if out, err := exec.Command("sh", "-c", cmd).CombinedOutput(); err != nil {
				t.Errorf("%s: %v\n%s", cmd, err, out)
			} else if got, _ := os.ReadFile(p + ".utf8"); string(got) != strings.Repeat(arabicSentence, 3) {
				t.Errorf("%s gave %q", cmd, got)
			}
		}
		// A few words of it in an otherwise English file are still that code page.
		mixed := append([]byte(strings.Repeat("Seoul said on Friday that ", 10)), b[:60]...)
		p = write(t, dir, "mixed-"+c.name, mixed)
		if _, err := Open([]string{p}); err == nil || !strings.Contains(err.Error(), "-f "+c.charset) {
			t.Errorf("mixed %s: %v", c.name, err)
		}
	}
	// Nor is Latin-1 French, whose é è à ê ç are Arabic letters in ISO-8859-6.
	latin1 := []byte("D\xe9j\xe0 \xe9t\xe9, la cr\xe8me br\xfbl\xe9e \xe0 la fran\xe7aise: tr\xe8s app\xe9ci\xe9e.\n")
	p0 := write(t, dir, "latin1.txt", bytes.Repeat(latin1, 20))
	if c, err := Open([]string{p0}); err != nil && strings.Contains(err.Error(), "Arabic") {
		t.Errorf("Latin-1 French taken for Arabic: %v", err)
	} else if err == nil {
		c.Close()
	}
	// UTF-8 Arabic with one broken byte is not mistaken for a code page.
	p := write(t, dir, "utf8.txt", []byte(arabicSentence[:20]+"\xff"+arabicSentence[20:]))
	c := open(t, p)
	if d := load(t, c, 0); !hasWarning(d.Warnings, "invalid UTF-8") {
		t.Errorf("warnings %v", d.Warnings)
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"corpus/a.txt": "corpus/a.txt",
		"my file.txt":  "'my file.txt'",
		"it's.txt":     `'it'\''s.txt'`,
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
