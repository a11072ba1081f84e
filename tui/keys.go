package tui

import (
	"charm.land/bubbles/v2/key"
)

// KeyMap is every key binding of the reader, in every mode: the key handlers match
// only these, hints and the help screen are drawn from them, and the config file
// rebinds any of them by name (keymap_names.go). The modes they act in, and the help
// groups they are listed under, are in keymap_modes.go.
type KeyMap struct {
	// Documents and panes (normal mode).
	NextPane, PrevPane key.Binding
	NextDoc, PrevDoc   key.Binding
	OpenDoc            key.Binding
	SyncScroll         key.Binding
	Direction          key.Binding

	// Moving (normal mode).
	Down, Up           key.Binding
	PageDown, PageUp   key.Binding
	HalfDown, HalfUp   key.Binding
	Top, Bottom        key.Binding
	NextWord, PrevWord key.Binding
	Left, Right        key.Binding

	// Search (normal mode).
	Search    key.Binding
	NextMatch key.Binding
	PrevMatch key.Binding

	// The app (normal mode).
	Help       key.Binding
	Warnings   key.Binding
	Quit       key.Binding
	QuitAnyway key.Binding // only after a quit could not save

	// Selecting, tagging and editing (normal mode).
	Select, SelectCancel, LabelPicker, Claim, Remove key.Binding
	GrowEnd, ShrinkEnd                               key.Binding
	GrowStart, ShrinkStart                           key.Binding
	GrowEndChar, ShrinkEndChar                       key.Binding
	GrowStartChar, ShrinkStartChar                   key.Binding
	Undo, Redo                                       key.Binding
	Link                                             key.Binding
	Unlink, Relink                                   key.Binding
	Accept, Reject, Ignore                           key.Binding

	// The review screen (hashiya review): annotators' versions side by side.
	ReviewNextPane, ReviewPrevPane     key.Binding
	ReviewNextItem, ReviewPrevItem     key.Binding
	ReviewAcceptItem, ReviewRejectItem key.Binding
	ReviewAcceptVersion                key.Binding
	ReviewAutoAccept                   key.Binding
	ReviewDone                         key.Binding
	ReviewNextDoc, ReviewPrevDoc       key.Binding
	ReviewNextNeeding                  key.Binding
	ReviewScrollDown, ReviewScrollUp   key.Binding
	ReviewQuit                         key.Binding

	// Modal keys: every list, form and prompt.
	QuitFromPrompt key.Binding // save and quit where q is typed or means something else

	// The document list (o).
	PickerUp, PickerDown, PickerOpen, PickerCancel key.Binding

	// The search prompt (/).
	SearchRun, SearchCancel key.Binding

	// The label picker (enter).
	LabelUp, LabelDown, LabelChoose, LabelCancel key.Binding

	// The claim form (c).
	FormNext, FormPrev, FormSave, FormCancel key.Binding
	FormEntityNext, FormEntityPrev           key.Binding
	FormOptionNext, FormOptionPrev           key.Binding
	FormYes, FormNo                          key.Binding

	// Links (L, X, R): picking the target claim, then a relation or a link by number.
	LinkTarget, LinkCancel key.Binding
	LinkChoice             key.Binding // its keys in order: the first picks entry 1

	// The help screen (?) and the warnings list (!).
	HelpDown, HelpUp         key.Binding
	HelpPageDown, HelpPageUp key.Binding
	HelpTop, HelpBottom      key.Binding
	HelpClose                key.Binding
	WarningsClose            key.Binding

	// The dialog after a quit could not save.
	QuitBack key.Binding

	// Navigation by progress and the annotations list (nav.go, annlist.go).
	NextUnannotated, PrevUnannotated key.Binding
	NextUnanswered, PrevUnanswered   key.Binding
	AnnotationList                   key.Binding
	ListJump, ListClose              key.Binding // in the annotations list (Down, Up, Remove work there too)

	// Corpus-wide search and search history (corpus_search.go, search_history.go).
	SearchCorpus             key.Binding // in the search prompt: search every document
	HistoryPrev, HistoryNext key.Binding // in the search prompt: earlier / later searches
	CorpusResults            key.Binding // the list of the last corpus search's hits
	ResultOpen, ResultClose  key.Binding // in that list (the move keys work there too)

	// Team server (hashiya serve, team.go): the next assigned document, the others' work.
	NextAssigned, Others key.Binding
	OthersClose          key.Binding // in the list of the others' annotations

	// Pre-annotation (suggest.go, propagate.go): suggestions of a pattern file, and
	// propagation of a span's words across the corpus.
	AcceptSuggestion, RejectSuggestion, AcceptAllSuggestions key.Binding
	Propagate                                                key.Binding
	PropagateStop                                            key.Binding // while a propagation's occurrences wait
}

// DefaultKeyMap is the documented default binding set.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, helpKey, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, desc))
	}
	return KeyMap{
		NextPane:   b([]string{"tab"}, "tab", "next pane"),
		PrevPane:   b([]string{"shift+tab"}, "shift+tab", "previous pane"),
		NextDoc:    b([]string{"]"}, "]", "next document"),
		PrevDoc:    b([]string{"["}, "[", "previous document"),
		OpenDoc:    b([]string{"o"}, "o", "open document from a list"),
		SyncScroll: b([]string{"s"}, "s", "toggle synchronized scrolling"),
		Direction:  b([]string{"d"}, "d", "pane direction: auto/rtl/ltr"),

		Down:     b([]string{"j", "down"}, "j/↓", "down a line"),
		Up:       b([]string{"k", "up"}, "k/↑", "up a line"),
		PageDown: b([]string{"pgdown"}, "pgdn", "page down"),
		PageUp:   b([]string{"pgup"}, "pgup", "page up"),
		HalfDown: b([]string{"ctrl+d"}, "ctrl+d", "half page down"),
		HalfUp:   b([]string{"ctrl+u"}, "ctrl+u", "half page up"),
		Top:      b([]string{"g", "home"}, "g/home", "top"),
		Bottom:   b([]string{"G", "end"}, "G/end", "bottom"),
		NextWord: b([]string{"w"}, "w", "next word (reading order)"),
		PrevWord: b([]string{"b"}, "b", "previous word (reading order)"),
		Left:     b([]string{"h", "left"}, "h/←", "one character left"),
		Right:    b([]string{"l", "right"}, "l/→", "one character right"),

		Search:    b([]string{"/"}, "/", "search"),
		NextMatch: b([]string{"n"}, "n", "next match"),
		PrevMatch: b([]string{"N"}, "N", "previous match"),

		Help:       b([]string{"?"}, "?", "full help"),
		Warnings:   b([]string{"!"}, "!", "list warnings"),
		Quit:       b([]string{"q", "ctrl+c"}, "q", "save and quit"),
		QuitAnyway: b([]string{"Q"}, "Q", "quit without saving (only after a save failed)"),

		Select:       b([]string{"v"}, "v", "select"),
		SelectCancel: b([]string{"esc"}, "esc", "cancel the selection, else clear the search highlights"),
		LabelPicker:  b([]string{"enter"}, "enter", "label picker"),
		Claim:        b([]string{"c"}, "c", "claim"),
		Remove:       b([]string{"x"}, "x", "remove annotation under cursor"),
		GrowEnd:      b([]string{">"}, ">", "grow span end by a word (merges same label)"),
		ShrinkEnd:    b([]string{"<"}, "<", "shrink span end by a word"),
		GrowStart:    b([]string{")"}, ")", "grow span start by a word (merges same label)"),
		ShrinkStart:  b([]string{"("}, "(", "shrink span start by a word"),
		// The character steps sit on keys every layout types as themselves (, and . are
		// < and > unshifted; - and = stand for minus and plus).
		GrowEndChar:     b([]string{"."}, ".", "grow selection or span end by a character"),
		ShrinkEndChar:   b([]string{","}, ",", "shrink selection or span end by a character"),
		GrowStartChar:   b([]string{"="}, "=", "grow selection or span start by a character"),
		ShrinkStartChar: b([]string{"-"}, "-", "shrink selection or span start by a character"),
		Undo:            b([]string{"u"}, "u", "undo"),
		Redo:            b([]string{"ctrl+r"}, "ctrl+r", "redo"),
		Link:            b([]string{"L"}, "L", "link claim to a claim in another pane"),
		Unlink:          b([]string{"X"}, "X", "unlink the claim under cursor"),
		Relink:          b([]string{"R"}, "R", "change a link's relation"),
		Accept:          b([]string{"a"}, "a", "accept document"),
		Reject:          b([]string{"r"}, "r", "reject document"),
		Ignore:          b([]string{"i"}, "i", "ignore document"),

		QuitFromPrompt: b([]string{"ctrl+c"}, "ctrl+c", "save and quit from any list, form or prompt"),

		PickerUp:     b([]string{"up", "ctrl+p"}, "↑/ctrl+p", "previous in the list"),
		PickerDown:   b([]string{"down", "ctrl+n"}, "↓/ctrl+n", "next in the list"),
		PickerOpen:   b([]string{"enter"}, "enter", "open the highlighted"),
		PickerCancel: b([]string{"esc"}, "esc", "close the list"),

		SearchRun:    b([]string{"enter"}, "enter", "search for what was typed"),
		SearchCancel: b([]string{"esc"}, "esc", "leave the search prompt"),

		LabelUp:     b([]string{"up", "k"}, "↑/k", "previous label"),
		LabelDown:   b([]string{"down", "j"}, "↓/j", "next label"),
		LabelChoose: b([]string{"enter"}, "enter", "tag with the highlighted label"),
		LabelCancel: b([]string{"esc", "q"}, "esc/q", "close the label picker"),

		FormNext:       b([]string{"tab", "down"}, "tab/↓", "next field"),
		FormPrev:       b([]string{"shift+tab", "up"}, "shift+tab/↑", "previous field"),
		FormSave:       b([]string{"enter"}, "enter", "save the claim"),
		FormCancel:     b([]string{"esc"}, "esc", "close the form (a new claim keeps its defaults)"),
		FormEntityNext: b([]string{"ctrl+n"}, "ctrl+n", "claimant: next entity of the document"),
		FormEntityPrev: b([]string{"ctrl+p"}, "ctrl+p", "claimant: previous entity of the document"),
		FormOptionNext: b([]string{"right", "l", "space"}, "→/l/space", "next choice (attribution, check-worthy, qualifier)"),
		FormOptionPrev: b([]string{"left", "h"}, "←/h", "previous choice"),
		FormYes:        b([]string{"y"}, "y", "check-worthy: yes"),
		FormNo:         b([]string{"n"}, "n", "check-worthy: no"),

		LinkTarget: b([]string{"enter"}, "enter", "link to the claim under the cursor"),
		LinkCancel: b([]string{"esc"}, "esc", "cancel the link"),
		LinkChoice: b([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "1…9", "pick a relation, or a link, by its number"),

		HelpDown:      b([]string{"j", "down"}, "j/↓", "scroll down a line"),
		HelpUp:        b([]string{"k", "up"}, "k/↑", "scroll up a line"),
		HelpPageDown:  b([]string{"pgdown", "space", "ctrl+d"}, "pgdn/space", "scroll down a page"),
		HelpPageUp:    b([]string{"pgup", "ctrl+u"}, "pgup", "scroll up a page"),
		HelpTop:       b([]string{"g", "home"}, "g/home", "help top"),
		HelpBottom:    b([]string{"G", "end"}, "G/end", "help bottom"),
		HelpClose:     b([]string{"esc", "q"}, "esc/q", "close the help"),
		WarningsClose: b([]string{"esc", "q"}, "esc/q", "close the warnings list"),

		QuitBack: b([]string{"esc"}, "esc", "back to the documents"),

		// Navigation by progress and the annotations list.
		NextUnannotated: b([]string{"}"}, "}", "next document without annotations"),
		PrevUnannotated: b([]string{"{"}, "{", "previous document without annotations"),
		NextUnanswered:  b([]string{"'"}, "'", "next unanswered document"),
		PrevUnanswered:  b([]string{"\""}, "\"", "previous unanswered document"),
		AnnotationList:  b([]string{"A"}, "A", "list the document's annotations"),
		ListJump:        b([]string{"enter"}, "enter", "put the cursor on it"),
		ListClose:       b([]string{"esc"}, "esc", "close the annotations list"),

		// Corpus-wide search and search history.
		SearchCorpus:  b([]string{"alt+enter", "ctrl+g"}, "alt+enter/ctrl+g", "search every document"),
		HistoryPrev:   b([]string{"up", "ctrl+p"}, "↑/ctrl+p", "earlier search"),
		HistoryNext:   b([]string{"down", "ctrl+n"}, "↓/ctrl+n", "later search"),
		CorpusResults: b([]string{"F"}, "F", "hits of the last corpus search"),
		ResultOpen:    b([]string{"enter"}, "enter", "open the hit"),
		ResultClose:   b([]string{"esc"}, "esc", "close the hits list, stopping the search"),

		// Team server.
		NextAssigned: b([]string{"space"}, "space", "next unanswered document assigned to you (team server)"),
		Others:       b([]string{"O"}, "O", "the others' annotations of this document (team server, reviewers)"),
		OthersClose:  b([]string{"esc", "q"}, "esc/q", "close the others' annotations"),

		// The review screen.
		ReviewNextPane:      b([]string{"tab"}, "tab", "next annotator's pane"),
		ReviewPrevPane:      b([]string{"shift+tab"}, "shift+tab", "previous annotator's pane"),
		ReviewNextItem:      b([]string{"j", "down"}, "j/↓", "next difference in the pane"),
		ReviewPrevItem:      b([]string{"k", "up"}, "k/↑", "previous difference in the pane"),
		ReviewAcceptItem:    b([]string{"enter", "y"}, "enter/y", "accept the difference into gold"),
		ReviewRejectItem:    b([]string{"x", "n"}, "x/n", "reject the difference (leave it out of gold)"),
		ReviewAcceptVersion: b([]string{"V"}, "V", "accept this annotator's whole version into gold"),
		ReviewAutoAccept:    b([]string{"A"}, "A", "accept what every annotator agrees on"),
		ReviewDone:          b([]string{"D"}, "D", "done: gold takes the agreed answer, else this pane's"),
		ReviewNextDoc:       b([]string{"]"}, "]", "next document"),
		ReviewPrevDoc:       b([]string{"["}, "[", "previous document"),
		ReviewNextNeeding:   b([]string{"}"}, "}", "next document needing review"),
		ReviewScrollDown:    b([]string{"ctrl+d", "pgdown"}, "ctrl+d", "scroll every pane down"),
		ReviewScrollUp:      b([]string{"ctrl+u", "pgup"}, "ctrl+u", "scroll every pane up"),
		ReviewQuit:          b([]string{"q", "ctrl+c"}, "q", "quit the review"),

		// Pre-annotation.
		AcceptSuggestion:     b([]string{"y"}, "y", "accept the suggestion under the cursor (propagating: and go on)"),
		RejectSuggestion:     b([]string{"z"}, "z", "reject the suggestion under the cursor (propagating: skip it)"),
		AcceptAllSuggestions: b([]string{"Y"}, "Y", "accept every suggestion of the document (propagating: everywhere)"),
		Propagate:            b([]string{"p"}, "p", "find the span's words across the corpus (then: the next one)"),
		PropagateStop:        b([]string{"esc"}, "esc", "stop the propagation"),
	}
}
