package layout

import (
	"testing"

	"github.com/hashiya/hashiya/text/bidi"
)

func fuzzOptions(width uint8, flags uint16) Options {
	return Options{
		Width:        int(width % 100),
		Dir:          bidi.Direction(flags % 3),
		Bidi:         Mode(flags >> 2 & 1),
		Shaping:      Mode(flags >> 3 & 1),
		Ligatures:    flags&(1<<4) != 0,
		ShowControls: flags&(1<<5) != 0,
		Align:        flags&(1<<6) != 0,
		TabWidth:     int(flags >> 7 & 7),
	}
}

// FuzzLayout checks every invariant of the package doc on arbitrary text, widths and options;
// its seeds (here and in testdata/fuzz/FuzzLayout) run under plain go test.
func FuzzLayout(f *testing.F) {
	for _, s := range []string{
		"",
		"تاريخ النشر: 10th, November 2024 GMT",
		"مرحبا (عالم) [س] «نص» {x}",
		"\x1b[31mred\x1b[0m \x1b]0;t\x07 \x1bPq\x1b\\ \u009b1m",
		"لا إله إلا الله سلام",
		"مَرْحَبًا \u0301x a\u0301\u0302 ",
		"漢字🔹 a\tb\t\tc",
		"\u202Eabc\u202C \u2067שלום\u2069 \u200E\u200F\u061C",
		"a\u2028b\u2029c\r\n\u0085",
		"word\u200cword\u200dx\u00ad\ufeff",
		"۱۲۳ ١٢٣ 123 ($5.00) - %٥",
		"     ",
		"abcdefghijklmnopqrstuvwxyz",
	} {
		for _, w := range []uint8{0, 1, 2, 3, 7, 20} {
			f.Add(s, w, uint16(w)*37)
		}
	}
	var l Layouter
	f.Fuzz(func(t *testing.T, s string, width uint8, flags uint16) {
		opts := fuzzOptions(width, flags)
		text := []rune(s)
		p := l.Layout(text, 7, opts)
		checkParagraph(t, text, 7, opts, p)
		var want []byte
		for i := range p.Lines {
			want = append(p.Lines[i].AppendTo(want), '\n')
		}
		var l2 Layouter
		if got := l2.AppendText(nil, text, opts); string(got) != string(want) {
			t.Fatalf("AppendText %q, Layout %q", got, want)
		}
		for _, r := range Paragraphs(text) {
			if r.Start > r.End || r.End > len(text) {
				t.Fatalf("paragraph %v", r)
			}
		}
		if w := int(width % 100); w > 0 {
			for _, tail := range []string{"", "…"} {
				if got := Truncate(s, w, tail); StringWidth(got) > w {
					t.Fatalf("Truncate(%q, %d) = %q is wider", s, w, got)
				}
			}
		}
	})
}
