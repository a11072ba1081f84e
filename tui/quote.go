package tui

import (
	"strings"
	"unicode/utf8"

	"github.com/hashiya/hashiya/text/bidi"
	"github.com/hashiya/hashiya/text/layout"
)

// Messages quote document text between «» or “”. Laid out in the message's LTR frame as
// they are, an Arabic quote takes the neutrals and numbers after it into its run:
// “کره”: 10 match(es) reads “10 :”ﻩﺮﮐ match(es). Each quote is therefore laid out as a
// first-strong isolate (FSI … PDI, UAX #9 X5c): its own direction inside, one neutral
// outside. The isolate's controls exist only in the text given to the engine; they
// never reach the terminal, not even as markers under --show-controls.
const (
	fsi = '\u2068'
	pdi = '\u2069'
)

var quoteMarks = map[rune]rune{'«': '»', '“': '”'}

// msgPart is a piece of a message: the message's own words, or quoted document text.
type msgPart struct {
	text  string
	quote bool
}

// splitQuotes cuts s into its own text and its quotes (the marks stay outside).
func splitQuotes(s string) []msgPart {
	var parts []msgPart
	for s != "" {
		open := strings.IndexAny(s, "«“")
		if open < 0 {
			break
		}
		r, n := utf8.DecodeRuneInString(s[open:])
		rest := s[open+n:]
		end := strings.IndexRune(rest, quoteMarks[r])
		if end < 0 {
			break
		}
		parts = append(parts, msgPart{text: s[:open+n]}, msgPart{text: rest[:end], quote: true})
		s = rest[end:]
	}
	if s != "" {
		parts = append(parts, msgPart{text: s})
	}
	return parts
}

// minQuote is how far quotes shrink before any gets shorter still; the message's own
// words give way only when every quote is down to two cells.
const minQuote = 12

// fitMessage cuts the parts of a message to width cells (0: no limit). The quotes give
// way first, longest first, down to minQuote cells each and then to two: the count or the
// verdict a message gives is what it is for. What is still too wide is cut at its logical end.
// Every cut falls between words where the text has a space (a single long word is cut
// between characters) and puts "…" where the text was cut, inside the quote when the
// cut falls in one, so an Arabic quote shows it on its left, where its text goes on.
func fitMessage(parts []msgPart, width int) []msgPart {
	total := func() int {
		w := 0
		for _, p := range parts {
			w += layout.StringWidth(p.text)
		}
		return w
	}
	if width <= 0 || total() <= width {
		return parts
	}
	parts = append([]msgPart(nil), parts...)
	for _, least := range []int{minQuote, 2} { // then down to "x…" rather than lose the count
		for over := total() - width; over > 0; over = total() - width {
			longest := -1
			for i, p := range parts {
				if p.quote && layout.StringWidth(p.text) > least && (longest < 0 || layout.StringWidth(p.text) > layout.StringWidth(parts[longest].text)) {
					longest = i
				}
			}
			if longest < 0 {
				break
			}
			w := layout.StringWidth(parts[longest].text)
			parts[longest].text = cutWords(parts[longest].text, max(least, w-over))
		}
	}
	if total() <= width {
		return parts
	}
	var out []msgPart
	room := width
	for i, p := range parts {
		w := layout.StringWidth(p.text)
		if w <= room && !(i+1 < len(parts) && w == room) {
			out = append(out, p)
			room -= w
			continue
		}
		keep, closing := room, ""
		if p.quote && i+1 < len(parts) && room >= 3 { // "x…»" at least
			r, _ := utf8.DecodeRuneInString(parts[i+1].text)
			keep, closing = room-1, string(r)
		}
		if keep > 0 {
			out = append(out, msgPart{text: endCut(p.text, rest(parts[i+1:]), keep), quote: p.quote})
		}
		if closing != "" {
			out = append(out, msgPart{text: closing})
		}
		break
	}
	return out
}

// endCut is s, followed by more that is left out, in width cells ending in "…".
func endCut(s, more string, width int) string {
	if layout.StringWidth(s) < width {
		return strings.TrimRight(s, " ") + "…"
	}
	return cutWords(s+more, width) // the cut falls in s, between words if s goes on with a word
}

func rest(parts []msgPart) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.text)
	}
	return b.String()
}

// cutWords cuts s to at most width cells ending in "…": after the last whole word that
// fits, or, when no space falls in the part that fits, between two characters.
func cutWords(s string, width int) string {
	if layout.StringWidth(s) <= width {
		return s
	}
	if width <= 1 {
		return layout.Truncate("…", width, "")
	}
	head := strings.TrimSuffix(layout.Truncate(s, width, "…"), "…")
	if len(head) < len(s) && s[len(head)] != ' ' {
		if sp := strings.LastIndexByte(head, ' '); sp > 0 {
			head = head[:sp]
		}
	}
	return strings.TrimRight(head, " ") + "…"
}

// visualMessage lays out a message in the UI's LTR frame, each quote isolated, cut to
// width cells (0: no limit) by fitMessage.
func visualMessage(s string, width int, opts layout.Options) string {
	opts.Width, opts.Align, opts.Dir = 0, false, bidi.LTR
	s = layout.SanitizeLine(strings.ReplaceAll(s, "\n", " "))
	var runes []rune
	ours := map[int]bool{} // indices of the isolates' controls
	for _, p := range fitMessage(splitQuotes(s), width) {
		if p.quote {
			ours[len(runes)] = true
			runes = append(runes, fsi)
			runes = append(runes, []rune(p.text)...)
			ours[len(runes)] = true
			runes = append(runes, pdi)
			continue
		}
		runes = append(runes, []rune(p.text)...)
	}
	var b []byte
	for _, l := range layout.LayoutParagraph(runes, 0, opts).Lines {
		for _, c := range l.Cells {
			if c.Rune == 0 || ours[c.Logical] {
				continue
			}
			b = utf8.AppendRune(b, c.Rune)
			for _, m := range c.Marks {
				b = utf8.AppendRune(b, m)
			}
		}
	}
	return string(b)
}
