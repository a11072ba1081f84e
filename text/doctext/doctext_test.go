package doctext

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// Every offset, slice and code point of random texts of one- to four-byte characters agrees
// with the []rune of the text.
func TestTextMatchesRunes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("ab ،معاهدة€😀\u0301")
	for round := range 200 {
		var b strings.Builder
		for range rng.IntN(2000) {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		if round%7 == 0 {
			b.WriteString(strings.Repeat("x", rng.IntN(600))) // long ASCII runs: the word path
		}
		s := b.String()
		rs := []rune(s)
		tx := New(s)
		if tx.Len() != len(rs) || tx.String() != s {
			t.Fatalf("Len %d, want %d", tx.Len(), len(rs))
		}
		off := 0
		for i := 0; i <= len(rs); i++ {
			if got := tx.Offset(i); got != off {
				t.Fatalf("Offset(%d) = %d, want %d", i, got, off)
			}
			if got := tx.IndexOf(off); got != i {
				t.Fatalf("IndexOf(%d) = %d, want %d", off, got, i)
			}
			if i < len(rs) {
				if tx.At(i) != rs[i] {
					t.Fatalf("At(%d) = %q, want %q", i, tx.At(i), rs[i])
				}
				off += utf8.RuneLen(rs[i])
			}
		}
		i, j := rng.IntN(len(rs)+1), rng.IntN(len(rs)+1)
		if i > j {
			i, j = j, i
		}
		if got := tx.Slice(i, j); got != string(rs[i:j]) {
			t.Fatalf("Slice(%d, %d) = %q, want %q", i, j, got, string(rs[i:j]))
		}
	}
	if e := New(""); e.Len() != 0 || e.Slice(0, 5) != "" || e.Offset(3) != 0 {
		t.Fatal("the empty text")
	}
}

// Valid indexes valid UTF-8 as New does, and refuses what utf8.ValidString refuses.
func TestValid(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "abcdefghijklmnop", "م", "€", "😀", "\xc0\x80", "\xed\xa0\x80", "\xe2\x82", "\xff", "\xf4\x90\x80\x80", "\xdf", "\xc2\xa0"}
	for range 3000 {
		var b strings.Builder
		for range rng.IntN(300) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		got, ok := Valid(s)
		if ok != utf8.ValidString(s) {
			t.Fatalf("Valid(%q) = %v, utf8 says %v", s, ok, !ok)
		}
		if !ok {
			continue
		}
		want := New(s)
		if got.Len() != want.Len() || !slices.Equal(got.marks, want.marks) {
			t.Fatalf("Valid(%q): %d code points, index %v; New: %d, %v", s, got.Len(), got.marks, want.Len(), want.marks)
		}
	}
}
