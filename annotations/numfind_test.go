package annotations

import (
	"testing"
)

// The defect: a claim's number was found only when the claim started with it,
// a typed «حوالى 10 آلاف» read as exact, and surface was the whole sentence.
func TestClaimNumberFoundOnlyAtStart(t *testing.T) {
	tests := []struct {
		text    string
		val     float64
		qual    string
		unit    string
		surface string
	}{
		{"قالت سيول إن كوريا الشمالية نشرت حوالى 10 آلاف جندي في روسيا", 10000, QualApprox, "جندي", "حوالى 10 آلاف"},
		{"كوريا الشمالية نشرت حوالى 10 آلاف جندي", 10000, QualApprox, "جندي", "حوالى 10 آلاف"},
		{"حوالى 10 آلاف", 10000, QualApprox, "", "حوالى 10 آلاف"},
		{"وقال المسؤول إن أكثر من 8 آلاف جندي كوري شاركوا", 8000, QualMoreThan, "جندي", "أكثر من 8 آلاف"},
		{"أعلنت الوزارة مقتل ما يزيد عن ١٢٬٥٠٠ شخص خلال الحرب", 12500, QualMoreThan, "شخص", "ما يزيد عن ١٢٬٥٠٠"},
		{"وصل عدد اللاجئين إلى نحو ثلاثة ملايين لاجئ", 3e6, QualApprox, "لاجئ", "نحو ثلاثة ملايين"},
		{"أرسلت روسيا 500 صاروخ تقريبا", 500, QualApprox, "صاروخ", "500"},
		{"أرسلت روسيا 500 تقريبا من الصواريخ", 500, QualApprox, "الصواريخ", "500 تقريبا"},
		{"وقعت الحكومة في عام 2024 اتفاقا لنشر 3 آلاف جندي", 3000, QualExact, "جندي", "3 آلاف"},
		{"في 19 يونيو 2024 وصل زهاء 600 مهندس", 600, QualApprox, "مهندس", "زهاء 600"},
		{"قتل أحد الجنود وأصيب قرابة عشرين آخرين", 20, QualApprox, "آخرين", "قرابة عشرين"},
		{"بلغت الخسائر أقل من 2,5 مليار دولار", 2.5e9, QualLessThan, "دولار", "أقل من 2,5 مليار"},
		{"ساهمت روسيا بـ10 آلاف جندي و5 دبابات", 10000, QualExact, "جندي", "10 آلاف"},
		{"ارتفعت الأسعار 12% هذا العام", 12, QualExact, "%", "12"},
		{"ارتفعت الأسعار بنسبة ٣٫٥٪ تقريبا", 3.5, QualApprox, "٪", "٣٫٥"},
		{"تراجع الإنتاج نحو 20 في المئة", 20, QualApprox, "في المئة", "نحو 20"},
		// Persian.
		{"کره شمالی بیش از ۱۰ هزار سرباز به روسیه فرستاده است", 10000, QualMoreThan, "سرباز", "بیش از ۱۰ هزار"},
		{"این پیمان بیشتر از ۲۳ ماده دارد", 23, QualMoreThan, "ماده", "بیشتر از ۲۳"},
		{"یک مقام آمریکایی گفت کمتر از ۲ میلیون دلار پرداخت شد", 2e6, QualLessThan, "دلار", "کمتر از ۲ میلیون"},
		{"نه تنها روسیه بلکه حدود ۵۰۰ نفر", 500, QualApprox, "نفر", "حدود ۵۰۰"},
		{"سه میلیارد ریال", 3e9, QualExact, "ریال", "سه میلیارد"},
		{"تورم به ۴۰ درصد رسید", 40, QualExact, "درصد", "۴۰"},
	}
	for _, tc := range tests {
		p, ok := FindNumber(tc.text)
		if !ok {
			t.Errorf("FindNumber(%q) found nothing", tc.text)
			continue
		}
		if p.Value != tc.val || p.Qualifier != tc.qual || p.Unit != tc.unit || p.Surface != tc.surface {
			t.Errorf("FindNumber(%q) = %v %s unit %q surface %q, want %v %s %q %q",
				tc.text, p.Value, p.Qualifier, p.Unit, p.Surface, tc.val, tc.qual, tc.unit, tc.surface)
			continue
		}
		got, err := CodePointSlice(tc.text, p.SurfaceStart, p.SurfaceEnd)
		if err != nil || got != tc.surface {
			t.Errorf("FindNumber(%q): offsets [%d,%d) hold %q, want %q", tc.text, p.SurfaceStart, p.SurfaceEnd, got, tc.surface)
		}
		// A value typed into the claim form is read the same way.
		if n, ok := ParseNumber(tc.text); !ok || n != p.Numeric {
			t.Errorf("ParseNumber(%q) = %+v, FindNumber gives %+v", tc.text, n, p.Numeric)
		}
	}
	for _, none := range []string{"قالت سيول إن كوريا الشمالية نشرت جنودا", "بي بي سي", "نه، نرفته است", "في عام 2024", ""} {
		if p, ok := FindNumber(none); ok {
			t.Errorf("FindNumber(%q) found %+v in a text without a quantity", none, p)
		}
	}
}

func FuzzFindNumber(f *testing.F) {
	for _, s := range []string{"قالت سيول إن كوريا الشمالية نشرت حوالى 10 آلاف جندي", "عام 2024-", "و و ١٠", "بـ10،"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, ok := FindNumber(s)
		if !ok {
			return
		}
		got, err := CodePointSlice(s, p.SurfaceStart, p.SurfaceEnd)
		if err != nil || got != p.Surface || p.SurfaceEnd <= p.SurfaceStart {
			t.Fatalf("FindNumber(%q): [%d,%d) holds %q, surface %q (%v)", s, p.SurfaceStart, p.SurfaceEnd, got, p.Surface, err)
		}
		if CheckQualifier(p.Qualifier) != nil {
			t.Fatalf("bad qualifier %q", p.Qualifier)
		}
	})
}
