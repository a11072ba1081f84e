package suggest

import "github.com/hashiya/hashiya/model"

// Proclitics are written glued to the next word: و ف (and, so), ب ل ك (with, for,
// like), and the article ال (لل after ل). A prefix is at most one of each, in that
// order; the article counts only for a phrase that has no article of its own.
var (
	procliticPlain   = map[string]bool{} // without the article
	procliticArticle = map[string]bool{} // ending in the article
	maxProclitic     = 4                 // keys: و + ل + ال
)

func init() {
	for _, conj := range []string{"", "و", "ف"} {
		for _, prep := range []string{"", "ب", "ل", "ك"} {
			if p := conj + prep; p != "" {
				procliticPlain[p] = true
			}
			procliticArticle[conj+prep+"ال"] = true
		}
		procliticArticle[conj+"لل"] = true
	}
}

// startsWithArticle tells whether a key begins with ال.
func startsWithArticle(key string) bool { return len(key) > len("ال") && key[:len("ال")] == "ال" }

// procliticCut is one way to read a token as proclitics and a word.
type procliticCut struct {
	rest    string // the word's key (or text, matching exactly)
	offset  int    // where the word starts in the document
	article bool   // the proclitics end in an article
}

// procliticCuts lists the readings of t as proclitics + a word (the word at least two
// letters long), in addition to t itself. A cut inside a ligature (ﻻ) is not one.
func procliticCuts(t *token, exact bool, out []procliticCut) []procliticCut {
	out = out[:0]
	if !startsWithProclitic(t.key) {
		return out
	}
	keys := []rune(t.key)
	runes := []rune(t.text)
	for n := 1; n <= maxProclitic && n <= len(keys)-2; n++ {
		pre := string(keys[:n])
		plain, art := procliticPlain[pre], procliticArticle[pre]
		if !plain && !art {
			continue
		}
		i, ok := afterKeys(runes, n)
		if !ok {
			continue
		}
		rest := string(keys[n:])
		if exact {
			rest = string(runes[i:])
		}
		out = append(out, procliticCut{rest: rest, offset: t.start + i, article: art})
	}
	return out
}

// afterKeys is the index in runes after its first n keys and the marks that follow
// them; false when the n-th key is inside a ligature.
func afterKeys(runes []rune, n int) (int, bool) {
	seen := 0
	i := 0
	for ; i < len(runes) && seen < n; i++ {
		switch k := model.SearchKeyOf(runes[i]); {
		case k > 0:
			seen++
		case k < 0:
			seen += len(model.AppendSearchKeys(nil, string(runes[i])))
			if seen > n {
				return 0, false
			}
		}
	}
	for i < len(runes) && model.SearchKeyOf(runes[i]) == 0 {
		i++
	}
	return i, seen == n
}

// startsWithProclitic: the key's first letter is one a proclitic begins with.
func startsWithProclitic(key string) bool {
	for _, r := range key {
		switch r {
		case 'و', 'ف', 'ب', 'ل', 'ك', 'ا':
			return true
		}
		return false
	}
	return false
}
