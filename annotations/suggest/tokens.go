package suggest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashiya/hashiya/model"
	"github.com/hashiya/hashiya/text/segment"
)

// token is one non-space segment of a document: its code-point range, its runes (a
// slice of the document), text and search key (see appendKeys).
type token struct {
	start, end int
	src        []rune
	text, key  string // text is left empty by a tokenizer without withText
	kind       segment.Kind
}

// tokenize segments text[from:to] (which must start and end at safe boundaries, see
// segment.Window) into tokens with offsets in text, with their text.
func tokenize(text []rune, from, to int, out []token) []token {
	z := tokenizer{withText: true}
	return z.tokenize(text, from, to, out)
}

// A tokenizer cuts stretches of a document into tokens, reusing its buffers from one
// stretch to the next: the keys of a stretch's tokens are substrings of one string,
// their text (only withText: exact matching and token patterns want it) of another.
type tokenizer struct {
	seg      segment.Segmenter
	keys     []byte
	keyEnds  []int
	withText bool
}

// tokenize appends the tokens of text[from:to] (see the function tokenize) to out.
func (z *tokenizer) tokenize(text []rune, from, to int, out []token) []token {
	first := len(out)
	z.keys, z.keyEnds = z.keys[:0], z.keyEnds[:0]
	var str string
	if z.withText {
		str = string(text[from:to])
	}
	b := 0 // byte offset of the segment in str
	for _, sg := range z.seg.Runes(text, from, to) {
		src := text[sg.Start:sg.End]
		b0 := b
		if z.withText {
			for _, r := range src {
				b += utf8.RuneLen(validRune(r))
			}
		}
		if sg.Kind == segment.Space {
			continue
		}
		for _, r := range src {
			z.keys = appendKeyBytes(z.keys, r)
		}
		z.keyEnds = append(z.keyEnds, len(z.keys))
		t := token{start: sg.Start, end: sg.End, src: src, kind: sg.Kind}
		if z.withText {
			t.text = str[b0:b]
		}
		out = append(out, t)
	}
	keys, k0 := string(z.keys), 0
	for i, k1 := range z.keyEnds {
		out[first+i].key = keys[k0:k1]
		k0 = k1
	}
	return out
}

// validRune is r, or U+FFFD for what is not a rune (as string([]rune) writes it).
func validRune(r rune) rune {
	if utf8.ValidRune(r) {
		return r
	}
	return utf8.RuneError
}

// appendKeyBytes appends the search keys of r, white space left out, in UTF-8: the
// keys of a token are those of its runes.
func appendKeyBytes(dst []byte, r rune) []byte {
	r = validRune(r)
	if isSpace(r) {
		return dst
	}
	switch k := model.SearchKeyOf(r); {
	case k > 0:
		return utf8.AppendRune(dst, k)
	case k < 0:
		var buf [8]rune
		for _, x := range model.AppendSearchKeys(buf[:0], string(r)) {
			dst = utf8.AppendRune(dst, x)
		}
	}
	return dst
}

// isSpace is segment's white space: left out of tokens and of the key stream.
func isSpace(r rune) bool { return segment.IsSpace(r) }

// appendKeys appends the search keys of r, white space left out: the keys of a token
// are those of its runes, and the keys of a document those of its tokens in a row.
func appendKeys(dst []rune, r rune) []rune {
	if isSpace(r) {
		return dst
	}
	switch k := model.SearchKeyOf(r); {
	case k > 0:
		return append(dst, k)
	case k < 0:
		return model.AppendSearchKeys(dst, string(r))
	}
	return dst
}

// keyString is the search key of s, white space left out.
func keyString(s string) string {
	var buf [64]rune
	k := buf[:0]
	ascii := true
	for _, r := range s {
		k = appendKeys(k, r)
		ascii = ascii && r < utf8.RuneSelf
	}
	if ascii && len(k) == len(s) && strings.IndexFunc(s, unicode.IsUpper) < 0 {
		return s // already its own key
	}
	return string(k)
}

func (t *token) lower() string { return strings.ToLower(t.text) }
func (t *token) length() int   { return t.end - t.start }

// isAlpha: letters only, with their combining marks and the joiners Persian writes
// inside words (Python's isalpha would refuse a word with harakat).
func (t *token) isAlpha() bool {
	letters := false
	for _, r := range t.text {
		switch {
		case unicode.IsLetter(r):
			letters = true
		case unicode.Is(unicode.Mn, r), r == '\u200c', r == '\u200d':
		default:
			return false
		}
	}
	return letters
}

func (t *token) isDigit() bool {
	for _, r := range t.text {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return t.text != ""
}

func (t *token) isPunct() bool { return t.kind == segment.Punct }

// isSpace is false for every token: white space is not a token in hashiya.
func (t *token) isSpace() bool { return false }

// isUpper and isLower follow Python: there are cased letters and all are upper (lower).
func (t *token) isUpper() bool { return cased(t.text, unicode.IsUpper, unicode.IsLower) }
func (t *token) isLower() bool { return cased(t.text, unicode.IsLower, unicode.IsUpper) }

func cased(s string, want, other func(rune) bool) bool {
	seen := false
	for _, r := range s {
		if other(r) || unicode.IsTitle(r) {
			return false
		}
		seen = seen || want(r)
	}
	return seen
}

// isTitle follows Python: cased words, each starting upper case, the rest lower.
func (t *token) isTitle() bool {
	prevCased, seen := false, false
	for _, r := range t.text {
		switch {
		case unicode.IsUpper(r) || unicode.IsTitle(r):
			if prevCased {
				return false
			}
			prevCased, seen = true, true
		case unicode.IsLower(r):
			if !prevCased {
				return false
			}
		default:
			prevCased = false
		}
	}
	return seen
}

// likeNum: a number of any of the three digit scripts (10,000 ٣٫٥ ۱۰٬۰۰۰), or a
// fraction such as 1/2.
func (t *token) likeNum() bool {
	if t.kind == segment.Number {
		return true
	}
	num, den, ok := strings.Cut(t.text, "/")
	return ok && num != "" && den != "" && strings.IndexFunc(num+den, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}

func (t *token) likeURL() bool { return t.kind == segment.URL }
