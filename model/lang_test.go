package model

import "testing"

func TestDetectLang(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"وقع الرئيس الروسي فلاديمير بوتين معاهدة الدفاع المشترك مع كوريا الشمالية", "ar"},
		{"روسیه و کره شمالی متعهد به دفاع از خاک یکدیگر شدند", "fa"},
		{"پاکستان کے وزیر اعظم نے کہا ہے کہ ملک میں انتخابات وقت پر ہوں گے", "ur"},
		{"ראש הממשלה אמר היום כי", "he"},
		{"The treaty was signed in Pyongyang on Wednesday.", "en"},
		{"Москва и Пхеньян подписали договор", "und"},
		{"12345 -- !!", "und"},
		{"", "und"},
		{"Berlin 1.7 C الأكثر قراءة في أمن دولي", "ar"}, // an Arabic page with some Latin
		{"تاریخ ۱۴۰۳", "fa"},
	} {
		if got := DetectLang(c.text); got != c.want {
			t.Errorf("DetectLang(%q) = %q, want %q", c.text, got, c.want)
		}
	}
	for lang, rtl := range map[string]bool{"ar": true, "fa": true, "ur": true, "he": true, "en": false, "und": false} {
		if Direction(lang) != rtl {
			t.Errorf("Direction(%q) = %v", lang, !rtl)
		}
	}
}
