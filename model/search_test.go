package model

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/text/doctext"
)

func TestSearch(t *testing.T) {
	for _, c := range []struct {
		text, query string
		want        []string // the matched original text, in order
	}{
		{"ذهب إلى المدرسة ثم الى البيت", "الي", []string{"إلى", "الى"}},
		{"ذهب إلى المدرسة", "إلى", []string{"إلى"}},
		{"روسیه و کره شمالی", "كره", []string{"کره"}},
		{"روسيا وكوريا", "کوریا", []string{"كوريا"}},
		{"كُورِيَّا الشمالية", "كوريا", []string{"كُورِيَّا"}}, // harakat inside and trailing
		{"كوريا", "كُوريا", []string{"كوريا"}},                 // harakat in the query
		{"كـــوريا", "كوريا", []string{"كـــوريا"}},            // tatweel
		{"مدرسة مدرسه", "مدرسه", []string{"مدرسة", "مدرسه"}},
		{"می\u200cخواهم میخواهم", "میخواهم", []string{"می\u200cخواهم", "میخواهم"}},
		{"سال ۱۴۰۳ و ٢٠٢٤", "1403", []string{"۱۴۰۳"}},
		{"سال ۱۴۰۳ و ٢٠٢٤", "۲۰۲۴", []string{"٢٠٢٤"}},
		{"Kim Jong Un met PUTIN", "putin", []string{"PUTIN"}},
		{"\uFEDF\uFEE0\uFEFB", "لللا", []string{"\uFEDF\uFEE0\uFEFB"}}, // presentation forms
		{"aaaa", "aa", []string{"aa", "aa"}},                           // non-overlapping
		{"abc", "", nil},
		{"abc", "\u064E", nil},              // a query of marks only matches nothing
		{"\uFDF2", "ل", []string{"\uFDF2"}}, // two matches inside one ligature count once
	} {
		text := []rune(c.text)
		var got []string
		prev := -1
		for _, r := range Search(doctext.New(c.text), c.query) {
			if r.Start < prev || r.End <= r.Start {
				t.Errorf("%q in %q: bad range %v after %d", c.query, c.text, r, prev)
			}
			prev = r.End
			got = append(got, string(text[r.Start:r.End]))
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("Search(%q, %q) = %q, want %q", c.text, c.query, got, c.want)
		}
	}
}

// bigText is about 5 MB of UTF-8: the sample corpus repeated.
func bigText(b *testing.B) doctext.Text {
	c := Sample()
	defer c.Close()
	var s strings.Builder
	for s.Len() < 5e6 {
		for i := 0; i < c.Len(); i++ {
			d, _ := c.Load(i)
			s.WriteString(d.Text.String())
		}
	}
	return doctext.New(s.String())
}

func BenchmarkSearch5MB(b *testing.B) {
	text := bigText(b)
	b.SetBytes(int64(len(text.String())))
	for b.Loop() {
		if len(Search(text, "كوريا الشمالية")) == 0 {
			b.Fatal("no match")
		}
	}
}
