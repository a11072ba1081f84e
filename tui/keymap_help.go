package tui

import "charm.land/bubbles/v2/key"

// helpGroup is one group of the help screen: its bindings, in sections by the mode
// they act in (the first section, untitled, is the documents' screen).
type helpGroup struct {
	title    string
	sections []helpSection
}

type helpSection struct {
	title    string // where these keys act, "" for the documents' screen
	bindings []key.Binding
}

// helpGroups is every binding of k, each once, grouped for the help screen.
func (k KeyMap) helpGroups() []helpGroup {
	in := func(what string, opener key.Binding) string {
		return what + " (" + opener.Help().Key + ")"
	}
	return []helpGroup{
		{"move", []helpSection{{"", []key.Binding{k.Down, k.Up, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp,
			k.Top, k.Bottom, k.NextWord, k.PrevWord, k.Left, k.Right}}}},
		{"panes and documents", []helpSection{
			{"", []key.Binding{k.NextPane, k.PrevPane, k.NextDoc, k.PrevDoc, k.OpenDoc, k.SyncScroll, k.Direction,
				k.NextUnannotated, k.PrevUnannotated, k.NextUnanswered, k.PrevUnanswered, k.AnnotationList}},
			{in("document list", k.OpenDoc), []key.Binding{k.PickerDown, k.PickerUp, k.PickerOpen, k.PickerCancel}},
			{in("annotations list", k.AnnotationList), []key.Binding{k.ListJump, k.ListClose}},
			{"team server", []key.Binding{k.NextAssigned, k.Others, k.OthersClose}},
		}},
		{"select and tag", []helpSection{
			{"", []key.Binding{k.Select, k.SelectCancel, k.LabelPicker, k.Remove, k.GrowEnd, k.ShrinkEnd, k.GrowStart,
				k.ShrinkStart, k.GrowEndChar, k.ShrinkEndChar, k.GrowStartChar, k.ShrinkStartChar, k.Undo, k.Redo}},
			{in("label picker", k.LabelPicker), []key.Binding{k.LabelDown, k.LabelUp, k.LabelChoose, k.LabelCancel}},
		}},
		{"claims and links", []helpSection{
			{"", []key.Binding{k.Claim, k.Link, k.Unlink, k.Relink}},
			{in("claim form", k.Claim), []key.Binding{k.FormNext, k.FormPrev, k.FormSave, k.FormCancel, k.FormEntityNext,
				k.FormEntityPrev, k.FormOptionNext, k.FormOptionPrev, k.FormYes, k.FormNo}},
			{in("linking", k.Link), []key.Binding{k.LinkTarget, k.LinkChoice, k.LinkCancel}},
		}},
		{"answers", []helpSection{{"", []key.Binding{k.Accept, k.Reject, k.Ignore}}}},
		{"pre-annotation", []helpSection{
			{"", []key.Binding{k.AcceptSuggestion, k.RejectSuggestion, k.AcceptAllSuggestions, k.Propagate}},
			{in("propagating", k.Propagate), []key.Binding{k.PropagateStop}},
		}},
		{"search", []helpSection{
			{"", []key.Binding{k.Search, k.NextMatch, k.PrevMatch, k.CorpusResults}},
			{in("search prompt", k.Search), []key.Binding{k.SearchRun, k.SearchCancel, k.SearchCorpus, k.HistoryPrev, k.HistoryNext}},
			{in("hits list", k.CorpusResults), []key.Binding{k.ResultOpen, k.ResultClose}},
		}},
		{"app", []helpSection{
			{"", []key.Binding{k.Help, k.Warnings, k.Quit, k.QuitFromPrompt}},
			{in("help", k.Help), []key.Binding{k.HelpDown, k.HelpUp, k.HelpPageDown, k.HelpPageUp, k.HelpTop, k.HelpBottom, k.HelpClose}},
			{in("warnings", k.Warnings), []key.Binding{k.WarningsClose}},
			{"after a quit could not save", []key.Binding{k.QuitAnyway, k.QuitBack}},
		}},
		{"review (hashiya review)", []helpSection{{"", k.reviewHelp()}}},
	}
}

// reviewHelp is the review screen's bindings, for its help group and footer.
func (k KeyMap) reviewHelp() []key.Binding {
	out := []key.Binding{}
	for _, b := range k.reviewBindings() {
		out = append(out, *b)
	}
	return out
}

// ShortHelp is the footer line of the documents' screen.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.NextPane, k.NextDoc, k.Search, k.NextMatch, k.Select, k.Claim, k.Undo, k.Help, k.Quit}
}

// shortHelp is the footer line of the current mode: the keys that act there.
func (a *App) shortHelp() []key.Binding {
	k := a.keys
	switch a.mode {
	case modePicker:
		return []key.Binding{k.PickerDown, k.PickerUp, k.PickerOpen, k.PickerCancel}
	case modeSearch:
		return []key.Binding{k.SearchRun, k.SearchCorpus, k.HistoryPrev, k.SearchCancel}
	case modeAnnList:
		return []key.Binding{k.Down, k.Up, k.ListJump, k.Remove, k.ListClose}
	case modeResults:
		return []key.Binding{k.Down, k.Up, k.ResultOpen, k.ResultClose}
	case modeLabels:
		return []key.Binding{k.LabelDown, k.LabelUp, k.LabelChoose, k.LabelCancel}
	case modeClaim:
		return []key.Binding{k.FormNext, k.FormPrev, k.FormSave, k.FormCancel}
	case modeRelation:
		return []key.Binding{k.LinkChoice, k.LinkCancel}
	case modeHelp:
		return []key.Binding{k.HelpClose, k.HelpPageDown, k.HelpPageUp, k.HelpDown, k.HelpUp}
	case modeWarnings:
		return []key.Binding{k.WarningsClose}
	case modeOthers:
		return []key.Binding{k.OthersClose}
	case modeQuitFailed:
		return []key.Binding{k.Quit, k.QuitAnyway, k.QuitBack}
	}
	if a.link != nil {
		return []key.Binding{k.NextPane, k.LinkTarget, k.LinkCancel, k.Down, k.Up}
	}
	if a.prop != nil {
		return []key.Binding{k.AcceptAllSuggestions, k.Propagate, k.AcceptSuggestion, k.RejectSuggestion, k.PropagateStop}
	}
	return k.ShortHelp()
}

// hint is bindings as "key desc · key desc", for prompts and headings.
func hint(bs ...key.Binding) string { return fitHint(0, bs...) }

// fitHint is hint in at most width cells (0: any): the bindings that do not fit are
// left out whole, from the last.
func fitHint(width int, bs ...key.Binding) string {
	s := ""
	for _, b := range bs {
		next := b.Help().Key + " " + b.Help().Desc
		if s != "" {
			next = s + " · " + next
		}
		if width > 0 && textWidth(next) > width {
			break
		}
		s = next
	}
	return s
}
