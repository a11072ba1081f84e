package layout

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"unicode/utf8"

	"github.com/hashiya/hashiya/bench/render/mixgen"
)

// breakFlagsByUniseg is findBreaks the plain way: uniseg over the whole text, each break kept
// where a grapheme cluster starts.
func breakFlagsByUniseg(l *Layouter, text []rune) []bool {
	b := []byte(string(text))
	ends, _ := breaksByUniseg(b)
	want := make([]bool, len(text)+1)
	off, idx := 0, 0
	for _, e := range ends {
		idx += utf8.RuneCount(b[off : off+e])
		off += e
		if off < len(b) && l.graphemeBoundary(idx) {
			want[idx] = true
		}
	}
	return want
}

// checkBreaks compares findBreaks (plain segments, caches, uniseg) on text with uniseg alone.
func checkBreaks(t *testing.T, l *Layouter, text []rune) {
	t.Helper()
	n := len(text)
	l.grow(n)
	for i, r := range text {
		l.src[i] = validRune(r)
	}
	want := breakFlagsByUniseg(l, l.src[:n])
	l.findBreaks(n)
	for i := 0; i <= n; i++ {
		if got := l.flags[i]&brkLine != 0; got != want[i] {
			t.Fatalf("%q: break before index %d: %v, uniseg: %v", string(text), i, got, want[i])
		}
	}
}

// Every rune that may take the plain segment path gives uniseg's breaks inside, at the start
// and at the end of words, after and before every kind of plain rune, and so do random
// mixtures of the tricky tokens, generated news and the corpus.
func TestPlainSegmentsMatchUniseg(t *testing.T) {
	var l Layouter
	var plain []rune
	for r := rune(0); r < plainLimit; r++ {
		if plainRunes()[r] != 0 {
			plain = append(plain, r)
		}
	}
	plain = append(plain, 0x200C)
	around := []string{"a", "א", "1", "ب", "١", "۱", "\u064E", ".", ",", ":", "/", "-", "؟", " ", "(", "\"", "«", "\u200D", "%", "$", "+"}
	for _, r := range plain {
		s := string(r)
		for _, a := range around {
			for _, text := range []string{
				a + s + " b", s + a + " b", "x " + a + s + "  " + s + " y", "x " + s + a + " " + a + "z",
				s + " " + a + s + ", " + s + a, "1" + s + ". " + a + " " + s, "( " + s + " " + a + ")",
				"x " + a + s + "1 y", "x " + "1" + s + a + " y", "x " + a + "." + s + " y", "x " + a + "-" + s + " y",
				"x " + a + "/" + s + a + " y", "x " + s + ":" + a + s + " y", "x ۱" + s + "," + a + " y",
			} {
				checkBreaks(t, &l, []rune(text))
			}
		}
	}
	rng := rand.New(rand.NewPCG(10, 11))
	tokens := append([]string{}, segmentTokens...)
	for _, r := range plain {
		tokens = append(tokens, string(r), "ab"+string(r))
	}
	for range 20000 {
		var b bytes.Buffer
		for n := 1 + rng.IntN(40); n > 0; n-- {
			b.WriteString(tokens[rng.IntN(len(tokens))])
		}
		checkBreaks(t, &l, []rune(b.String()))
	}
	var news bytes.Buffer
	mixgen.New(5).Write(&news, 300_000, 60)
	for _, line := range bytes.Split(news.Bytes(), []byte{'\n'}) {
		checkBreaks(t, &l, []rune(string(line)))
	}
	for _, doc := range readCorpus(t) {
		for _, p := range Paragraphs(doc) {
			checkBreaks(t, &l, doc[p.Start:p.End])
		}
	}
}
