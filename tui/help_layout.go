package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/text/layout"
)

// The help screen's layout: groups of bindings in as many columns as fit, each line of
// a column cut only between words, every width measured by the engine's one function.

const (
	helpColGap   = 2
	helpMinCol   = 36 // below this a description wraps more than it reads
	helpMaxKeyW  = 12 // a longer key gets a line of its own above its description
	helpIndent   = 2  // entries under a section title
	helpDescMinW = 12
)

type helpKind int

const (
	helpEntry   helpKind = iota // a key and (part of) its description
	helpHeading                 // a group's title
	helpSectionTitle
	helpNote // plain text
	helpBlank
)

// helpCell is one line of one column, in logical order (View lays it out).
type helpCell struct {
	kind helpKind
	key  string // helpEntry: the key field, padded; "" on a continuation line
	text string
}

// helpContent is what the help screen lists.
type helpContent struct {
	groups []helpGroup
	labels []annotations.Label
	note   string
}

// maxHelpColumns is how many columns of at least helpMinCol cells fit in width.
func maxHelpColumns(width int) int {
	return max(1, (width+helpColGap)/(helpMinCol+helpColGap))
}

func helpColumnWidth(width, n int) int { return (width - (n-1)*helpColGap) / n }

// layoutHelp lays c out in width cells: the fewest columns that fit height rows (wide
// columns wrap less), or as many as fit the width; each row holds a cell per column.
func layoutHelp(c helpContent, width, height int) [][]helpCell {
	most := maxHelpColumns(width)
	for n := 1; n < most; n++ {
		if rows := layoutHelpIn(c, width, n); len(rows) <= height {
			return rows
		}
	}
	return layoutHelpIn(c, width, most)
}

func layoutHelpIn(c helpContent, width, n int) [][]helpCell {
	colW := helpColumnWidth(width, n)
	keyW := 0
	for _, g := range c.groups {
		for _, s := range g.sections {
			for _, b := range s.bindings {
				keyW = max(keyW, layout.StringWidth(b.Help().Key))
			}
		}
	}
	for _, l := range c.labels {
		keyW = max(keyW, layout.StringWidth(l.Key))
	}
	keyW = min(keyW, helpMaxKeyW, colW/3)
	var blocks [][]helpCell
	for _, g := range c.groups {
		blocks = append(blocks, groupCells(g, colW, keyW))
	}
	if len(c.labels) > 0 {
		lb := []helpCell{{kind: helpHeading, text: "labels"}}
		for _, l := range c.labels {
			desc := l.Name
			if l.Description != "" {
				desc += " " + l.Description
			}
			lb = append(lb, entryCells(l.Key, desc, colW, keyW)...)
		}
		blocks = append(blocks, lb)
	}
	if c.note != "" {
		var nb []helpCell
		for _, line := range wrapWords(c.note, colW) {
			nb = append(nb, helpCell{kind: helpNote, text: line})
		}
		blocks = append(blocks, nb)
	}
	// Each block goes to the shortest column, so a group is never split and the
	// columns end close together.
	cols := make([][]helpCell, n)
	for _, b := range blocks {
		shortest := 0
		for i := range cols {
			if len(cols[i]) < len(cols[shortest]) {
				shortest = i
			}
		}
		if len(cols[shortest]) > 0 {
			cols[shortest] = append(cols[shortest], helpCell{kind: helpBlank})
		}
		cols[shortest] = append(cols[shortest], b...)
	}
	height := 0
	for _, c := range cols {
		height = max(height, len(c))
	}
	rows := make([][]helpCell, height)
	for r := range rows {
		rows[r] = make([]helpCell, n)
		for i, c := range cols {
			if r < len(c) {
				rows[r][i] = c[r]
			} else {
				rows[r][i] = helpCell{kind: helpBlank}
			}
		}
	}
	return rows
}

func groupCells(g helpGroup, colW, keyW int) []helpCell {
	out := []helpCell{{kind: helpHeading, text: g.title}}
	for _, s := range g.sections {
		kw, w := keyW, colW
		if s.title != "" {
			for _, line := range wrapWords(s.title+":", colW) {
				out = append(out, helpCell{kind: helpSectionTitle, text: line})
			}
			w -= helpIndent
			kw = min(kw, max(w/3, 1))
		}
		for _, b := range safeBindings(s.bindings) {
			cells := entryCells(b.Help().Key, b.Help().Desc, w, kw)
			if s.title != "" {
				for i := range cells {
					cells[i].key = strings.Repeat(" ", helpIndent) + cells[i].key
				}
			}
			out = append(out, cells...)
		}
	}
	return out
}

// entryCells is a key and its description in lines of w cells: the key in a field of
// keyW cells (on a line of its own when longer), the description wrapped at words.
func entryCells(k, desc string, w, keyW int) []helpCell {
	k, desc = layout.SanitizeLine(k), layout.SanitizeLine(desc)
	if keyW+1+helpDescMinW > w {
		keyW = 0 // too narrow for a key field: every key on its own line
	}
	indent := keyW + 1
	if keyW == 0 {
		indent = min(helpIndent, w-1)
	}
	var out []helpCell
	if layout.StringWidth(k) > keyW {
		for _, line := range wrapWords(k, w) {
			out = append(out, helpCell{kind: helpEntry, key: line})
		}
	}
	for i, line := range wrapWords(desc, w-indent) {
		field := strings.Repeat(" ", indent)
		if i == 0 && len(out) == 0 {
			field = padRight(k, keyW) + " "
		}
		out = append(out, helpCell{kind: helpEntry, key: field, text: line})
	}
	return out
}

// wrapWords cuts s into lines of at most w cells between words; only a word wider than
// a whole line is cut, after a / or + where it has one.
func wrapWords(s string, w int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		for layout.StringWidth(word) > w {
			if line != "" {
				lines, line = append(lines, line), ""
			}
			head := layout.Truncate(word, w, "")
			if head == "" {
				head = string([]rune(word)[:1]) // a line narrower than one character
			}
			if i := strings.LastIndexAny(head, "/+"); i > 0 {
				head = head[:i+1]
			}
			lines, word = append(lines, head), word[len(head):]
		}
		switch {
		case line == "":
			line = word
		case layout.StringWidth(line)+1+layout.StringWidth(word) <= w:
			line += " " + word
		default:
			lines, line = append(lines, line), word
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// helpBindings lists every binding the help shows, for tests and checks.
func (c helpContent) bindings() []key.Binding {
	var out []key.Binding
	for _, g := range c.groups {
		for _, s := range g.sections {
			out = append(out, s.bindings...)
		}
	}
	return out
}
