// Package tui is hashiya's terminal reader: documents side by side, laid out by the
// text engine, with one top model owning all state.
package tui

import (
	"charm.land/bubbles/v2/textinput"
	"errors"
	"image/color"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/annotations/suggest"
	"github.com/hashiya/hashiya/model"
	"github.com/hashiya/hashiya/text/layout"
)

// Options configures the reader.
type Options struct {
	Corpus     *model.Corpus
	CorpusName string
	Annotator  string
	Engine     layout.Options // bidi and shaping modes, ligatures, visible controls
	Keys       KeyMap
	Keyboard   keyboard // layout guess for mapping non-Latin letters to keys
	Warnings   []string // problems met before the reader started (config, corpus)

	Session annotations.Session // where annotations go; nil makes a read-only reader
	Schema  annotations.Schema  // labels and their keys
	DB      string              // the database's path, shown in the status bar
	Out     string              // the training file written from the database

	// Export writes the training file from the database (a read snapshot: edits keep
	// committing meanwhile): on quit, and in the background at most every ExportEvery
	// (0 means 30 s) while edits arrive. nil writes none.
	Export      func() error
	ExportEvery time.Duration

	// Suggest pre-annotates from a pattern file: its matches are a layer of
	// suggestions to accept or reject (suggest.go). nil shows none.
	Suggest *suggest.Matcher
}

type mode int

const (
	modeNormal mode = iota
	modeSearch
	modePicker
	modeHelp
	modeWarnings
	modeLabels     // label picker
	modeClaim      // claim form
	modeRelation   // choosing the relation of a link
	modeQuitFailed // a quit could not save: what is lost, and a confirmation
)

const (
	minPaneWidth = 40 // narrower panes wrap Arabic news text too often to read
	paneGap      = " │ "
)

// App is the top model: it owns the corpus, the panes and every piece of UI state.
type App struct {
	opts   Options
	corpus *model.Corpus

	panes  []*Pane
	focus  int
	narrow bool // one pane with a tab strip

	width, height int
	styles        Styles
	sgr           sgrCache
	keys          KeyMap
	help          help.Model
	chrome        chromeCache // the help line of the last frame (chrome_cache.go)
	mapper        *layoutMapper
	kbGuess       keyboard

	mode   mode
	sync   bool
	input  textinput.Model
	query  string
	gen    int // search generation, so late results of an old query are dropped
	picker picker

	status   string
	isError  bool
	warnings []string

	session      annotations.Session
	docs         map[string]cached // annotations of the documents the panes show
	answers      map[string]int    // documents by answer; nil until counted
	schema       annotations.Schema
	editor       *editor
	pending      int // operations not yet confirmed
	saved        int // operations committed this session
	exporter     *exporter
	exportEvery  time.Duration
	exportQueued bool
	closing      bool
	quitFail     *quitFailure // the last quit that could not save, until one does
	startNotice  bool         // warnings met at start stay in the status line until a key
	form         *claimForm
	link         *linkState
	labelCursor  int
	labelColors  map[string]color.Color

	suggest suggestLayer   // pre-annotation from Options.Suggest (suggest.go)
	prop    *propagation   // occurrences of a span's words waiting for a decision (propagate.go)
	jumps   map[*Pane]jump // where a pane's cursor goes once a document loads in it (propagate.go)
}

// New builds the reader; documents load once Init's commands run.
func New(opts Options) *App {
	if opts.Keys.Quit.Keys() == nil {
		opts.Keys = DefaultKeyMap()
	}
	if opts.Keyboard == "" {
		opts.Keyboard = kbAuto
	}
	a := &App{
		opts:     opts,
		corpus:   opts.Corpus,
		styles:   NewStyles(true),
		sgr:      sgrCache{},
		keys:     opts.Keys,
		help:     help.New(),
		mapper:   newLayoutMapper(),
		kbGuess:  opts.Keyboard,
		input:    newInput(),
		warnings: append([]string(nil), opts.Warnings...),
		width:    80,
		height:   24,
		session:  opts.Session,
		docs:     map[string]cached{},
		schema:   opts.Schema,
		jumps:    map[*Pane]jump{},
	}
	a.exportEvery = opts.ExportEvery
	if a.exportEvery <= 0 {
		a.exportEvery = defaultExportEvery
	}
	if opts.Export != nil {
		a.exporter = &exporter{run: opts.Export}
	}
	if a.schema.Claim.Name == "" {
		a.schema = annotations.DefaultSchema()
	}
	if k := a.schema.Claim.Key; k != "" {
		a.keys.Claim.SetKeys(k)
		a.keys.Claim.SetHelp(k, a.keys.Claim.Help().Desc)
	}
	if a.session != nil {
		a.editor = newEditor()
	}
	for _, w := range a.corpus.Warnings() {
		a.addWarning(w)
	}
	if len(a.warnings) > 0 {
		a.startNotice = true
		a.setStatus(a.warningsStatus(), true)
	}
	return a
}

// Init asks for the background colour and loads the first documents.
func (a *App) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor, waitIndexCmd(a.corpus)}
	if a.session != nil && !a.startNotice {
		a.setStatus(a.whereStatus(), false)
	}
	if a.session != nil {
		cmds = append(cmds, a.loadAnswersCmd())
	}
	cmds = append(cmds, a.layoutPanes()...)
	return tea.Batch(cmds...)
}

// Update routes a message to the part of the state it concerns.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		return a, tea.Batch(a.layoutPanes()...)
	case tea.BackgroundColorMsg:
		a.styles = NewStyles(msg.IsDark())
		a.sgr = sgrCache{}
		return a, nil
	case docLoadedMsg:
		return a, a.docLoaded(msg)
	case indexMsg:
		return a, a.indexProgress()
	case searchDoneMsg:
		a.searchDone(msg)
		return a, nil
	case tea.PasteMsg:
		if a.mode == modeSearch || a.mode == modePicker {
			return a, a.updateInput(msg)
		}
		return a, nil
	case tea.KeyPressMsg:
		a.startNotice = false
		cmd := a.handleKey(msg)
		return a, cmd
	case editDoneMsg:
		return a, a.editResult(msg)
	case claimAddedMsg:
		cmd := a.editResult(msg.editDoneMsg)
		if c := msg.change.Claim; c != nil && (msg.err == nil || errors.Is(msg.err, annotations.ErrUnchanged)) {
			// An extent already claimed opens that claim to edit.
			a.openClaimForm(msg.pane, *c, msg.err != nil)
		}
		return a, cmd
	case docViewMsg:
		if msg.err != nil {
			a.setStatus(shortPaths(msg.err.Error()), true)
			return a, nil
		}
		a.remember(msg.doc, msg.view, msg.seq)
		return a, nil
	case answersMsg:
		if msg.err != nil {
			a.setStatus(shortPaths(msg.err.Error()), true)
			return a, nil
		}
		a.answers = msg.counts
		return a, nil
	case exportTickMsg:
		return a, a.startExport()
	case exportDoneMsg:
		a.exportDone(msg.err)
		return a, nil
	case closedMsg:
		if msg.err != nil {
			a.failQuit(msg.err)
			return a, nil
		}
		return a, tea.Quit
	}
	if cmd, ok := a.propagationMsg(msg); ok {
		return a, cmd
	}
	return a, nil
}

// quit saves the training file and releases the lock before the program ends. If that
// fails the program goes on (see failQuit): a quit never drops an edit unasked.
func (a *App) quit() tea.Cmd {
	if a.session == nil {
		return tea.Quit
	}
	if a.closing {
		return nil
	}
	a.closing = true
	a.setStatus("saving…", false)
	return a.closeCmd()
}

// openClaimForm opens the form of claim c: a new one, or one saved before (editing).
func (a *App) openClaimForm(p *Pane, c annotations.Claim, editing bool) {
	var ents []annotations.Span
	for _, s := range a.spans(p.info.ID, 0, len(p.view.text)) {
		if s.Label != a.schema.Boilerplate.Name {
			ents = append(ents, s)
		}
	}
	a.form = newClaimForm(p.info.ID, c, ents)
	a.form.editing = editing
	if editing {
		a.setStatus("editing claim "+c.ID+": enter saves, esc leaves it as it was", false)
	}
	a.mode = modeClaim
}

func (a *App) setStatus(s string, isError bool) {
	a.status, a.isError = s, isError
}

func (a *App) focused() *Pane { return a.panes[a.focus] }

// layoutPanes decides how many panes fit, sizes them, and loads documents into new ones.
func (a *App) layoutPanes() []tea.Cmd {
	n := a.corpus.Len()
	a.narrow = a.width < 2*minPaneWidth
	want := max(1, min(a.width/minPaneWidth, n))
	if a.narrow {
		want = max(len(a.panes), min(2, n), 1)
	}
	var cmds []tea.Cmd
	for len(a.panes) < want {
		p := newPane(a.nextUnshown())
		a.panes = append(a.panes, p)
		cmds = append(cmds, a.openInPane(p, p.DocIndex))
	}
	if len(a.panes) > want {
		a.panes = a.panes[:want]
	}
	a.focus = min(a.focus, len(a.panes)-1)
	a.sizePanes()
	return cmds
}

// nextUnshown is the first document after those shown, wrapping around.
func (a *App) nextUnshown() int {
	n := a.corpus.Len()
	if n == 0 {
		return 0
	}
	shown := map[int]bool{}
	last := -1
	for _, p := range a.panes {
		shown[p.DocIndex] = true
		last = max(last, p.DocIndex)
	}
	for i := 1; i <= n; i++ {
		if d := (last + i) % n; !shown[d] {
			return d
		}
	}
	return (last + 1) % n
}

func (a *App) bodyHeight() int {
	h := a.height - 2 // header, status line
	if a.narrow {
		h-- // tab strip
	}
	if a.helpLineShown() {
		h--
	}
	return max(h, 2)
}

// helpLineShown says whether the help line fits: on a very short screen the body keeps
// its two rows (a pane's title and a line of text) and the help line goes.
func (a *App) helpLineShown() bool {
	rows := 3 // header, status line, help line
	if a.narrow {
		rows++ // tab strip
	}
	return a.height-rows >= 2
}

func (a *App) sizePanes() {
	h := a.bodyHeight()
	if a.narrow {
		for _, p := range a.panes {
			p.SetSize(a.width, h)
			p.relayout(a.opts.Engine)
		}
		return
	}
	n := len(a.panes)
	avail := a.width - (n-1)*textWidth(paneGap)
	for i, p := range a.panes {
		w := avail / n
		if i < avail%n {
			w++
		}
		p.SetSize(w, h)
		p.relayout(a.opts.Engine)
	}
}

// openInPane starts loading document index into pane p.
func (a *App) openInPane(p *Pane, index int) tea.Cmd {
	p.DocIndex = index
	p.Title = a.corpus.Title(index)
	p.loading = true
	return loadDocCmd(a.corpus, p, index)
}

func (a *App) docLoaded(msg docLoadedMsg) tea.Cmd {
	p := msg.pane
	if p.DocIndex != msg.index {
		return nil // the pane moved on to another document meanwhile
	}
	if msg.err != nil {
		p.loading, p.err = false, msg.err.Error()
		a.setStatus(msg.err.Error(), true)
		return nil
	}
	p.Lang = msg.doc.Lang
	p.Title = msg.doc.ID
	p.info = annotations.DocInfo{ID: msg.doc.ID, Source: msg.doc.Source, Lang: msg.doc.Lang} // Text: see Pane.docInfo
	p.setText(msg.doc.Text, a.opts.Engine)
	for _, w := range msg.doc.Warnings {
		a.addWarning(w)
	}
	a.pruneCache()
	if j, ok := a.jumps[p]; ok {
		delete(a.jumps, p)
		if j.index == msg.index { // not when another document was opened meanwhile
			p.jumpTo(min(j.offset, max(len(p.view.text)-1, 0)))
		}
	}
	cmds := []tea.Cmd{a.loadViewCmd(p.info.ID), a.suggestCmd(p)}
	if a.query != "" {
		cmds = append(cmds, searchCmd(a.gen, p, p.DocIndex, p.view.text, a.query))
	}
	return tea.Batch(cmds...)
}

// addWarning lists a corpus warning (full path, for "!") and shows it in the status line
// with the file's base name, so the line number survives a narrow screen.
func (a *App) addWarning(w model.Warning) {
	full := w.String()
	for _, old := range a.warnings {
		if old == full {
			return
		}
	}
	a.warnings = append(a.warnings, full)
	if a.startNotice {
		a.setStatus(a.warningsStatus(), true) // the first screen keeps the start warnings
		return
	}
	short := w
	short.File = filepath.Base(w.File)
	a.setStatus("warning: "+short.String()+"  (! lists all)", true)
}

func (a *App) indexProgress() tea.Cmd {
	done, _, _, _ := a.corpus.Indexing()
	for _, w := range a.corpus.Warnings() {
		a.addWarning(w)
	}
	if done {
		return nil
	}
	return waitIndexCmd(a.corpus)
}

// View draws the whole screen: header, panes, status line, help.
func (a *App) View() tea.View {
	v := tea.NewView(a.render())
	v.AltScreen = true
	v.KeyboardEnhancements.ReportAlternateKeys = true
	// The title goes to the terminal in an OSC sequence, not through the layout: a file
	// name holding BEL or ESC would end it and send the rest as commands.
	v.WindowTitle = layout.SanitizeLine("hashiya · " + a.opts.CorpusName)
	return v
}

func (a *App) render() string {
	var rows []string
	rows = append(rows, a.headerLine())
	if a.narrow {
		rows = append(rows, a.tabStrip())
	}
	switch a.mode {
	case modeHelp:
		rows = append(rows, a.fullHelp())
	case modePicker:
		rows = append(rows, a.picker.View(a))
	case modeWarnings:
		rows = append(rows, a.warningsView())
	case modeLabels:
		rows = append(rows, a.labelsView())
	case modeClaim:
		rows = append(rows, a.form.View(a))
	case modeQuitFailed:
		rows = append(rows, a.quitFailedView())
	default:
		rows = append(rows, a.panesView())
	}
	rows = append(rows, a.statusLine())
	if a.helpLineShown() {
		rows = append(rows, a.helpLine())
	}
	return strings.Join(rows, "\n")
}
