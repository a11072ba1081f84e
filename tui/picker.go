package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// picker is the fuzzy-filtered document list behind "o". It searches every title: the
// titles are lower-cased once (titleIndex), and when the query grows only the previous
// hits and the titles indexed since are searched again.
type picker struct {
	input  textinput.Model
	items  []int // document indices, best match first
	cursor int

	titles   titleIndex
	query    string // the query hits answers
	hits     []int  // documents matching query, in document order
	searched int    // titles searched for hits
	scores   []int  // scratch, parallel to hits
}

func (pk *picker) open(a *App) {
	pk.input = textinput.New()
	pk.input.Prompt = "open: "
	pk.input.SetWidth(max(a.width-8, 10))
	pk.input.Focus()
	pk.cursor = 0
	pk.searched, pk.hits = 0, pk.hits[:0] // the corpus may have grown: search afresh
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
	pk.titles.extend(n, a.corpus.Title)
	// A title matching q matches every prefix of q, so a grown query only needs the
	// previous hits; anything else starts over.
	var candidates []int
	if pk.searched > 0 && strings.HasPrefix(q, pk.query) {
		candidates = pk.hits
	} else {
		pk.hits, pk.searched = pk.hits[:0], 0
	}
	hits, scores := candidates[:0], pk.scores[:0]
	for _, d := range candidates {
		if s, ok := pk.titles.match(d, q); ok {
			hits, scores = append(hits, d), append(scores, s)
		}
	}
	for d := pk.searched; d < n; d++ {
		if s, ok := pk.titles.match(d, q); ok {
			hits, scores = append(hits, d), append(scores, s)
		}
	}
	pk.query, pk.hits, pk.searched, pk.scores = q, hits, n, scores
	pk.items = sortByScore(hits, scores, pk.items)
	pk.cursor = min(pk.cursor, max(len(pk.items)-1, 0))
}

func (a *App) pickerKey(msg tea.KeyPressMsg) tea.Cmd {
	pk, k := &a.picker, &a.keys
	switch {
	case key.Matches(msg, k.QuitFromPrompt):
		return a.quit()
	case key.Matches(msg, k.PickerCancel):
		a.mode = modeNormal
		return nil
	case key.Matches(msg, k.PickerUp):
		pk.cursor = max(pk.cursor-1, 0)
		return nil
	case key.Matches(msg, k.PickerDown):
		pk.cursor = min(pk.cursor+1, max(len(pk.items)-1, 0))
		return nil
	case key.Matches(msg, k.PickerOpen):
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
	if h := fitHint(a.width-textWidth(head)-3, a.keys.PickerDown, a.keys.PickerUp, a.keys.PickerOpen, a.keys.PickerCancel); h != "" {
		head += " · " + h
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
