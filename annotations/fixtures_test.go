package annotations

import (
	"strings"
	"testing"
)

// The documents and helper the journal tests use too (annotations/journal).
var docA = DocInfo{ID: "002_6616baea8f6d7c2e", Lang: "ar", Source: "hura7.com",
	Text: "وقع الرئيس الروسي فلاديمير بوتين معاهدة الدفاع المشترك مع كوريا الشمالية.\r\nوقالت كييف إن كوريا الشمالية نشرت حوالى 10 آلاف جندي في روسيا 🇷🇺."}
var docB = DocInfo{ID: "004_33b7dc99ac63bf30", Lang: "fa",
	Text: "این پیمان که در ژوئن ۲۰۲۴ بین ولادیمیر پوتین و کیم جونگ اون امضا شد، شامل ۲۳ ماده است."}

// find returns the code-point range of the first occurrence of sub.
func find(t testing.TB, text, sub string) (int, int) {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in text", sub)
	}
	s := CodePointLen(text[:i])
	return s, s + CodePointLen(sub)
}
