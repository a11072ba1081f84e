package layout

import (
	"strings"
	"testing"
)

// unsafeByte is the first byte of s a terminal could obey rather than show: a C0 control
// other than the newline, DEL, or the first byte of a C1 control (U+0080–009F), or -1.
func unsafeByte(s string, newlines bool) int {
	for i, r := range s {
		if (r < 0x20 && !(r == '\n' && newlines)) || (r >= 0x7F && r < 0xA0) {
			return i
		}
	}
	return -1
}

func TestSanitizeStringShowsControls(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain ascii\nline two", "plain ascii\nline two"},
		{"t\a\x1b]0;PWNED\a.txt", "t␇␛]0;PWNED␇.txt"},
		{"leave \x1b[?1049l now", "leave ␛[?1049l now"},
		{"nul\x00 del\x7f c1\u009b2J", "nul␀ del␡ c1␦2J"},
		{"tab\there\r\n", "tab here␍\n"},
		{"rlo\u202eexe.txt", "rlo⇐exe.txt"},
		{"bad \xff\xfe utf8", "bad \uFFFD\uFFFD utf8"},
		{"سلام ۱۲ كوريا", "سلام ۱۲ كوريا"},
	}
	for _, c := range cases {
		if got := SanitizeString(c.in); got != c.want {
			t.Errorf("SanitizeString(%q) = %q, want %q", c.in, got, c.want)
		}
		if i := unsafeByte(SanitizeString(c.in), true); i >= 0 {
			t.Errorf("SanitizeString(%q) keeps a control at byte %d", c.in, i)
		}
	}
	if got := SanitizeLine("a\nb"); got != "a␊b" {
		t.Errorf("SanitizeLine kept the newline: %q", got)
	}
}

// TestSanitizeStringAgreesWithLayout checks that the string sanitizer shows each control
// as the layout draws it in a document: one sanitizer, two entry points.
func TestSanitizeStringAgreesWithLayout(t *testing.T) {
	var b strings.Builder
	for r := rune(0); r < 0xA0; r++ {
		if r == '\t' || r == '\n' || (r >= 0x20 && r < 0x7F) {
			continue
		}
		b.WriteRune(r)
	}
	in := b.String()
	p := LayoutParagraph([]rune(in), 0, Options{})
	var laid strings.Builder
	for _, l := range p.Lines {
		laid.WriteString(l.String())
	}
	if got := SanitizeString(in); got != laid.String() {
		t.Errorf("SanitizeString and the layout differ:\n%q\n%q", got, laid.String())
	}
	if i := unsafeByte(SanitizeLine(in+"\n"), false); i >= 0 {
		t.Errorf("SanitizeLine keeps a control at byte %d", i)
	}
}
