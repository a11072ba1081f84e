package suggest

import "testing"

func tok(t *testing.T, pattern string) *Matcher {
	t.Helper()
	return compile(t, Options{}, `{"label":"X","pattern":`+pattern+`}`)
}

func TestTokenAttributes(t *testing.T) {
	cases := []struct {
		pattern, text string
		want          []string
	}{
		{`[{"ORTH":"Putin"}]`, "Putin putin", []string{"X:Putin"}},
		{`[{"TEXT":"بوتين"}]`, "بوتين بوتين", []string{"X:بوتين", "X:بوتين"}},
		{`[{"LOWER":"putin"}]`, "Putin PUTIN", []string{"X:Putin", "X:PUTIN"}},
		{`[{"NORM":"أمريكا"}]`, "امريكا آمریکا امريكية", []string{"X:امريكا", "X:آمریکا"}},
		{`[{"LENGTH":3}]`, "ab abc ١٢٣", []string{"X:abc", "X:١٢٣"}},
		{`[{"IS_ALPHA":true}]`, "كَتَبَ 12 می‌خواهد !", []string{"X:كَتَبَ", "X:می‌خواهد"}},
		{`[{"IS_DIGIT":true}]`, "12 ۱۲ ١٢ 1.5 a1", []string{"X:12", "X:۱۲", "X:١٢"}},
		{`[{"IS_PUNCT":true}]`, "قال: «لا»", []string{"X::", "X:«", "X:»"}},
		{`[{"IS_SPACE":true}]`, "a  b", nil}, // white space is not a token
		{`[{"IS_TITLE":true}]`, "New york USA", []string{"X:New"}},
		{`[{"IS_UPPER":true}]`, "New USA بوتين", []string{"X:USA"}},
		{`[{"IS_LOWER":true}]`, "New usa بوتين", []string{"X:usa"}},
		{`[{"LIKE_NUM":true}]`, "10,000 ٣٫٥ ۱۰٬۰۰۰ 1/2 ten", []string{"X:10,000", "X:٣٫٥", "X:۱۰٬۰۰۰", "X:1/2"}},
		{`[{"LIKE_URL":true}]`, "see https://example.com/a now", []string{"X:https://example.com/a"}},
		{`[{"lower":"putin"}]`, "Putin", []string{"X:Putin"}}, // attribute names in any case
	}
	for _, c := range cases {
		wantFound(t, tok(t, c.pattern), c.text, c.want...)
	}
}

func TestTokenValueDicts(t *testing.T) {
	wantFound(t, tok(t, `[{"TEXT":{"REGEX":"^ال"}}]`), "الرئيس رئيس", "X:الرئيس")
	wantFound(t, tok(t, `[{"LOWER":{"IN":["putin","xi"]}}]`), "Putin Xi Biden", "X:Putin", "X:Xi")
	wantFound(t, tok(t, `[{"NORM":{"IN":["أنقرة"]}}]`), "انقره", "X:انقره")
	wantFound(t, tok(t, `[{"IS_ALPHA":true,"LOWER":{"NOT_IN":["the","a"]}}]`), "the cat a dog", "X:cat", "X:dog")
	wantFound(t, tok(t, `[{"LENGTH":{">=":3,"<":5}}]`), "a ab abc abcd abcde", "X:abc", "X:abcd")
	wantFound(t, tok(t, `[{"LENGTH":{"==":2}}]`), "a ab", "X:ab")
	wantFound(t, tok(t, `[{"LENGTH":{"!=":2}}]`), "a ab", "X:a")
	wantFound(t, tok(t, `[{"LENGTH":{">":1,"<=":2}}]`), "a ab abc", "X:ab")
}

func TestTokenOperators(t *testing.T) {
	cases := []struct {
		pattern, text string
		want          []string
	}{
		// ! is one token that does not meet the conditions
		{`[{"LOWER":"the"},{"IS_PUNCT":true,"OP":"!"}]`, "the cat the .", []string{"X:the cat"}},
		{`[{"LOWER":"mr"},{"IS_PUNCT":true,"OP":"?"},{"IS_TITLE":true}]`, "Mr. Smith mr Jones", []string{"X:Mr. Smith", "X:mr Jones"}},
		{`[{"TEXT":"ال"},{"IS_DIGIT":true,"OP":"+"}]`, "ال 1 2 3 ال x", []string{"X:ال 1 2 3"}},
		{`[{"TEXT":"a"},{"TEXT":"b","OP":"*"},{"TEXT":"c"}]`, "a c a b b c", []string{"X:a c", "X:a b b c"}},
		{`[{"IS_DIGIT":true,"OP":"{2}"}]`, "1 2 3 4 5", []string{"X:1 2", "X:3 4"}},
		{`[{"IS_DIGIT":true,"OP":"{2,3}"}]`, "1 2 3 4 5", []string{"X:1 2 3", "X:4 5"}},
		{`[{"IS_DIGIT":true,"OP":"{3,}"}]`, "1 2 x 1 2 3 4", []string{"X:1 2 3 4"}},
		{`[{"TEXT":"x"},{"IS_DIGIT":true,"OP":"{,2}"}]`, "x 1 2 3 x", []string{"X:x 1 2", "X:x"}},
		// backtracking: + gives back a token the next spec needs
		{`[{"IS_ALPHA":true,"OP":"+"},{"LOWER":"bank"}]`, "the world bank", []string{"X:the world bank"}},
	}
	for _, c := range cases {
		wantFound(t, tok(t, c.pattern), c.text, c.want...)
	}
}

func TestTokenPatternAfterProclitic(t *testing.T) {
	m := compile(t, Options{Proclitics: true}, `{"label":"GPE","pattern":[{"NORM":"واشنطن"}]}`)
	wantFound(t, m, "وواشنطن واشنطن", "GPE:واشنطن", "GPE:واشنطن")
}

func TestTokenAndPhrasePatternsTogether(t *testing.T) {
	m := compile(t, Options{}, `{"label":"GPE","pattern":"موسكو"}`, `{"label":"Q","pattern":[{"LIKE_NUM":true}]}`)
	wantFound(t, m, "10 جنود في موسكو", "Q:10", "GPE:موسكو")
}
