package segment

import (
	"math/rand/v2"
	"testing"
	"unicode"
)

func sameSegments(a, b []Segment) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// plainRunes are the characters the Segmenter cuts without uniseg.
func plainRunes() []rune {
	var out []rune
	for r := rune(0); r < 0x10000; r++ {
		if classOf(r) != wbNone {
			out = append(out, r)
		}
	}
	return out
}

// contextRunes stand for every class plain text has, and the characters that end it.
var contextRunes = []rune{'a', 'ب', 'ـ', '1', '١', '۵', '\u064e', '\u200c', '\u200e', ' ', '\t', '\r', '\n',
	':', ',', '.', '\'', '٫', '٬', '،', '!', '«', '-', '_', 'h', '\u200d', '\u00ad', 'א'}

// TestPlainAsUniseg holds the Segmenter to Runes (uniseg): every character it cuts
// itself between any two of contextRunes (which tells its class), and every string of
// four contextRunes (which runs the rules over every sequence of classes).
func TestPlainAsUniseg(t *testing.T) {
	var sr Segmenter
	check := func(text []rune) {
		if got, want := sr.Runes(text, 0, len(text)), Runes(text); !sameSegments(got, want) {
			t.Fatalf("Segmenter.Runes(%q) = %v, Runes %v", string(text), got, want)
		}
	}
	plain := plainRunes()
	if len(plain) < 300 {
		t.Fatalf("only %d plain characters", len(plain))
	}
	for _, r := range plain {
		for _, x := range contextRunes {
			for _, y := range contextRunes {
				check([]rune{x, r, y})
			}
		}
	}
	c := contextRunes
	for _, a := range c {
		for _, b := range c {
			for _, x := range c {
				for _, y := range c {
					check([]rune{a, b, x, y})
				}
			}
		}
	}
}

// TestSegmenterOnPlainText compares the Segmenter with Runes on random strings of plain
// characters (mostly letters, digits, marks and the separators between them), whole
// and window by window.
func TestSegmenterOnPlainText(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 17))
	plain := plainRunes()
	var sr Segmenter
	for n := 0; n < 20000; n++ {
		rs := make([]rune, 1+rng.IntN(40))
		for i := range rs {
			if rng.IntN(3) == 0 {
				rs[i] = plain[rng.IntN(len(plain))]
			} else {
				rs[i] = contextRunes[rng.IntN(len(contextRunes))]
			}
		}
		want := Runes(rs)
		if got := sr.Runes(rs, 0, len(rs)); !sameSegments(got, want) {
			t.Fatalf("Segmenter.Runes(%q) = %v, Runes %v", string(rs), got, want)
		}
		for i := range rs {
			ws, we := Window(rs, i)
			if got, want := sr.Runes(rs, ws, we), Around(rs, i); !sameSegments(got, want) {
				t.Fatalf("Segmenter.Runes(%q, %d, %d) = %v, Around %v", string(rs), ws, we, got, want)
			}
		}
	}
}

// TestSegmenterURLs: a URL in otherwise plain text is one segment, as Runes makes it.
func TestSegmenterURLs(t *testing.T) {
	var sr Segmenter
	for _, s := range []string{"see www.example.com. ok", "WWW.x", "https://a.b/c", "h w ww www wwww.", "قال www.bbc.com،"} {
		text := []rune(s)
		if got, want := sr.Runes(text, 0, len(text)), Runes(text); !sameSegments(got, want) {
			t.Fatalf("Segmenter.Runes(%q) = %v, Runes %v", s, got, want)
		}
	}
}

// TestIsSpace: IsSpace is Unicode White_Space plus ZWSP and BOM, for every rune.
func TestIsSpace(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if want := unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'; IsSpace(r) != want {
			t.Fatalf("IsSpace(%U) = %v", r, !want)
		}
	}
}
