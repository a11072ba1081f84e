package suggest

import (
	"unicode/utf8"

	"github.com/hashiya/hashiya/model"
)

// Proclitics are written glued to the next word: و ف (and, so), ب ل ك (with, for,
// like), and the article ال (لل after ل). A prefix is at most one of each, in that
// order; the article counts only for a phrase that has no article of its own.
var (
	procliticPlain   = map[string]bool{} // without the article
	procliticArticle = map[string]bool{} // ending in the article
	procliticStart   = map[string]bool{} // every beginning of one
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
	for _, set := range []map[string]bool{procliticPlain, procliticArticle} {
		for p := range set {
			r := []rune(p)
			for i := 1; i <= len(r); i++ {
				procliticStart[string(r[:i])] = true
			}
		}
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
	nkeys := utf8.RuneCountInString(t.key)
	b := 0
	for n := 1; n <= maxProclitic && n <= nkeys-2; n++ {
		_, size := utf8.DecodeRuneInString(t.key[b:])
		b += size
		pre := t.key[:b]
		if !procliticStart[pre] {
			break // no proclitic begins so
		}
		plain, art := procliticPlain[pre], procliticArticle[pre]
		if !plain && !art {
			continue
		}
		i, ok := afterKeys(t.src, n)
		if !ok {
			continue
		}
		rest := t.key[b:]
		if exact {
			rest = t.text[byteLen(t.src[:i]):]
		}
		out = append(out, procliticCut{rest: rest, offset: t.start + i, article: art})
	}
	return out
}

// afterKeys is where src continues after its first n keys and the marks that follow
// them, in code points; false when the n-th key is inside a ligature.
func afterKeys(src []rune, n int) (cp int, ok bool) {
	seen := 0
	for cp < len(src) && seen < n {
		switch k := model.SearchKeyOf(validRune(src[cp])); {
		case k > 0:
			seen++
		case k < 0:
			seen += len(model.AppendSearchKeys(nil, string(src[cp])))
			if seen > n {
				return 0, false
			}
		}
		cp++
	}
	for cp < len(src) && model.SearchKeyOf(validRune(src[cp])) == 0 {
		cp++
	}
	return cp, seen == n
}

// byteLen is the length of src in UTF-8 (as string(src)).
func byteLen(src []rune) int {
	n := 0
	for _, r := range src {
		n += utf8.RuneLen(validRune(r))
	}
	return n
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
