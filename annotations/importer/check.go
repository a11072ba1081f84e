package importer

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/journal"
	"github.com/hashiya/hashiya/annotations/record"
	"github.com/rivo/uniseg"
)

// textIndex answers questions about code-point offsets of one text: its
// length, slices, and whether an offset is a character boundary.
type textIndex struct {
	text  string
	byts  []int  // byte offset of each code point, plus len(text)
	bound []bool // bound[cp]: a span may start or end at cp; built on first use
}

func newTextIndex(text string) *textIndex {
	t := &textIndex{text: text, byts: make([]int, 0, len(text)+1)}
	for b := range text {
		t.byts = append(t.byts, b)
	}
	t.byts = append(t.byts, len(text))
	return t
}

// n is the text length in code points.
func (t *textIndex) n() int { return len(t.byts) - 1 }

func (t *textIndex) slice(start, end int) string { return t.text[t.byts[start]:t.byts[end]] }

// boundary reports whether cp falls between two characters (grapheme
// clusters): not between a letter and its combining mark, inside an emoji
// sequence or between CR and LF. A ZWNJ is a format character that Persian
// writes between the parts of one word (کتاب‌ها), not a mark of the letter
// before it, so a span may end just before one although UAX #29 glues it to
// that letter.
func (t *textIndex) boundary(cp int) bool {
	if t.bound == nil {
		t.bound = make([]bool, t.n()+1)
		t.bound[0], t.bound[t.n()] = true, true
		rest, state, pos := t.text, -1, 0
		for len(rest) > 0 {
			var cluster string
			cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
			pos += utf8.RuneCountInString(cluster)
			t.bound[pos] = true
		}
		for cp, b := range t.byts[:t.n()] {
			if r, _ := utf8.DecodeRuneInString(t.text[b:]); r == '\u200c' {
				t.bound[cp] = true
			}
		}
	}
	return t.bound[cp]
}

// checkExtent checks a span's offsets against the text; given is the text
// the file states for it, or nil. It returns the span's text.
func (t *textIndex) checkExtent(start, end int, given *string) (string, error) {
	if start < 0 || end > t.n() || end < start {
		return "", fmt.Errorf("offsets outside the text of %d code points", t.n())
	}
	if start == end {
		return "", fmt.Errorf("empty span")
	}
	got := t.slice(start, end)
	if given != nil && *given != got {
		return "", fmt.Errorf("text[start:end] is %q, the span's text is %q", got, *given)
	}
	if strings.TrimSpace(got) == "" {
		return "", fmt.Errorf("the span covers only white space %q", got)
	}
	for _, at := range []int{start, end} {
		if !t.boundary(at) {
			return "", fmt.Errorf("offset %d is inside the character %q (a mark or joiner cut from what it belongs to)",
				at, t.character(at))
		}
	}
	return got, nil
}

// character is the grapheme cluster around cp, for messages.
func (t *textIndex) character(cp int) string {
	s, e := cp, cp
	for s > 0 && !t.boundary(s) {
		s--
	}
	for e < t.n() && !t.boundary(e) {
		e++
	}
	return t.slice(s, e)
}

// claimNumber is the first quantity phrase of a claim's text with its
// surface located in the document: what the reader's AddClaim finds.
func claimNumber(sp annotations.Span) *annotations.Numeric {
	p, ok := annotations.FindNumber(sp.Text)
	if !ok {
		return nil
	}
	n := p.Numeric
	n.SurfaceStart += sp.Start
	n.SurfaceEnd += sp.Start
	return &n
}

// build renders a parsed document as a record and checks the result as
// hashiya checks every record before writing it: a span the tokens cannot
// hold (white space the tokenizer drops) is refused here, not later.
func build(info annotations.DocInfo, spans []annotations.Span, claims []annotations.Claim, answer, annotator, session string, updated int64) (record.Record, []string) {
	rec, err := journal.RecordFromParts(info, spans, claims, answer, annotator, session, updated)
	if err != nil {
		return record.Record{}, []string{err.Error()}
	}
	if probs := record.CheckRecord(rec); len(probs) > 0 {
		return record.Record{}, probs
	}
	return rec, nil
}
