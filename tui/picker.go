package tui

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// maxPickerScan bounds how many titles one keystroke filters, so a 200,000-document
// corpus stays responsive; the header says when the list was cut.
const maxPickerScan = 50000

// picker is the fuzzy-filtered document list behind "o".
type picker struct {
	input   textinput.Model
	items   []int // document indices, best match first
	cursor  int
	scanned int
}

func (pk *picker) open(a *App) {
	pk.input = textinput.New()
	pk.input.Prompt = "open: "
	pk.input.SetWidth(max(a.width-8, 10))
	pk.input.Focus()
	pk.cursor = 0
	pk.filter(a)
	for i, d := range pk.items {
		if d == a.focused().DocIndex {
			pk.cursor = i
		}
	}
}

// filter keeps the titles holding the query's letters in order, closest runs first.
func (pk *picker) filter(a *App) {
	q := strings.ToLower(strings.TrimSpace(pk.input.Value()))
	n := a.corpus.Len()
	pk.scanned = min(n, maxPickerScan)
	type scored struct{ doc, score int }
	var hits []scored
	for i := 0; i < pk.scanned; i++ {
		if s, ok := fuzzyScore(strings.ToLower(a.corpus.Title(i)), q); ok {
			hits = append(hits, scored{i, s})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].score < hits[j].score })
	pk.items = pk.items[:0]
	for _, h := range hits {
		pk.items = append(pk.items, h.doc)
	}
	pk.cursor = min(pk.cursor, max(len(pk.items)-1, 0))
}

// fuzzyScore matches q's runes in order within s; lower scores are tighter matches.
func fuzzyScore(s, q string) (int, bool) {
	if q == "" {
		return 0, true
	}
	qr := []rune(q)
	qi, first, last := 0, -1, -1
	for i, r := range []rune(s) {
		if qi < len(qr) && unicode.ToLower(r) == qr[qi] {
			if first < 0 {
				first = i
			}
			last = i
			qi++
		}
	}
	if qi < len(qr) {
		return 0, false
	}
	return (last - first) + first/4, true
}

func (a *App) pickerKey(msg tea.KeyPressMsg) tea.Cmd {
	pk := &a.picker
	switch msg.String() {
	case "ctrl+c":
		return a.quit()
	case "esc":
		a.mode = modeNormal
		return nil
	case "up", "ctrl+p":
		pk.cursor = max(pk.cursor-1, 0)
		return nil
	case "down", "ctrl+n":
		pk.cursor = min(pk.cursor+1, max(len(pk.items)-1, 0))
		return nil
	case "enter":
		a.mode = modeNormal
		if len(pk.items) == 0 {
			return nil
		}
		return a.openInPane(a.focused(), pk.items[pk.cursor])
	}
	return a.updateInput(msg)
}

// View lists the filtered documents, the chosen one highlighted.
func (pk *picker) View(a *App) string {
	h := a.bodyHeight()
	lines := []string{pk.input.View()}
	head := fmt.Sprintf("%d of %d documents", len(pk.items), a.corpus.Len())
	if pk.scanned < a.corpus.Len() {
		head += fmt.Sprintf(" (first %d searched)", pk.scanned)
	}
	lines = append(lines, a.styles.HeaderDim.Render(head))
	rows := max(h-2, 1)
	start := max(0, pk.cursor-rows+1)
	for i := start; i < len(pk.items) && i < start+rows; i++ {
		d := pk.items[i]
		label := fmt.Sprintf("%5d  %s", d+1, visualLTR(a.corpus.Title(d), a.width-10, a.opts.Engine))
		if i == pk.cursor {
			lines = append(lines, a.styles.ListCursor.Render("▸"+label))
		} else {
			lines = append(lines, " "+label)
		}
	}
	return block(strings.Join(lines, "\n"), a.width, h)
}
