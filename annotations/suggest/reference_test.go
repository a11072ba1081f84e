package suggest

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/model"
	"github.com/hashiya/hashiya/text/segment"
)

// A reference matcher for phrase patterns, written from the package doc and nothing
// else: every phrase tried at every token of the whole text, as segment.Runes (uniseg)
// cuts it, its proclitic readings spelled out from the list of proclitics. No
// automaton, windows, Segmenter, trie or shared buffers: Match must give exactly what
// it gives.

type refToken struct {
	start, end int
	runes      []rune
	text, key  string
}

func refTokens(text []rune) []refToken {
	var out []refToken
	for _, sg := range segment.Runes(text) {
		if sg.Kind == segment.Space {
			continue
		}
		rs := text[sg.Start:sg.End]
		out = append(out, refToken{sg.Start, sg.End, rs, string(rs), string(model.AppendSearchKeys(nil, strings.Map(dropSpace, string(rs))))})
	}
	return out
}

func dropSpace(r rune) rune {
	if segment.IsSpace(r) {
		return -1
	}
	return r
}

// refProclitics: و or ف, then ب ل or ك, at most one of each (plain); or those followed
// by the article ال, or و/ف then لل (article).
var refPlain, refArticle = refProclitics()

func refProclitics() (plain, article map[string]bool) {
	plain, article = map[string]bool{}, map[string]bool{}
	for _, conj := range []string{"", "و", "ف"} {
		for _, prep := range []string{"", "ب", "ل", "ك"} {
			if conj+prep != "" {
				plain[conj+prep] = true
			}
			article[conj+prep+"ال"] = true
		}
		article[conj+"لل"] = true
	}
	return plain, article
}

// refReading is a token read as its first word: where that starts, and what compares.
type refReading struct {
	start   int
	cmp     string
	article bool // read after proclitics ending in the article
}

func refReadings(t refToken, o Options) []refReading {
	cmp := func(key string, rs []rune) string {
		if o.Exact {
			return string(rs)
		}
		return key
	}
	out := []refReading{{t.start, cmp(t.key, t.runes), false}}
	if !o.Proclitics {
		return out
	}
	keys := []rune(t.key)
	for n := 1; n <= 4 && n <= len(keys)-2; n++ {
		pre := string(keys[:n])
		if !refPlain[pre] && !refArticle[pre] {
			continue
		}
		// the word starts after n keys and the characters search ignores after them; a
		// cut inside a ligature is not one
		seen, i := 0, 0
		for ; i < len(t.runes) && seen < n; i++ {
			seen += len(model.AppendSearchKeys(nil, string(t.runes[i])))
		}
		if seen != n {
			continue
		}
		for i < len(t.runes) && len(model.AppendSearchKeys(nil, string(t.runes[i]))) == 0 {
			i++
		}
		out = append(out, refReading{t.start + i, cmp(string(keys[n:]), t.runes[i:]), refArticle[pre]})
	}
	return out
}

// refPhrase is a phrase pattern cut into tokens, as the reference compares it.
type refPhrase struct {
	index int
	toks  []refToken
}

// refMatcher returns the reference's matching function for ps.
func refMatcher(ps []Pattern, o Options) func(text []rune) []Match {
	byFirst := map[string][]refPhrase{} // by what their first token compares
	for i, p := range ps {
		toks := refTokens([]rune(p.Phrase))
		keys := ""
		for _, t := range toks {
			keys += t.key
		}
		if keys == "" {
			continue // nothing search can match
		}
		first := toks[0].key
		if o.Exact {
			first = toks[0].text
		}
		byFirst[first] = append(byFirst[first], refPhrase{i, toks})
	}
	return func(text []rune) []Match { return refMatch(text, ps, o, byFirst) }
}

func refMatch(text []rune, ps []Pattern, o Options, byFirst map[string][]refPhrase) []Match {
	same := func(a, b refToken) bool {
		if o.Exact {
			return a.text == b.text
		}
		return a.key == b.key
	}
	toks := refTokens(text)
	var out []Match
	for i, t := range toks {
		for _, rd := range refReadings(t, o) {
			for _, ph := range byFirst[rd.cmp] {
				if first := ph.toks[0].key; rd.article && strings.HasPrefix(first, "ال") && first != "ال" {
					continue // an article cut off before a phrase with its own
				}
				n := len(ph.toks)
				if i+n > len(toks) {
					continue
				}
				ok := true
				for j := 1; j < n && ok; j++ {
					ok = same(toks[i+j], ph.toks[j])
				}
				if ok {
					p := ps[ph.index]
					out = append(out, Match{rd.start, toks[i+n-1].end, p.Label, p.Ref(), ph.index})
				}
			}
		}
	}
	sort.Slice(out, func(a, b int) bool {
		x, y := out[a], out[b]
		if x.Start != y.Start {
			return x.Start < y.Start
		}
		if x.End != y.End {
			return x.End < y.End
		}
		return x.Index < y.Index
	})
	dedup := out[:0]
	for i, x := range out {
		if i == 0 || x != out[i-1] {
			dedup = append(dedup, x)
		}
	}
	return dedup
}

// genWords are the words the generated news text is made of: Arabic and Persian
// names and words (with and without the article, with ZWNJ), Latin, numbers of three
// digit scripts, a URL.
var genWords = strings.Fields("بوتين كوريا الشمالية واشنطن موسكو الرئيس رئيس الأمم المتحدة أنقرة إيران " +
	"پیونگ یانگ کره شمالی روسیه می\u200cخواهد خانه\u200cها وزیر خارجه مجلس الشورى قالت إن في من على " +
	"لبنان ليبيا ولاية بلاد فلسطين كييف Putin Kim NATO U.N. 10 ١٠ ۱۰ 10,000 ٣٫٥ ۱۰٬۰۰۰ 2024-06-19 ١٩/٦ www.bbc.com")

// variant spells w as scraped text does: other forms of alef, yeh, teh marbuta and
// kaf, harakat, tatweel, a ZWNJ, a ligature.
func variant(rng *rand.Rand, w string) string {
	var b strings.Builder
	for _, r := range w {
		switch {
		case r == 'ا' && rng.IntN(4) == 0:
			r = []rune("أإآ")[rng.IntN(3)]
		case r == 'ي' && rng.IntN(3) == 0:
			r = []rune("ىی")[rng.IntN(2)]
		case r == 'ة' && rng.IntN(3) == 0:
			r = 'ه'
		case r == 'ك' && rng.IntN(3) == 0:
			r = 'ک'
		}
		b.WriteRune(r)
		if r >= 0x0621 && r <= 0x064A {
			switch rng.IntN(12) {
			case 0:
				b.WriteRune(rune(0x064B + rng.IntN(8))) // a haraka
			case 1:
				b.WriteRune('ـ')
			case 2:
				b.WriteRune('\u200c')
			}
		}
	}
	s := b.String()
	if rng.IntN(20) == 0 {
		s = strings.Replace(s, "لا", "\uFEFB", 1) // the lam-alef ligature
	}
	return s
}

var genProclitics = []string{"و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "لل", "فب", "وب", "ول", "فلل", "ـ", "و\u064e"}
var genSeparators = []string{" ", " ", " ", "  ", "\n", "\u00a0", "\u200b", "\t", "، ", ". ", " «", "» ", " (", ") ", ":", "؟ ", "-", "/", ""}

// genText is news-like text of n words.
func genText(rng *rand.Rand, n int) []rune {
	var b strings.Builder
	for range n {
		w := genWords[rng.IntN(len(genWords))]
		if rng.IntN(4) == 0 {
			w = genProclitics[rng.IntN(len(genProclitics))] + w
		}
		b.WriteString(variant(rng, w))
		b.WriteString(genSeparators[rng.IntN(len(genSeparators))])
	}
	return []rune(b.String())
}

// genPatterns are phrases of one to three words of genWords (some spelled otherwise,
// with an article, a proclitic or a tatweel of their own) and runs of segments taken
// from texts.
func genPatterns(t *testing.T, rng *rand.Rand, texts [][]rune, n int) []Pattern {
	var lines []string
	add := func(p string) {
		b, _ := json.Marshal(map[string]string{"label": "L", "pattern": p})
		lines = append(lines, string(b))
	}
	for len(lines) < n/2 {
		var ws []string
		for range 1 + rng.IntN(3) {
			w := genWords[rng.IntN(len(genWords))]
			switch rng.IntN(8) {
			case 0:
				w = "ال" + w
			case 1:
				w = variant(rng, w)
			case 2:
				w = genProclitics[rng.IntN(len(genProclitics))] + w
			}
			ws = append(ws, w)
		}
		add(strings.Join(ws, " "))
	}
	for len(lines) < n {
		text := texts[rng.IntN(len(texts))]
		segs := segment.Runes(text)
		i, k := rng.IntN(len(segs)), 1+rng.IntN(5)
		if i+k <= len(segs) && segs[i].Kind.IsWord() {
			add(string(text[segs[i].Start:segs[i+k-1].End]))
		}
	}
	add("ـ")       // nothing search can match: left out
	add("ـ بوتين") // a phrase starting with a token without keys
	ps, _, err := Parse(strings.NewReader(strings.Join(lines, "\n")), "gen.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// TestMatchAsReference: Match gives exactly the reference's matches, on the sample
// corpus and on generated text with proclitics, ZWNJ, harakat, tatweel, letter variants,
// ligatures, digits of three scripts, odd white space and punctuation, for every
// combination of options.
func TestMatchAsReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 23))
	texts := sampleTexts(t)
	for range 300 {
		texts = append(texts, genText(rng, 5+rng.IntN(60)))
	}
	ps := genPatterns(t, rng, texts, 1500)
	for _, o := range []Options{{}, {Proclitics: true}, {Exact: true}, {Exact: true, Proclitics: true}} {
		m, _ := Compile(ps, o)
		ref := refMatcher(ps, o)
		total := 0
		for _, text := range texts {
			got, want := m.Match(text), ref(text)
			if !reflect.DeepEqual(got, want) && (len(got) > 0 || len(want) > 0) {
				logDiff(t, text, got, want)
				t.Fatalf("%+v: Match found %d matches, the reference %d, in %q", o, len(got), len(want), string(text))
			}
			total += len(want)
		}
		if total < 5000 {
			t.Fatalf("%+v: only %d matches", o, total)
		}
		t.Logf("%+v: %d matches", o, total)
	}
}

func logDiff(t *testing.T, text []rune, got, want []Match) {
	in := func(xs []Match, x Match) bool {
		for _, y := range xs {
			if x == y {
				return true
			}
		}
		return false
	}
	for _, x := range want {
		if !in(got, x) {
			t.Logf("missed %+v %q", x, string(text[x.Start:x.End]))
		}
	}
	for _, x := range got {
		if !in(want, x) {
			t.Logf("added %+v %q", x, string(text[x.Start:x.End]))
		}
	}
}
