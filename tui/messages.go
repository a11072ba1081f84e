package tui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/model"
	"github.com/hashiya/hashiya/text/doctext"
)

// docLoadedMsg brings a document read from disk to the pane that asked for it.
type docLoadedMsg struct {
	pane  *Pane
	index int
	doc   *model.Document
	err   error
}

// indexMsg reports background indexing progress of a large corpus.
type indexMsg struct{}

// searchDoneMsg carries the matches of one search in one pane's document.
type searchDoneMsg struct {
	gen     int
	pane    *Pane
	index   int
	matches []model.Range
}

func loadDocCmd(c *model.Corpus, p *Pane, index int) tea.Cmd {
	return func() tea.Msg {
		doc, err := c.Load(index)
		return docLoadedMsg{pane: p, index: index, doc: doc, err: err}
	}
}

// waitIndexCmd wakes the app when indexing progresses.
func waitIndexCmd(c *model.Corpus) tea.Cmd {
	if done, _, _, _ := c.Indexing(); done {
		return nil
	}
	ch := c.Changed()
	return func() tea.Msg {
		<-ch
		return indexMsg{}
	}
}

func searchCmd(gen int, p *Pane, index int, text doctext.Text, query string) tea.Cmd {
	return func() tea.Msg {
		return searchDoneMsg{gen: gen, pane: p, index: index, matches: model.Search(text, query)}
	}
}
