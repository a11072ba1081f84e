package annotations

import (
	"strconv"
	"strings"
	"unicode"
)

// qualifier phrases, matched on normalised words at the start of the phrase
// (longest first). Normalisation folds أإآ→ا, ى/ی→ي, ة→ه, ک→ك and drops
// diacritics and tatweel, so one spelling covers the variants.
var qualifierPhrases = []struct {
	words []string
	q     string
}{
	{[]string{"ما", "يزيد", "عن"}, QualMoreThan}, {[]string{"ما", "يزيد", "علي"}, QualMoreThan},
	{[]string{"ما", "يقرب", "من"}, QualApprox}, {[]string{"في", "حدود"}, QualApprox},
	{[]string{"در", "حدود"}, QualApprox}, {[]string{"قريب", "به"}, QualApprox},
	{[]string{"اكثر", "من"}, QualMoreThan}, {[]string{"ازيد", "من"}, QualMoreThan},
	{[]string{"يزيد", "عن"}, QualMoreThan}, {[]string{"بيش", "از"}, QualMoreThan},
	{[]string{"بيشتر", "از"}, QualMoreThan}, {[]string{"اقل", "من"}, QualLessThan},
	{[]string{"كمتر", "از"}, QualLessThan}, {[]string{"كم", "تر", "از"}, QualLessThan},
	{[]string{"حوالي"}, QualApprox}, {[]string{"نحو"}, QualApprox}, {[]string{"قرابه"}, QualApprox},
	{[]string{"زهاء"}, QualApprox}, {[]string{"تقريبا"}, QualApprox}, {[]string{"حدود"}, QualApprox},
	{[]string{"حدودا"}, QualApprox}, {[]string{"نزديك"}, QualApprox}, {[]string{"بالضبط"}, QualExact},
	{[]string{"دقيقا"}, QualExact}, {[]string{"فوق"}, QualMoreThan},
}

// Number words (normalised spelling) → value. Multipliers are separate.
var numberWords = map[string]float64{
	"صفر": 0, "واحد": 1, "احد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
	"ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
	"سبع": 7, "سبعه": 7, "ثماني": 8, "ثمانيه": 8, "ثمان": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
	"عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
	"خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
	"ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
	"يك": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "هفت": 7, "هشت": 8, "نه": 9, "ده": 10,
	"يازده": 11, "دوازده": 12, "بيست": 20, "سي": 30, "چهل": 40, "پنجاه": 50, "شصت": 60,
	"هفتاد": 70, "هشتاد": 80, "نود": 90, "دويست": 200, "سيصد": 300, "پانصد": 500,
}

// hundreds multiply the preceding small number (ثلاث مئة, سه صد).
var hundredWords = map[string]float64{"مئه": 100, "مائه": 100, "صد": 100, "مئتان": 200, "مئتين": 200, "مائتي": 200, "مائتان": 200, "مائتين": 200}

// big multipliers close a group (10 آلاف, ۲ میلیون). Duals carry their 2.
var bigWords = map[string]float64{
	"الف": 1e3, "الاف": 1e3, "الفا": 1e3, "هزار": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليونا": 1e6,
	"ميليون": 1e6, "مليار": 1e9, "مليارات": 1e9, "ميليارد": 1e9, "بليون": 1e9,
	"الفين": 2e3, "الفان": 2e3, "مليونين": 2e6, "مليونان": 2e6, "مليارين": 2e9,
}

// normWord folds spelling variants so the tables above can be small.
func normWord(w string) string {
	var b strings.Builder
	for _, r := range w {
		switch {
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ى' || r == 'ی':
			r = 'ي'
		case r == 'ة':
			r = 'ه'
		case r == 'ک':
			r = 'ك'
		case r == 'ـ' || r == '\u200c' || unicode.Is(unicode.Mn, r):
			continue
		}
		b.WriteRune(r)
	}
	return strings.TrimPrefix(b.String(), "و") // «وعشرون» = and twenty
}

// normDigits maps Arabic-Indic and Persian digits and separators to ASCII;
// ٫ becomes '.', ٬ becomes ','; «،» is treated like ','.
func normDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '٠' && r <= '٩':
			r = '0' + (r - '٠')
		case r >= '۰' && r <= '۹':
			r = '0' + (r - '۰')
		case r == '٫':
			r = '.'
		case r == '٬' || r == '،':
			r = ','
		}
		b.WriteRune(r)
	}
	return b.String()
}

// parseNumeral reads a digit string with separators: ',' followed by groups
// of exactly three digits is a thousands separator, otherwise a decimal
// comma; '.' is decimal unless repeated (1.500.000) or followed by a comma.
func parseNumeral(s string) (float64, bool) {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, false
	}
	commas, dots := strings.Count(s, ","), strings.Count(s, ".")
	thousands := func(sep string) bool {
		parts := strings.Split(s, sep)
		for _, p := range parts[1:] {
			p, _, _ = strings.Cut(p, map[string]string{",": ".", ".": ","}[sep])
			if len(p) != 3 {
				return false
			}
		}
		return true
	}
	switch {
	case dots > 1 || (dots == 1 && commas == 1 && strings.Index(s, ".") < strings.Index(s, ",")):
		s = strings.ReplaceAll(s, ".", "")
		s = strings.Replace(s, ",", ".", 1)
	case commas > 0 && thousands(","):
		s = strings.ReplaceAll(s, ",", "")
	case commas == 1 && dots == 0:
		s = strings.Replace(s, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}
