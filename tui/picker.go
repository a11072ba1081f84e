package tui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/model"
)

// picker is the filtered document list behind "o". It matches the query's search key
// against every document's id, title (first line) and meta (titleIndex); when the query
// grows only the previous hits and the documents indexed since are searched again.
type picker struct {
	input  textinput.Model
	items  []int // document indices, best match first
	cursor int

	query    string // the query hits answers (its search key)
	hits     []int  // documents matching query, in document order
	searched int    // documents searched for hits
	scores   []int  // scratch, parallel to hits
}

func (pk *picker) open(a *App) tea.Cmd {
	pk.input = newInput() // no blinking: the engine draws the query (View)
	pk.input.Focus()
	pk.cursor = 0
	pk.searched, pk.hits = 0, pk.hits[:0] // the corpus may have grown: search afresh
	pk.query = ""
	pk.filter(a)
	for i, d := range pk.items {
		if d == a.focused().DocIndex {
			pk.cursor = i
		}
	}
	return a.readSummaries()
}

// filter keeps the documents whose key holds the query's, best match first. A new
// query puts the highlight on the best match.
func (pk *picker) filter(a *App) {
	q := model.SearchKey(strings.TrimSpace(pk.input.Value()))
	n := a.corpus.Len()
	ix := &a.titles
	ix.extend(n, a.corpus.Title)
	// A key matching q matches every prefix of q, so a grown query only needs the
	// previous hits; anything else starts over.
	var candidates []int
	if pk.searched > 0 && strings.HasPrefix(q, pk.query) {
		candidates = pk.hits
	} else {
		pk.hits, pk.searched = pk.hits[:0], 0
	}
	qc, qcOK := ix.coder.encode(q, false)
	hits, scores := candidates[:0], pk.scores[:0]
	for _, d := range candidates {
		if s, ok := ix.match(d, q, qc, qcOK); ok {
			hits, scores = append(hits, d), append(scores, s)
		}
	}
	for d := pk.searched; d < n; d++ {
		if s, ok := ix.match(d, q, qc, qcOK); ok {
			hits, scores = append(hits, d), append(scores, s)
		}
	}
	if q != pk.query {
		pk.cursor = 0
	}
	pk.query, pk.hits, pk.searched, pk.scores = q, hits, n, scores
	pk.items = sortByScore(hits, scores, pk.items)
	pk.cursor = min(pk.cursor, max(len(pk.items)-1, 0))
}

// forget drops what was found in documents from on: their keys changed (their titles
// arrived). Hits are in document order.
func (pk *picker) forget(from int) {
	if pk.searched <= from {
		return
	}
	k := 0
	for k < len(pk.hits) && pk.hits[k] < from {
		k++
	}
	pk.hits, pk.searched = pk.hits[:k], from
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

// View lists the filtered documents, the chosen one highlighted: number, answer,
// annotation count, id and title. The query is drawn by the engine, as the search's is.
func (pk *picker) View(a *App) string {
	h := a.bodyHeight()
	prompt := "open: "
	lines := []string{a.styles.Prompt.Render(prompt) + visualLTR(pk.input.Value(), max(a.width-textWidth(prompt)-1, 1), a.opts.Engine) + "█"}
	head := fmt.Sprintf("%d of %d documents · id, title and meta", len(pk.items), a.corpus.Len())
	if done := a.titles.summarized; done < a.corpus.Len() {
		head += fmt.Sprintf(" · reading titles %d/%d", done, a.corpus.Len())
	}
	if h := fitHint(a.width-textWidth(head)-3, a.keys.PickerDown, a.keys.PickerUp, a.keys.PickerOpen, a.keys.PickerCancel); h != "" {
		head += " · " + h
	}
	lines = append(lines, a.styles.HeaderDim.Render(visualLTR(head, a.width, a.opts.Engine)))
	rows := max(h-2, 1)
	start := max(0, pk.cursor-rows+1)
	for i := start; i < len(pk.items) && i < start+rows; i++ {
		row := a.pickerRow(pk.items[i], a.width-1)
		if i == pk.cursor {
			lines = append(lines, a.styles.ListCursor.Render("▸"+row))
		} else {
			lines = append(lines, " "+row)
		}
	}
	return block(strings.Join(lines, "\n"), a.width, h)
}

// pickerRow is one document of the list in width cells.
func (a *App) pickerRow(d, width int) string {
	id := a.corpus.Title(d)
	answer := answerMarks[a.docProgress.answer[id]]
	count := ""
	if n := a.docProgress.annotated[id]; n > 0 {
		count = fmt.Sprint(n)
	}
	left := fmt.Sprintf("%5d  %s%s %3s  ", d+1, answer, strings.Repeat(" ", max(9-textWidth(answer), 0)), count)
	text := id
	if t := a.titles.title(d); t != "" {
		text += " · " + t
	}
	return left + visualLTR(text, max(width-textWidth(left), 1), a.opts.Engine)
}

// summariesMsg brings the titles of documents [from, from+len(titles)) and the search
// keys of their titles and meta, made off the UI loop.
type summariesMsg struct {
	from   int
	titles []string
	keys   []string
	coded  []bool // keys[i] is byte-coded
}

// summaryBatch is how many documents one read of summaries covers: the picker takes
// them in as they come.
const summaryBatch = 8192

// readSummaries reads the next batch of titles and meta in the background, unless a
// read is under way or every known document has them.
func (a *App) readSummaries() tea.Cmd {
	ix := &a.titles
	if ix.reading || ix.summarized >= a.corpus.Len() {
		return nil
	}
	ix.reading = true
	c, from, coder := a.corpus, ix.summarized, &ix.coder
	return func() tea.Msg {
		m := summariesMsg{from: from}
		_ = c.Summaries(context.Background(), from, func(_ int, s model.Summary) bool {
			k, coded := coder.encode(model.SearchKey(s.Title+" "+s.Meta), true)
			m.titles, m.keys, m.coded = append(m.titles, s.Title), append(m.keys, k), append(m.coded, coded)
			return len(m.titles) < summaryBatch
		})
		return m
	}
}

func (a *App) summariesDone(msg summariesMsg) tea.Cmd {
	ix := &a.titles
	ix.reading = false
	if len(msg.titles) == 0 {
		return nil // the corpus closed, or nothing new
	}
	ix.extend(a.corpus.Len(), a.corpus.Title)
	ix.summarize(msg.from, msg.titles, msg.keys, msg.coded)
	a.picker.forget(msg.from)
	if a.mode == modePicker {
		a.picker.filter(a)
	}
	return a.readSummaries()
}
