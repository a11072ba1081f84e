package layout

import (
	"os"
	"path/filepath"
	"testing"
	"unicode"

	"charm.land/lipgloss/v2"
)

// widthDifference names the classes of code points where RuneWidth differs from lipgloss by
// design (see the package doc), or "".
func widthDifference(r rune, ours, theirs int) string {
	switch {
	case r >= 0x1F1E6 && r <= 0x1F1FF && ours == 1 && theirs == 2:
		return "regional indicator: 1 cell each, a flag pair takes 2 (as wcwidth)"
	case unicode.Is(unicode.Mc, r) && ours == 0 && theirs == 1:
		return "spacing mark that go-runewidth counts as zero width"
	case unicode.Is(unicode.Categories["Cn"], r) && ours == 0:
		return "unassigned in Go's Unicode 15 tables, zero width in newer data"
	}
	return ""
}

func corpusRunes(t testing.TB) map[rune]bool {
	files, err := filepath.Glob("testdata/corpus/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatal("no corpus in testdata/corpus", err)
	}
	set := map[rune]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range string(b) {
			set[r] = true
		}
	}
	return set
}

// TestRuneWidthMatchesLipgloss: on the corpus and the Arabic, Hebrew and presentation-form
// blocks the two agree exactly; over all of Unicode they differ only in the classes of
// widthDifference.
func TestRuneWidthMatchesLipgloss(t *testing.T) {
	strict := corpusRunes(t)
	for _, b := range [][2]rune{{0x0590, 0x05FF}, {0x0600, 0x06FF}, {0x0750, 0x077F}, {0x08A0, 0x08FF}, {0xFB1D, 0xFDFF}, {0xFE70, 0xFEFF}} {
		for r := b[0]; r <= b[1]; r++ {
			strict[r] = true
		}
	}
	for r := range strict {
		if r == '\n' {
			continue // lipgloss measures lines
		}
		if ours, theirs := RuneWidth(r), lipgloss.Width(string(r)); ours != theirs {
			t.Errorf("%U: RuneWidth %d, lipgloss %d", r, ours, theirs)
		}
	}
	classes := map[string]int{}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r == '\n' || (r >= 0xD800 && r < 0xE000) {
			continue
		}
		ours, theirs := RuneWidth(r), lipgloss.Width(string(r))
		if ours == theirs {
			continue
		}
		why := widthDifference(r, ours, theirs)
		if why == "" {
			t.Errorf("%U: RuneWidth %d, lipgloss %d, not a difference by design", r, ours, theirs)
			continue
		}
		classes[why]++
	}
	for why, n := range classes {
		t.Logf("%5d code points: %s", n, why)
	}
}

func TestRuneWidthClasses(t *testing.T) {
	for _, c := range []struct {
		r rune
		w int
	}{
		{'a', 1}, {0x0627, 1}, {0xFEFB, 1}, {0x064E, 0}, {0x0651, 0}, {0x05B4, 0}, {0x20DD, 0},
		{0x200D, 0}, {0x200C, 0}, {0x200F, 0}, {0x202E, 0}, {0x2066, 0}, {0x00AD, 0}, {0xFEFF, 0},
		{0xFE0F, 0}, {0xE0100, 0}, {0x2028, 0}, {0, 0}, {0x1B, 0}, {0x7F, 0}, {0x9B, 0},
		{'漢', 2}, {0x1F539, 2}, {0xFF21, 2}, {0x00E9, 1}, {0x2192, 1}, {0x25CC, 1}, {0x2426, 1},
		{0x241B, 1}, {0x2421, 1}, {0xFFFD, 1}, {0x0897, 0}, {-1, 1}, {0xD800, 1},
	} {
		if got := RuneWidth(c.r); got != c.w {
			t.Errorf("RuneWidth(%U) = %d, want %d", c.r, got, c.w)
		}
	}
	for r := rune(0x2400); r <= 0x2426; r++ {
		if RuneWidth(r) != 1 {
			t.Errorf("control picture %U is %d wide", r, RuneWidth(r))
		}
	}
}

func TestStringWidthAndTruncate(t *testing.T) {
	if w := StringWidth("مَرحبا 漢"); w != 8 {
		t.Errorf("StringWidth = %d, want 8", w)
	}
	for _, c := range []struct {
		s, tail string
		w       int
		want    string
	}{
		{"hello world", "…", 6, "hello…"},
		{"hello", "…", 5, "hello"},
		{"漢字漢字", "…", 4, "漢…"},
		{"مَرحبا", "…", 2, "مَ…"},
		{"abc", "....", 2, ".."},
		{"abc", "", 0, ""},
	} {
		if got := Truncate(c.s, c.w, c.tail); got != c.want || StringWidth(got) > c.w {
			t.Errorf("Truncate(%q, %d, %q) = %q, want %q", c.s, c.w, c.tail, got, c.want)
		}
	}
}
