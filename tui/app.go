// Package tui is hashiya's terminal reader: documents side by side, laid out by the
// text engine, with one top model owning all state.
package tui

import (
	"charm.land/bubbles/v2/textinput"
	"errors"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
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

	AfterAnswer string // what follows an answer: AfterAnswerStay (""), AfterAnswerNext, AfterAnswerUnanswered

	History SearchHistory // the annotator's searches across restarts; nil keeps them for this run only
	Team    Team          // set by hashiya serve: assignments, team progress, the others' work

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
	modeAnnList    // the annotations list of the focused document

	modeResults // the hits of a corpus-wide search
	modeOthers  // the other annotators' annotations (reviewers, hashiya serve)
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
	helpScr       helpScreen  // the ? screen
	chrome        chromeCache // the help line of the last frame (chrome_cache.go)
	mapper        *layoutMapper
	kbGuess       keyboard

	mode    mode
	sync    bool
	input   textinput.Model
	query   string
	gen     int // search generation, so late results of an old query are dropped
	picker  picker
	titles  titleIndex // the picker's keys and titles, kept between openings
	annList annList

	status   string
	isError  bool
	warnings []string

	session      annotations.Session
	docs         map[string]cached // annotations of the documents the panes show
	answers      map[string]int    // documents by answer; nil until counted
	docProgress  docProgress       // answer and annotation count of every document
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
	labelLooks   map[string]cellLook // by label name, for the styles in use
	styleGen     int                 // counts restyles, for the caches of looks
	profile      colorprofile.Profile
	dark         bool
	placePending bool         // the last session's place is being read
	keyPressed   bool         // a key came: a place read late is not applied
	describeLate string       // a cursor key came before this document's annotations: describe the cursor when they do
	restoring    *place       // the last session's place, for panes still to come
	unplaced     map[int]bool // panes whose saved document is not indexed yet
	savedPlace   string       // the place last saved, as saved

	corpusSearchState                // corpus-wide search and search history (corpus_search_app.go)
	drag              *mouseDrag     // a selection made with the mouse, while the button is held
	team              teamState      // hashiya serve (team.go)
	jumps             map[*Pane]jump // where a pane's cursor goes once its document loads (jump.go)

	suggest suggestLayer // pre-annotation from Options.Suggest (suggest.go)
	prop    *propagation // occurrences of a span's words waiting for a decision (propagate.go)
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
		styles:   NewStyles(true, colorprofile.TrueColor),
		profile:  colorprofile.TrueColor,
		dark:     true,
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
		unplaced: map[int]bool{},
		schema:   opts.Schema,
	}
	a.restyle()
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
	if a.opts.History != nil {
		a.historyPending = true
		cmds = append(cmds, loadHistoryCmd(a.opts.History))
	}
	if a.session != nil && !a.startNotice {
		a.setStatus(a.whereStatus(), false)
	}
	if a.session != nil {
		cmds = append(cmds, a.loadAnswersCmd(), a.loadProgressCmd(), a.loadPlaceCmd(), a.teamStartCmd())
	}
	cmds = append(cmds, a.layoutPanes()...)
	return tea.Batch(cmds...)
}

// Update routes a message to the part of the state it concerns.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if cmd, ok := a.teamUpdate(msg); ok {
		return a, cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		if a.results != nil {
			a.results.SetSize(a.width, a.bodyHeight())
		}
		cmds := a.layoutPanes()
		a.helpScr.SetSize(a.width, a.bodyHeight())
		return a, tea.Batch(cmds...)
	case tea.BackgroundColorMsg:
		a.dark = msg.IsDark()
		a.restyle()
		return a, nil
	case tea.ColorProfileMsg:
		a.profile = msg.Profile
		a.restyle()
		return a, nil
	case docLoadedMsg:
		return a, a.docLoaded(msg)
	case indexMsg:
		return a, a.indexProgress()
	case searchDoneMsg:
		a.searchDone(msg)
		return a, nil
	case corpusProgressMsg:
		return a, a.corpusProgress(msg)
	case historyLoadedMsg:
		a.historyLoaded(msg)
		return a, nil
	case historySavedMsg:
		if msg.err != nil {
			a.setStatus("search history not saved: "+shortPaths(msg.err.Error()), true)
		}
		return a, nil
	case tea.MouseMsg:
		return a, a.mouse(msg)
	case tea.PasteMsg:
		if a.mode == modeSearch || a.mode == modePicker {
			return a, a.updateInput(msg)
		}
		return a, nil
	case tea.KeyPressMsg:
		a.startNotice, a.keyPressed, a.describeLate = false, true, ""
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
		a.describeLoaded(msg.doc)
		return a, nil
	case answersMsg:
		if msg.err != nil {
			a.setStatus(shortPaths(msg.err.Error()), true)
			return a, nil
		}
		a.answers = msg.counts
		return a, nil
	case progressMsg:
		a.progressLoaded(msg)
		return a, nil
	case placeMsg:
		return a, a.restorePlace(msg)
	case placeSavedMsg:
		if msg.err != nil {
			a.savedPlace = "" // try again with the next save
			a.setStatus("the place was not saved: "+shortPaths(msg.err.Error()), true)
		}
		return a, nil
	case summariesMsg:
		return a, a.summariesDone(msg)
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
	a.stopCorpusSearch()
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
		a.setStatus("editing claim "+c.ID+": "+a.keys.FormSave.Help().Key+" saves, "+a.keys.FormCancel.Help().Key+" leaves it as it was", false)
	}
	a.mode = modeClaim
}

// restyle builds the styles for the terminal's profile and background.
func (a *App) restyle() {
	a.styles = NewStyles(a.dark, a.profile)
	a.help.Styles = a.styles.Help
	a.sgr = sgrCache{}
	a.labelLooks = nil
	a.chrome = chromeCache{}
	a.styleGen++ // cached decorations hold looks of the old styles
}

func (a *App) setStatus(s string, isError bool) {
	a.status, a.isError = s, isError
}

func (a *App) focused() *Pane { return a.panes[a.focus] }

// layoutPanes decides how many panes fit, sizes them, and loads documents into new ones.
func (a *App) layoutPanes() []tea.Cmd {
	a.narrow = a.width < 2*minPaneWidth
	want := a.panesWanted()
	var cmds []tea.Cmd
	for len(a.panes) < want {
		p := newPane(a.nextUnshown())
		a.panes = append(a.panes, p)
		if cmd := a.restorePane(len(a.panes)-1, p); cmd != nil {
			cmds = append(cmds, cmd)
			continue
		}
		cmds = append(cmds, a.openInPane(p, p.DocIndex))
	}
	if len(a.panes) > want {
		a.panes = a.panes[:want]
	}
	a.focus = min(a.focus, len(a.panes)-1)
	a.sizePanes()
	return cmds
}

// panesWanted is how many panes the screen takes for the documents known so far.
func (a *App) panesWanted() int {
	n := a.corpus.Len()
	if a.narrow {
		return max(len(a.panes), min(2, n), 1)
	}
	return max(1, min(a.width/minPaneWidth, n))
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
	p.applyRestore(a.opts.Engine)

	a.landJump(p, msg.index)
	for _, w := range msg.doc.Warnings {
		a.addWarning(w)
	}
	a.pruneCache()
	cmds := []tea.Cmd{a.loadViewCmd(p.info.ID), a.savePlaceCmd(), a.suggestCmd(p)}
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
	a.setStatus("warning: "+short.String()+"  ("+a.keys.Warnings.Help().Key+" lists all)", true)
}

// indexProgress takes in what the indexer found: warnings, and the panes a corpus with
// fewer documents than panes at its first frame did not fill.
func (a *App) indexProgress() tea.Cmd {
	done, _, _, _ := a.corpus.Indexing()
	for _, w := range a.corpus.Warnings() {
		a.addWarning(w)
	}
	var cmds []tea.Cmd
	if len(a.panes) < a.panesWanted() {
		cmds = a.layoutPanes()
	}
	cmds = append(cmds, a.placeIndexed()...)
	if a.titles.summarized > 0 { // the picker was used: its titles follow the index
		cmds = append(cmds, a.readSummaries())
	}
	if !done {
		cmds = append(cmds, waitIndexCmd(a.corpus))
	}
	return tea.Batch(cmds...)
}

// View draws the whole screen: header, panes, status line, help.
func (a *App) View() tea.View {
	v := tea.NewView(a.render())
	v.AltScreen = true
	v.KeyboardEnhancements.ReportAlternateKeys = true
	v.MouseMode = tea.MouseModeCellMotion // the painter sets it in paintSetup
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
	case modeOthers:
		rows = append(rows, a.othersView())
	case modeLabels:
		rows = append(rows, a.labelsView())
	case modeClaim:
		rows = append(rows, a.form.View(a))
	case modeQuitFailed:
		rows = append(rows, a.quitFailedView())
	case modeAnnList:
		rows = append(rows, a.annList.View(a))

	case modeResults:
		a.results.SetSize(a.width, a.bodyHeight())
		rows = append(rows, a.results.View(&a.styles, a.sgr, a.corpus.Len(), a.opts.Engine))
	default:
		rows = append(rows, a.panesView())
	}
	rows = append(rows, a.statusLine())
	if a.helpLineShown() {
		rows = append(rows, a.helpLine())
	}
	return strings.Join(rows, "\n")
}
