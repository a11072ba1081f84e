package suggest

import (
	"unicode/utf8"

	"github.com/hashiya/hashiya/model"
)

// Proclitics are written glued to the next word: و ف (and, so), ب ل ك (with, for,
// like), and the article ال (لل after ل). A prefix is at most one of each, in that
// order; the article counts only for a phrase that has no article of its own.
//
// A prefix of up to maxProclitic keys, each one of the six letters proclitics are made
// of, is numbered in base 7 (see procliticCode); procliticOf says what each number is.
const (
	maxProclitic  = 4 // keys: و + ل + ال
	procliticBase = 7
)

// What a prefix of keys is.
const (
	procliticStart   uint8 = 1 << iota // the beginning of a proclitic (or one)
	procliticPlain                     // a proclitic without the article
	procliticArticle                   // a proclitic ending in the article
)

var procliticOf [procliticBase * procliticBase * procliticBase * procliticBase]uint8

func init() {
	mark := func(p string, kind uint8) {
		code := 0
		for _, r := range p {
			code = procliticCode(code, r)
			procliticOf[code] |= procliticStart
		}
		procliticOf[code] |= kind
	}
	for _, conj := range []string{"", "و", "ف"} {
		for _, prep := range []string{"", "ب", "ل", "ك"} {
			if p := conj + prep; p != "" {
				mark(p, procliticPlain)
			}
			mark(conj+prep+"ال", procliticArticle)
		}
		mark(conj+"لل", procliticArticle)
	}
}

// procliticCode is the number of the prefix numbered code followed by r; 0 when r is
// no proclitic letter.
func procliticCode(code int, r rune) int {
	switch r {
	case 'و':
		return code*procliticBase + 1
	case 'ف':
		return code*procliticBase + 2
	case 'ب':
		return code*procliticBase + 3
	case 'ل':
		return code*procliticBase + 4
	case 'ك':
		return code*procliticBase + 5
	case 'ا':
		return code*procliticBase + 6
	}
	return 0
}

// startsWithArticle tells whether a key begins with ال.
func startsWithArticle(key string) bool { return len(key) > len("ال") && key[:len("ال")] == "ال" }

// procliticCut is one way to read a token as proclitics and a word.
type procliticCut struct {
	rest    string // the word's key (or text, matching exactly)
	key     string // the word's key
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
	b, code := 0, 0
	for n := 1; n <= maxProclitic && n <= nkeys-2; n++ {
		r, size := utf8.DecodeRuneInString(t.key[b:])
		b += size
		if code = procliticCode(code, r); code == 0 || procliticOf[code]&procliticStart == 0 {
			break // no proclitic begins so
		}
		kind := procliticOf[code]
		if kind&(procliticPlain|procliticArticle) == 0 {
			continue
		}
		i, ok := afterKeys(t.src, n)
		if !ok {
			continue
		}
		key := t.key[b:] // the marks skipped after the proclitics have no keys
		rest := key
		if exact {
			rest = t.text[byteLen(t.src[:i]):]
		}
		out = append(out, procliticCut{rest: rest, key: key, offset: t.start + i, article: kind&procliticArticle != 0})
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
