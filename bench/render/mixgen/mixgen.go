// Package mixgen generates deterministic mixed-script text for the render comparison test and
// benchmark: Arabic (with some harakat), Persian (with ZWNJ), Hebrew (with some points) and
// Latin words, numbers in ASCII, Arabic-Indic and Persian digits, brackets, quotes,
// punctuation, URLs and an emoji.
//
// It keeps to characters whose Unicode properties (bidi class, mirroring, bracket pairs,
// joining type) are the same in Unicode 10 (fribidi 1.0.8) and Unicode 16, so that fribidi can
// be the reference.
package mixgen

import (
	"io"
	"math/rand/v2"
	"strings"
)

var (
	arabic = strings.Fields("معاهدة الدفاع المشترك كوريا الشمالية الرئيس الروسي بوتين وقع قانون المصادقة " +
		"على موقعه الإلكتروني مساء السبت التعاون الأمني بين البلدين الحرب الباردة لا إلى الأوكرانية " +
		"الاتفاق طابعا رسميا مجلس الشيوخ في البرلمان عام خلال زيارة نادرة لبوتين ضد أحد هجوم")
	harakat = []rune{0x064B, 0x064E, 0x064F, 0x0650, 0x0651, 0x0652}
	persian = strings.Fields("پیمان دفاعی مشترک کره شمالی رئیس‌جمهور روسیه گزارش خبرگزاری می‌گوید " +
		"نیروهای اوکراین ژنرال چین پارلمان سفر گفت‌وگو همکاری امنیتی کشور")
	hebrew = strings.Fields("הסכם הגנה משותף צפון קוריאה נשיא רוסיה פוטין חתם על החוק")
	points = []rune{0x05B0, 0x05B4, 0x05B7, 0x05B8, 0x05BC}
	latin  = strings.Fields("Putin Kim Jong Un treaty defence Reuters AFP GMT November signed Moscow " +
		"Pyongyang Kyiv NATO UN said the of and BBC")
	urls  = []string{"https://example.com/news?id=42", "www.reuters.com", "t.me/channel", "user@example.org"}
	punct = []string{".", ",", ":", ";", "!", "?", "،", "؛", "؟", "-", "/", "...", "%", "+", "$"}
	pairs = [][2]string{{"(", ")"}, {"[", "]"}, {"{", "}"}, {"<", ">"}, {"«", "»"}, {"\"", "\""}, {"'", "'"}}
	emoji = []string{"🔹", "🇺🇳", "✅"}
)

// digits returns n in the given digit script: 0 ASCII, 1 Arabic-Indic, 2 Persian.
func digits(n int, script int) string {
	s := []rune(strings.TrimSpace(itoa(n)))
	if script == 0 {
		return string(s)
	}
	base := rune(0x0660)
	if script == 2 {
		base = 0x06F0
	}
	for i, r := range s {
		s[i] = base + r - '0'
	}
	return string(s)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// Generator writes lines; the same seed gives the same text.
type Generator struct{ r *rand.Rand }

// New returns a generator seeded with seed.
func New(seed uint64) *Generator {
	return &Generator{r: rand.New(rand.NewPCG(seed, 0x68617368697961))}
}

func (g *Generator) pick(s []string) string { return s[g.r.IntN(len(s))] }

func (g *Generator) word(script int) string {
	switch script {
	case 0:
		w := g.pick(arabic)
		if g.r.IntN(6) == 0 { // a haraka after the first letter
			rs := []rune(w)
			return string(rs[:1]) + string(harakat[g.r.IntN(len(harakat))]) + string(rs[1:])
		}
		return w
	case 1:
		return g.pick(persian)
	case 2:
		w := g.pick(hebrew)
		if g.r.IntN(5) == 0 {
			rs := []rune(w)
			return string(rs[:1]) + string(points[g.r.IntN(len(points))]) + string(rs[1:])
		}
		return w
	default:
		return g.pick(latin)
	}
}

func (g *Generator) number() string {
	script := g.r.IntN(3)
	switch g.r.IntN(5) {
	case 0: // a date
		sep := "/"
		if g.r.IntN(2) == 0 {
			sep = "-"
		}
		return digits(2000+g.r.IntN(30), script) + sep + digits(1+g.r.IntN(12), script) + sep + digits(1+g.r.IntN(28), script)
	case 1: // a time
		return digits(g.r.IntN(24), script) + ":" + digits(10+g.r.IntN(50), script)
	case 2: // a decimal with grouping
		return digits(1+g.r.IntN(999), script) + "," + digits(100+g.r.IntN(900), script) + "." + digits(g.r.IntN(10), script)
	default:
		return digits(g.r.IntN(100000), script)
	}
}

// Line returns one line (no terminator) of about words tokens.
func (g *Generator) Line(words int) string {
	var b strings.Builder
	main := g.r.IntN(4) // the line's main script: Arabic, Persian, Hebrew, Latin
	if main == 3 && g.r.IntN(2) == 0 {
		main = g.r.IntN(3) // mostly right-to-left text
	}
	open := ""
	for i := 0; i < words; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch k := g.r.IntN(20); {
		case k < 11:
			b.WriteString(g.word(main))
		case k < 13:
			b.WriteString(g.word(3))
		case k < 14:
			b.WriteString(g.word(g.r.IntN(3)))
		case k < 16:
			b.WriteString(g.number())
		case k < 17:
			if open == "" {
				p := pairs[g.r.IntN(len(pairs))]
				b.WriteString(p[0])
				b.WriteString(g.word(g.r.IntN(4)))
				open = p[1]
			} else {
				b.WriteString(g.word(main))
				b.WriteString(open)
				open = ""
			}
		case k < 19:
			b.WriteString(g.word(main))
			b.WriteString(g.pick(punct))
		default:
			if g.r.IntN(2) == 0 {
				b.WriteString(g.pick(urls))
			} else {
				b.WriteString(g.pick(emoji))
			}
		}
	}
	b.WriteString(open)
	if g.r.IntN(3) > 0 {
		b.WriteString(g.pick([]string{".", "!", "?", "؟", ":"}))
	}
	return b.String()
}

// Write writes lines of up to maxWords tokens until at least size bytes are written, and
// returns the number of lines.
func (g *Generator) Write(w io.Writer, size int64, maxWords int) (int, error) {
	var n int64
	lines := 0
	for n < size {
		s := g.Line(1+g.r.IntN(maxWords)) + "\n"
		k, err := io.WriteString(w, s)
		n += int64(k)
		lines++
		if err != nil {
			return lines, err
		}
	}
	return lines, nil
}
