package shape

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hashiya/hashiya/text/bidi"
)

// FuzzShape checks the invariants of Shape on arbitrary text. The seeds run under plain
// go test; `go test -fuzz FuzzShape ./text/shape` explores further.
func FuzzShape(f *testing.F) {
	for _, tc := range shapeTests {
		f.Add(tc.in, tc.lig, uint8(0))
	}
	f.Add("لا لأ لإ لآ لَا ل\u200Dا", true, uint8(3))
	f.Add("کتاب‌ها\u200D ـ ﻻ a1 ب\u0301ب", true, uint8(7))
	f.Add("\u202Bبب\u202C\u200F", false, uint8(129))
	f.Fuzz(func(t *testing.T, s string, lig bool, levelSeed uint8) {
		if !utf8.ValidString(s) {
			return
		}
		src := []rune(s)
		var levels []bidi.Level
		if levelSeed != 0 { // a few level runs, some Removed
			levels = make([]bidi.Level, len(src))
			for i := range levels {
				levels[i] = bidi.Level((uint(i)*uint(levelSeed))>>5) % 4
				if levels[i] == 3 && levelSeed&1 != 0 {
					levels[i] = bidi.Removed
				}
			}
		}
		dst := make([]rune, len(src)+1)
		dst[len(src)] = 'x'
		Shape(dst, src, levels, Options{Ligatures: lig})
		if dst[len(src)] != 'x' {
			t.Fatalf("Shape wrote past len(src)")
		}
		dst = dst[:len(src)]
		for i, in := range src {
			out := dst[i]
			switch {
			case out == Merged:
				if !lig || i == 0 || src[i-1] != lam || !slices.Equal(Fold(dst[i-1]), src[i-1:i+1]) {
					t.Fatalf("%U: Merged at %d without a lam-alef ligature before it: %U", src, i, dst)
				}
			case out >= 0xFEF5 && out <= 0xFEFC && out != in:
				if !lig || i+1 >= len(dst) || dst[i+1] != Merged {
					t.Fatalf("%U: ligature %U at %d not followed by Merged: %U", src, out, i, dst)
				}
			case out != in:
				if !IsPresentationForm(out) || !slices.Equal(Fold(out), []rune{in}) {
					t.Fatalf("%U: %U at %d does not fold back to %U", src, out, i, in)
				}
				if in < formLo || in > formHi {
					t.Fatalf("%U: non-Arabic %U changed to %U", src, in, out)
				}
			}
		}
		if got, want := AppendFold(nil, dst), AppendFold(nil, src); !slices.Equal(got, want) {
			t.Fatalf("AppendFold(Shape(%U)) = %U, want %U", src, got, want)
		}
		if got, want := FoldString(string(AppendFold(nil, dst))), FoldString(s); got != want {
			t.Fatalf("FoldString mismatch: %q vs %q", got, want)
		}
		if !lig && slices.Contains(dst, Merged) {
			t.Fatalf("%U: Merged without ligatures: %U", src, dst)
		}
	})
}

func TestFold(t *testing.T) {
	for _, tc := range []struct {
		in   rune
		want string
	}{
		{'a', "a"}, {0x0628, "\u0628"}, {0xFE91, "\u0628"}, {0xFB8E, "\u06A9"},
		{0xFEFB, "\u0644\u0627"}, {0xFEF5, "\u0644\u0622"}, {0xFDF2, "\u0627\u0644\u0644\u0647"},
		{0xFE70, " \u064B"}, {0xFE71, "\u0640\u064B"}, // spacing harakat, as in NFKD
		{0xFE73, "\uFE73"}, // tail fragment: no decomposition
		{Merged, string(Merged)},
	} {
		if got := Fold(tc.in); string(got) != tc.want {
			t.Errorf("Fold(%U) = %U, want %U", tc.in, got, []rune(tc.want))
		}
	}
	// The result is capped: appending to it must not overwrite the table.
	f := Fold(0xFEFB)
	_ = append(f, 'x')
	if string(Fold(0xFEFB)) != "\u0644\u0627" {
		t.Error("appending to Fold's result changed the table")
	}
	if got, want := FoldString("ﺳﻼﻡ abc"), "سلام abc"; got != want {
		t.Errorf("FoldString = %q, want %q", got, want)
	}
	if s := "plain text"; FoldString(s) != s {
		t.Error("FoldString changed plain text")
	}
}

// benchText is a Persian and Arabic news-style paragraph with harakat, ZWNJ and digits.
const benchText = "خبرگزاری‌ها گزارش دادند که رئیس‌جمهور در سفر به پیونگ یانگ با رهبر کره شمالی دیدار کرد. " +
	"وقَّع الرئيس معاهدةَ الدفاع المشترك مع كوريا الشمالية، فيما تقول كييف وواشنطن إنّ الجنود على وشك الانضمام. " +
	"می‌خواهم این کتاب را بخوانم؛ ۱۴۰۳ سال گذشته است. "

func BenchmarkShape(b *testing.B) {
	src := []rune(strings.Repeat(benchText, 200))
	dst := make([]rune, len(src))
	levels := make([]bidi.Level, len(src))
	for i := range levels {
		levels[i] = 1
	}
	for _, bc := range []struct {
		name   string
		levels []bidi.Level
		opts   Options
	}{
		{"plain", nil, Options{}},
		{"ligatures+levels", levels, Options{Ligatures: true}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(src) * 4))
			for b.Loop() {
				Shape(dst, src, bc.levels, bc.opts)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(src)), "ns/rune")
		})
	}
}
