package annotations

import (
	"strings"
	"unicode"
)

// numWord is one word of a text searched for a number, with its code-point
// offsets (trailing punctuation cut off).
type numWord struct {
	raw        string // as written, punctuation trimmed
	norm       string // digits in ASCII, spelling folded (normWord)
	start, end int    // code points in the searched text
	clauseEnd  bool   // punctuation after it ends the clause (. ، ؛ : ! ?)
}

// wordBreak separates words; numWords also splits digits from a letter they
// are glued to («بـ10», «و10») and a percent sign from its number.
const wordBreak = "()[]{}«»\"'“”‘’:؛;!؟?"

// numWords splits text into words for the number finder.
func numWords(text string) []numWord {
	var out []numWord
	rs := []rune(text)
	flush := func(s, e int) {
		// Trim punctuation at both ends, remembering a clause break.
		brk := false
		for e > s && strings.ContainsRune(".,،٫٬-–—…", rs[e-1]) {
			if rs[e-1] != '-' {
				brk = true
			}
			e--
		}
		for s < e && strings.ContainsRune(".,،-–—…ـ", rs[s]) {
			s++
		}
		if s == e {
			if brk && len(out) > 0 {
				out[len(out)-1].clauseEnd = true
			}
			return
		}
		raw := string(rs[s:e])
		out = append(out, numWord{raw: raw, norm: normWord(normDigits(raw)), start: s, end: e, clauseEnd: brk})
	}
	isDigit := func(r rune) bool { return unicode.IsDigit(r) }
	start := -1
	for i, r := range rs {
		if unicode.IsSpace(r) || strings.ContainsRune(wordBreak, r) {
			if start >= 0 {
				flush(start, i)
				start = -1
			}
			if strings.ContainsRune(":؛;!؟?", r) && len(out) > 0 {
				out[len(out)-1].clauseEnd = true
			}
			continue
		}
		glued := start >= 0 && (isDigit(r) && unicode.IsLetter(rs[i-1]) || // «و10», «بـ10» (tatweel is a letter)
			(r == '%' || r == '٪') && isDigit(rs[i-1])) // «10%»: % is the unit
		if glued {
			flush(start, i)
			start = i
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		flush(start, len(rs))
	}
	return out
}

// ambiguousAlone are number words that are more often something else when
// they stand alone: «نه» (no), «ده» (village), «یک» (a), «أحد» (one of),
// «ست» (lady), «سي» (the C of «بي بي سي»). They count inside a longer phrase.
var ambiguousAlone = map[string]bool{"نه": true, "ده": true, "يك": true, "احد": true, "ست": true, "سي": true}

// yearWords before a bare four-digit number, and month names around a
// number, mark a date, not a quantity.
var yearWords = map[string]bool{"عام": true, "العام": true, "لعام": true, "سنه": true, "السنه": true, "سال": true}

var monthWords = map[string]bool{
	"يناير": true, "فبراير": true, "مارس": true, "ابريل": true, "مايو": true, "يونيو": true, "يوليو": true,
	"اغسطس": true, "سبتمبر": true, "اكتوبر": true, "نوفمبر": true, "ديسمبر": true,
	"ژانويه": true, "فوريه": true, "اوريل": true, "مه": true, "ژوئن": true, "ژوئيه": true, "اوت": true,
	"سپتامبر": true, "اكتبر": true, "نوامبر": true, "دسامبر": true,
}

// afterQualifiers follow the number: «10 آلاف تقريبا», «500 فأكثر».
var afterQualifiers = []struct {
	words []string
	q     string
}{{[]string{"تقريبا"}, QualApprox}, {[]string{"فاكثر"}, QualMoreThan}, {[]string{"او", "اكثر"}, QualMoreThan}}

// unitStop are words after a number that are not the counted noun.
var unitStop = map[string]bool{"في": true, "علي": true, "الي": true, "عن": true, "الا": true, "او": true,
	"در": true, "تا": true, "به": true, "با": true, "كه": true, "را": true, "": true}

// NumberPhrase is a quantity phrase found in a text. Numeric.Surface is the
// phrase with its qualifier words; SurfaceStart/SurfaceEnd are its
// code-point offsets in the text searched.
type NumberPhrase struct {
	Numeric
	Qualified bool // a qualifier word was read (otherwise Qualifier is exact by default)
}

// FindNumber finds the first quantity phrase anywhere in text: digits of
// any script with ٬ ، , . ٫ separators, Arabic and Persian number words and
// scale words (آلاف ألف مليون مليار هزار میلیون), the qualifier of the words
// around it (حوالى, أكثر من, بیش از, كمتر از, … تقريبا; default exact)
// and the counted noun that follows as unit (skipping «من»/«از»). Years
// («عام 2024») and dates («19 يونيو») are passed over.
func FindNumber(text string) (NumberPhrase, bool) {
	ws := numWords(text)
	for i := 0; i < len(ws); i++ {
		val, end, strong, ok := readNumber(ws, i)
		if !ok {
			continue
		}
		if !strong || isDate(ws, i, end, val) {
			i = end - 1
			continue
		}
		p := phraseAt(ws, i, end, val)
		p.Surface = string([]rune(text)[p.SurfaceStart:p.SurfaceEnd])
		return p, true
	}
	return NumberPhrase{}, false
}

// readNumber reads the number starting at word i; end is one past its last
// number word. strong is false for a lone ambiguous word.
func readNumber(ws []numWord, i int) (val float64, end int, strong, ok bool) {
	var total, cur float64
	words := 0
	for j := i; j < len(ws); j++ {
		w := ws[j].norm
		numeral := strings.TrimRight(w, ".,،")
		matched := true
		if v, isNum := parseNumeral(numeral); isNum {
			if cur != 0 {
				break // «2024 10»: two numbers, not one
			}
			cur, strong = v, true
		} else if v, isWord := numberWords[w]; isWord {
			cur += v
			strong = strong || !ambiguousAlone[w] || words > 0
		} else if v, isHundred := hundredWords[w]; isHundred {
			if v == 100 && cur > 0 {
				cur *= v
			} else {
				cur += v
			}
			strong = true
		} else if v, isBig := bigWords[w]; isBig {
			if cur == 0 {
				cur = 1
			}
			total += cur * v
			cur, strong = 0, true
		} else if words > 0 && w == "" && j+1 < len(ws) && !ws[j].clauseEnd {
			matched = false // «و» between number words: part of the phrase only if one follows
		} else {
			break
		}
		if matched {
			words++
			end = j + 1
			if words > 1 {
				strong = true
			}
		}
		if ws[j].clauseEnd {
			break
		}
	}
	if words == 0 {
		return 0, 0, false, false
	}
	return total + cur, end, strong, true
}

// isDate tells a year («عام 2024», «يونيو 2024») or a day («19 يونيو») from a count.
func isDate(ws []numWord, i, end int, val float64) bool {
	if end-i != 1 || val != float64(int(val)) {
		return false
	}
	prev, next := "", ""
	if i > 0 {
		prev = ws[i-1].norm
	}
	if end < len(ws) {
		next = ws[end].norm
	}
	if monthWords[next] && val >= 1 && val <= 31 {
		return true
	}
	return val >= 1000 && val <= 2100 && (yearWords[prev] || monthWords[prev])
}

// phraseAt builds the phrase for the number in words [i,end): qualifier
// before or after it, surface, unit.
func phraseAt(ws []numWord, i, end int, val float64) NumberPhrase {
	p := NumberPhrase{Numeric: Numeric{Value: val, Qualifier: QualExact}}
	first, last := i, end-1
	for _, qp := range qualifierPhrases {
		k := len(qp.words)
		if i >= k && wordsMatch(ws[i-k:i], qp.words) && !ws[i-1].clauseEnd {
			p.Qualifier, p.Qualified, first = qp.q, true, i-k
			break
		}
	}
	next := end
	if !ws[last].clauseEnd {
		if q, n := qualifierAfter(ws, next); n > 0 {
			if !p.Qualified {
				p.Qualifier, p.Qualified = q, true
			}
			last, next = next+n-1, next+n
		}
	}
	p.SurfaceStart, p.SurfaceEnd = ws[first].start, ws[last].end
	for j := next; j < len(ws) && !ws[j-1].clauseEnd; j++ {
		w := ws[j].norm
		if w == "من" || w == "از" {
			continue
		}
		if (w == "في" || w == "فى") && j+1 < len(ws) && (ws[j+1].norm == "المئه" || ws[j+1].norm == "المائه") {
			p.Unit = ws[j].raw + " " + ws[j+1].raw // «10 في المئة»
			break
		}
		if !unitStop[w] && !isNumberWord(w) {
			p.Unit = ws[j].raw
			if q, n := qualifierAfter(ws, j+1); n > 0 && !p.Qualified && !ws[j].clauseEnd {
				p.Qualifier, p.Qualified = q, true // «10 آلاف جندي تقريبا»
			}
		}
		break
	}
	return p
}

func qualifierAfter(ws []numWord, j int) (string, int) {
	for _, qa := range afterQualifiers {
		k := len(qa.words)
		if j+k <= len(ws) && wordsMatch(ws[j:j+k], qa.words) {
			return qa.q, k
		}
	}
	return "", 0
}

func isNumberWord(w string) bool {
	_, a := numberWords[w]
	_, b := hundredWords[w]
	_, c := bigWords[w]
	_, d := parseNumeral(w)
	return a || b || c || d
}

func wordsMatch(ws []numWord, want []string) bool {
	for k := range want {
		if ws[k].norm != want[k] {
			return false
		}
	}
	return true
}

// ParseNumber reads a number phrase typed or selected, the same way as
// FindNumber: «حوالى 10 آلاف» → (10000, approx), «أكثر من 8 آلاف جندي» →
// (8000, more-than, جندي). Surface is the number phrase exactly as in s,
// SurfaceStart/SurfaceEnd its code-point offsets in s. ok is false when s
// holds no number.
func ParseNumber(s string) (Numeric, bool) {
	p, ok := FindNumber(s)
	return p.Numeric, ok
}
