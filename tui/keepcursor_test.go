package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// TestShrinkSpanEndLeftCursorOnAMark: shrinking a span's end by a character kept the
// cursor in the span by putting it on the span's last code point, which in «مُحَمَّ» is a
// mark: the cursor sat inside a grapheme cluster (found by the random walk).
func TestShrinkSpanEndLeftCursorOnAMark(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.txt")
	text := "قال مُحَمَّد أمس"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	a, _ := newAppOn(t, dir, path, "m", 80, 20)
	p := a.focused()
	rs := []rune(text)
	start := strings.Index(string(rs), "مُحَمَّد")
	start = len([]rune(string(rs)[:start]))
	p.jumpTo(start)
	press(t, a, "1") // PERSON on the word
	dal := start + len([]rune("مُحَمَّد")) - 1
	p.jumpTo(dal) // the cursor on its last letter, د
	press(t, a, a.keys.ShrinkEndChar.Keys()[0])
	if sp := a.spans(p.info.ID, start, start+1); len(sp) != 1 || sp[0].Text != "مُحَمَّ" {
		t.Fatalf("spans %+v", sp)
	}
	if unicode.Is(unicode.Mn, rs[p.cursor]) {
		t.Fatalf("cursor %d on the mark %U", p.cursor, rs[p.cursor])
	}
}
