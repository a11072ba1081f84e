package shape

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashiya/hashiya/text/bidi"
)

// R is the level bidi reports for ZWJ, ZWNJ and other characters removed by X9.
const R = bidi.Removed

// Expected outputs are written as presentation-form code points (checked by hand against
// the Arabic Presentation Forms-A/B charts, and against `fribidi --nopad --nobreak` where
// it applies); "~" stands for Merged.
var shapeTests = []struct {
	name   string
	in     string
	lig    bool
	levels []bidi.Level
	want   string
}{
	{name: "salam no ligature", in: "سلام", want: "\uFEB3\uFEE0\uFE8E\uFEE1"},
	{name: "salam ligature", in: "سلام", lig: true, want: "\uFEB3\uFEFC~\uFEE1"},
	{name: "mohammad", in: "محمد", want: "\uFEE3\uFEA4\uFEE4\uFEAA"},
	{name: "harakat stay, letters join through them", in: "مُحَمَّد",
		want: "\uFEE3\u064F\uFEA4\u064E\uFEE4\u064E\u0651\uFEAA"},
	{name: "pyongyang", in: "پیونگ یانگ",
		want: "\uFB58\uFBFF\uFEEE\uFEE7\uFB93 \uFBFE\uFE8E\uFEE7\uFB93"},
	{name: "gozaresh", in: "گزارش", want: "\uFB94\uFEB0\uFE8D\uFEAD\uFEB5"},
	{name: "ZWNJ breaks", in: "می\u200Cخواهم",
		want: "\uFEE3\uFBFD\u200C\uFEA7\uFEEE\uFE8D\uFEEB\uFEE2"},
	{name: "kore (keheh, heh)", in: "کره", want: "\uFB90\uFEAE\uFEE9"},
	{name: "heh with yeh above alone", in: "ۀ", want: "\uFBA4"},
	{name: "heh with yeh above final", in: "خانۀ", want: "\uFEA7\uFE8E\uFEE7\uFBA5"},
	{name: "yeh barree alone", in: "ے", want: "\uFBAE"},
	{name: "heh goal, yeh barree", in: "ہے", want: "\uFBA8\uFBAF"},
	{name: "tatweel joins both sides and stays", in: "كـتـاب",
		want: "\uFEDB\u0640\uFE98\u0640\uFE8E\uFE8F"},
	{name: "urdu tteh, do-chashmi heh, ddal", in: "ٹھنڈا",
		want: "\uFB68\uFBAD\uFEE8\uFB89\uFE8D"},
	{name: "urdu noon ghunna final", in: "میں", want: "\uFEE3\uFBFF\uFB9F"},
	{name: "jeh, lam, heh", in: "ژاله", want: "\uFB8A\uFE8D\uFEDF\uFEEA"},
	{name: "tcheh, farsi yeh", in: "چای", want: "\uFB7C\uFE8E\uFBFC"},
	{name: "rreh", in: "بڑا", want: "\uFE91\uFB8D\uFE8D"},
	{name: "hamza does not join", in: "بءب", want: "\uFE8F\uFE80\uFE8F"},
	{name: "alef maksura initial", in: "ىب", want: "\uFBE8\uFE90"},

	// Fallbacks for letters lacking a form (see the package comment).
	{name: "noon ghunna initial falls back to isolated", in: "ںب", want: "\uFB9E\uFE90"},
	{name: "noon ghunna medial falls back to final", in: "بںب", want: "\uFE91\uFB9F\uFE90"},
	{name: "U+0677 final falls back to isolated", in: "ب\u0677", want: "\uFE91\uFBDD"},
	{name: "letter without forms stays, neighbours join it", in: "ب\u0620ب", want: "\uFE91\u0620\uFE90"},

	// ZWJ forces a join, ZWNJ breaks one; both stay in the output.
	{name: "ZWJ after", in: "ب\u200D", want: "\uFE91\u200D"},
	{name: "ZWJ before", in: "\u200Dب", want: "\u200D\uFE90"},
	{name: "ZWJ both sides", in: "\u200Dب\u200D", want: "\u200D\uFE92\u200D"},
	{name: "ZWJ on right-joining letter", in: "د\u200D", want: "\uFEA9\u200D"},
	{name: "ZWNJ", in: "ب\u200Cب", want: "\uFE8F\u200C\uFE8F"},
	{name: "mark then ZWNJ", in: "بَ\u200Cب", want: "\uFE8F\u064E\u200C\uFE8F"},

	// Levels: no join across a level change; Removed matches anything.
	{name: "same level joins", in: "بب", levels: []bidi.Level{1, 1}, want: "\uFE91\uFE90"},
	{name: "level change does not join", in: "بب", levels: []bidi.Level{1, 3}, want: "\uFE8F\uFE8F"},
	{name: "level change mid-word", in: "ببب", levels: []bidi.Level{1, 1, 3}, want: "\uFE91\uFE90\uFE8F"},
	{name: "removed ZWJ still joins", in: "ب\u200Dب", levels: []bidi.Level{1, R, 1}, want: "\uFE91\u200D\uFE90"},
	{name: "mark at other level is skipped", in: "بَب", levels: []bidi.Level{1, 2, 1}, want: "\uFE91\u064E\uFE90"},

	// Lam-alef.
	{name: "la isolated", in: "لا", lig: true, want: "\uFEFB~"},
	{name: "la without ligatures", in: "لا", want: "\uFEDF\uFE8E"},
	{name: "lam alef madda", in: "لآ", lig: true, want: "\uFEF5~"},
	{name: "lam alef hamza above final", in: "سلأ", lig: true, want: "\uFEB3\uFEF8~"},
	{name: "lam alef hamza below final", in: "فلإ", lig: true, want: "\uFED3\uFEFA~"},
	{name: "mark between lam and alef: no ligature", in: "لَا", lig: true, want: "\uFEDF\u064E\uFE8E"},
	{name: "mark after alef keeps ligature", in: "لاَ", lig: true, want: "\uFEFB~\u064E"},
	{name: "lam alef across levels: no ligature", in: "لا", lig: true, levels: []bidi.Level{1, 2}, want: "\uFEDD\uFE8D"},
	{name: "lam ZWNJ alef: no ligature", in: "ل\u200Cا", lig: true, want: "\uFEDD\u200C\uFE8D"},
	{name: "alef wasla is no ligature alef", in: "لٱ", lig: true, want: "\uFEDF\uFB51"},
	{name: "two ligatures", in: "لالا", lig: true, want: "\uFEFB~\uFEFB~"},
	{name: "allah keeps letters", in: "الله", lig: true, want: "\uFE8D\uFEDF\uFEE0\uFEEA"},

	// Other scripts and presentation forms in the input are left alone.
	{name: "latin", in: "abc é", want: "abc é"},
	{name: "syriac has no forms", in: "ܐܒܓ", want: "ܐܒܓ"},
	{name: "latin between arabic", in: "بaب", want: "\uFE8F" + "a" + "\uFE8F"},
	{name: "presentation forms in input", in: "\uFEFB\uFDF2", lig: true, want: "\uFEFB\uFDF2"},
	{name: "empty", in: "", want: ""},
}

func runes(s string) []rune {
	r := []rune(s)
	for i := range r {
		if r[i] == '~' {
			r[i] = Merged
		}
	}
	return r
}

func TestShape(t *testing.T) {
	for _, tc := range shapeTests {
		t.Run(tc.name, func(t *testing.T) {
			src := []rune(tc.in)
			dst := make([]rune, len(src))
			Shape(dst, src, tc.levels, Options{Ligatures: tc.lig})
			if want := runes(tc.want); !slices.Equal(dst, want) {
				t.Errorf("Shape(%q)\n got %U\nwant %U", tc.in, dst, want)
			}
			// In place gives the same result.
			inPlace := []rune(tc.in)
			Shape(inPlace, inPlace, tc.levels, Options{Ligatures: tc.lig})
			if !slices.Equal(inPlace, dst) {
				t.Errorf("in place: got %U, want %U", inPlace, dst)
			}
			checkFold(t, src, dst)
		})
	}
}

// checkFold checks that every output rune folds back to its input letter(s).
func checkFold(t *testing.T, src, dst []rune) {
	t.Helper()
	for i := range src {
		switch {
		case dst[i] == Merged:
			if i == 0 || !slices.Equal(Fold(dst[i-1]), src[i-1:i+1]) {
				t.Errorf("Merged at %d does not follow a ligature of %U", i, src[max(i-1, 0):i+1])
			}
		case i+1 < len(dst) && dst[i+1] == Merged:
			// the ligature, checked at i+1
		case dst[i] != src[i] && !slices.Equal(Fold(dst[i]), src[i:i+1]):
			t.Errorf("Fold(%U) = %U, want %U", dst[i], Fold(dst[i]), src[i])
		}
	}
	if got := AppendFold(nil, dst); !slices.Equal(got, AppendFold(nil, src)) {
		t.Errorf("AppendFold(shaped) = %U, want %U", got, src)
	}
}

func TestShapeLongerDst(t *testing.T) {
	src := []rune("بب")
	dst := []rune{'x', 'x', 'x', 'x'}
	Shape(dst, src, nil, Options{})
	if want := []rune{0xFE91, 0xFE90, 'x', 'x'}; !slices.Equal(dst, want) {
		t.Errorf("got %U, want %U", dst, want)
	}
}

// TestNoMultiCellForms shapes every code point in every position and checks that the
// output is the input, a single-letter form of it, or a lam-alef ligature: never one
// of the U+FDF0–FDFF ligatures (U+FDF2 Allah, U+FDFA, U+FDFD…) or any other.
func TestNoMultiCellForms(t *testing.T) {
	ctx := []string{"%c", "ب%c", "%cب", "ب%cب", "\u200D%c\u200D", "ل%c", "%cا"}
	for r := rune(0); r <= 0x10FFFF; r++ {
		if (r < 0x0600 || r > 0x08FF) && (r < 0xFB50 || r > 0xFEFF) && r > 0x2100 {
			continue
		}
		for _, c := range ctx {
			for _, lig := range []bool{false, true} {
				src := []rune(fmt.Sprintf(c, r))
				dst := make([]rune, len(src))
				Shape(dst, src, nil, Options{Ligatures: lig})
				for i, o := range dst {
					if o >= 0xFDF0 && o <= 0xFDFF && o != src[i] {
						t.Fatalf("Shape(%U) gives %U", src, dst)
					}
					if o == src[i] || o == Merged {
						continue
					}
					if f := Fold(o); len(f) == 2 {
						if !lig || f[0] != lam || o < 0xFEF5 || o > 0xFEFC {
							t.Fatalf("Shape(%U, lig=%v) gives ligature %U", src, lig, o)
						}
					} else if !slices.Equal(f, src[i:i+1]) {
						t.Fatalf("Shape(%U) gives %U at %d, which folds to %U", src, dst, i, f)
					}
				}
			}
		}
	}
}

// TestTables checks the generated tables against each other: every form folds back to
// its letter, and every lam-alef ligature to lam and its alef.
func TestTables(t *testing.T) {
	for i, fs := range forms {
		r := rune(formLo + i)
		for f, p := range fs {
			if p != 0 && !slices.Equal(Fold(rune(p)), []rune{r}) {
				t.Errorf("form %d of %U is %U, which folds to %U", f, r, p, Fold(rune(p)))
			}
		}
		if fs != [4]uint16{} && JoiningType(r)&^DualJoining != 0 {
			t.Errorf("%U has forms but joining type %d", r, JoiningType(r))
		}
	}
	for i, l := range lamAlef {
		for _, p := range l {
			if want := []rune{lam, rune(0x0622 + i)}; p != 0 && !slices.Equal(Fold(rune(p)), want) {
				t.Errorf("ligature %U folds to %U, want %U", p, Fold(rune(p)), want)
			}
		}
	}
}

func TestJoiningType(t *testing.T) {
	for _, tc := range []struct {
		r    rune
		want Joining
	}{
		{'a', NonJoining}, {' ', NonJoining}, {0x0627, RightJoining}, {0x0628, DualJoining},
		{0x06CC, DualJoining}, {0x06C0, RightJoining}, {0x0621, NonJoining},
		{0x0640, JoinCausing}, {0x200D, JoinCausing}, {0x200C, NonJoining},
		{0x064E, Transparent}, {0x0670, Transparent}, {0x0301, Transparent}, // Mn, not listed
		{0x200B, Transparent}, {0x00AD, Transparent}, {0x200E, Transparent}, // Cf
		{0x20DD, Transparent},                                                // Me
		{0x0710, RightJoining}, {0x07FA, JoinCausing}, {0xA872, LeftJoining}, // Syriac, N'Ko, Phags-pa
		{0x1E900, DualJoining}, {0xE0001, Transparent}, {0x10FFFF, NonJoining},
		{-1, NonJoining}, {0x110000, NonJoining}, {Merged, NonJoining},
	} {
		if got := JoiningType(tc.r); got != tc.want {
			t.Errorf("JoiningType(%U) = %d, want %d", tc.r, got, tc.want)
		}
	}
}
