package annotations

import (
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		val  float64
		qual string
		unit string
	}{
		// Phrases from the treaty corpus.
		{"حوالى 10 آلاف جندي", 10000, QualApprox, "جندي"},
		{"أكثر من 8 آلاف جندي كوري", 8000, QualMoreThan, "جندي"},
		{"۲۳ ماده", 23, QualExact, "ماده"},
		{"لمدة 20 عامًا", 20, QualExact, "عامًا"}, // found after its first word
		{"20 عامًا", 20, QualExact, "عامًا"},
		{"1.7 C", 1.7, QualExact, "C"},
		// Digits and separators.
		{"١٠ آلاف جندي", 10000, QualExact, "جندي"},
		{"۱۰٬۰۰۰ سرباز", 10000, QualExact, "سرباز"},
		{"٣٫٥ مليون دولار", 3.5e6, QualExact, "دولار"},
		{"2,500 شخص", 2500, QualExact, "شخص"},
		{"1,5 مليار", 1.5e9, QualExact, ""},
		{"1.500.000 يورو", 1.5e6, QualExact, "يورو"},
		{"12،000 جندي", 12000, QualExact, "جندي"},
		// Arabic words and qualifiers.
		{"عشرة آلاف جندي", 10000, QualExact, "جندي"},
		{"ثلاثة ملايين نسمة", 3e6, QualExact, "نسمة"},
		{"ألف جندي", 1000, QualExact, "جندي"},
		{"ألفي جندي", 0, "", ""},
		{"ألفين جندي", 2000, QualExact, "جندي"},
		{"نحو 12 ألف جندي", 12000, QualApprox, "جندي"},
		{"حوالي ١٥٠٠ من الجنود", 1500, QualApprox, "الجنود"},
		{"قرابة 3 آلاف", 3000, QualApprox, ""},
		{"أقل من 500 صاروخ", 500, QualLessThan, "صاروخ"},
		{"ما يزيد عن 11 ألف جندي", 11000, QualMoreThan, "جندي"},
		{"خمسة وعشرون جنديا", 25, QualExact, "جنديا"},
		{"ثلاث مئة دبابة", 300, QualExact, "دبابة"},
		// Persian.
		{"۱۰ هزار سرباز", 10000, QualExact, "سرباز"},
		{"بیش از ۱۰ هزار سرباز", 10000, QualMoreThan, "سرباز"},
		{"حدود ۲۳ ماده", 23, QualApprox, "ماده"},
		{"حدوداً ۵۰۰ نفر", 500, QualApprox, "نفر"},
		{"کمتر از ۲ میلیون دلار", 2e6, QualLessThan, "دلار"},
		{"یک میلیون و ۲۰۰ هزار نفر", 1.2e6, QualExact, "نفر"},
		{"سه میلیارد ریال", 3e9, QualExact, "ریال"},
		{"بیست و سه ماده", 23, QualExact, "ماده"},
		{"پوتین", 0, "", ""},
		{"", 0, "", ""},
	}
	for _, tc := range tests {
		got, ok := ParseNumber(tc.in)
		if ok != (tc.qual != "") {
			t.Errorf("ParseNumber(%q) ok=%v (%+v)", tc.in, ok, got)
			continue
		}
		if !ok {
			continue
		}
		if got.Value != tc.val || got.Qualifier != tc.qual || got.Unit != tc.unit || !strings.Contains(tc.in, got.Surface) {
			t.Errorf("ParseNumber(%q) = %+v, want %v %s %q", tc.in, got, tc.val, tc.qual, tc.unit)
		}
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"حوالى 10 آلاف جندي", "۱۰٬۰۰۰", "1.2.3,4", "و و", "بیش از"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := ParseNumber(s)
		if ok && CheckQualifier(n.Qualifier) != nil {
			t.Fatalf("bad qualifier %q", n.Qualifier)
		}
	})
}
