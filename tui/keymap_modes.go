package tui

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/hashiya/hashiya/annotations"
)

// keyMode is a set of bindings matched against the same key press: two of them on one
// key would leave one unreachable. labels says label keys are read there too.
type keyMode struct {
	name     string
	bindings []*key.Binding
	labels   bool
}

// normalBindings are the keys of the documents' screen.
func (k *KeyMap) normalBindings() []*key.Binding {
	return []*key.Binding{
		&k.NextPane, &k.PrevPane, &k.NextDoc, &k.PrevDoc, &k.OpenDoc, &k.SyncScroll, &k.Direction,
		&k.Down, &k.Up, &k.PageDown, &k.PageUp, &k.HalfDown, &k.HalfUp, &k.Top, &k.Bottom,
		&k.NextWord, &k.PrevWord, &k.Left, &k.Right,
		&k.Search, &k.NextMatch, &k.PrevMatch, &k.Help, &k.Warnings, &k.Quit,
		&k.Select, &k.SelectCancel, &k.LabelPicker, &k.Claim, &k.Remove,
		&k.GrowEnd, &k.ShrinkEnd, &k.GrowStart, &k.ShrinkStart,
		&k.GrowEndChar, &k.ShrinkEndChar, &k.GrowStartChar, &k.ShrinkStartChar,
		&k.Undo, &k.Redo, &k.Link, &k.Unlink, &k.Relink, &k.Accept, &k.Reject, &k.Ignore,
		&k.NextUnannotated, &k.PrevUnannotated, &k.NextUnanswered, &k.PrevUnanswered, &k.AnnotationList,
		&k.CorpusResults, &k.NextAssigned, &k.Others,
		&k.AcceptSuggestion, &k.RejectSuggestion, &k.AcceptAllSuggestions, &k.Propagate,
	}
}

// reviewBindings are the keys of the review screen (hashiya review).
func (k *KeyMap) reviewBindings() []*key.Binding {
	return []*key.Binding{&k.ReviewNextPane, &k.ReviewPrevPane, &k.ReviewNextItem, &k.ReviewPrevItem,
		&k.ReviewAcceptItem, &k.ReviewRejectItem, &k.ReviewAcceptVersion, &k.ReviewAutoAccept, &k.ReviewDone,
		&k.ReviewNextDoc, &k.ReviewPrevDoc, &k.ReviewNextNeeding, &k.ReviewScrollDown, &k.ReviewScrollUp, &k.ReviewQuit}
}

// modes lists every mode with the bindings active in it.
func (k *KeyMap) modes() []keyMode {
	// While a link's target is picked, its two keys come first and every other key of
	// the documents' screen still works, except the two they stand in for.
	linking := []*key.Binding{&k.LinkTarget, &k.LinkCancel}
	for _, b := range k.normalBindings() {
		if b != &k.LabelPicker && b != &k.SelectCancel {
			linking = append(linking, b)
		}
	}
	// While a propagation's occurrences wait, its stop key stands in for the selection's
	// cancel key; the suggestion keys act on the occurrences (propagate.go).
	propagating := []*key.Binding{&k.PropagateStop}
	for _, b := range k.normalBindings() {
		if b != &k.SelectCancel {
			propagating = append(propagating, b)
		}
	}
	return []keyMode{
		{name: "the documents", bindings: k.normalBindings(), labels: true},
		{name: "picking a link's target", bindings: linking, labels: true},
		{name: "a propagation's occurrences", bindings: propagating, labels: true},
		{name: "the relation or link prompt", bindings: []*key.Binding{&k.LinkChoice, &k.LinkCancel, &k.QuitFromPrompt}},
		{name: "the document list", bindings: []*key.Binding{&k.PickerUp, &k.PickerDown, &k.PickerOpen, &k.PickerCancel, &k.QuitFromPrompt}},
		{name: "the search prompt", bindings: []*key.Binding{&k.SearchRun, &k.SearchCancel, &k.SearchCorpus,
			&k.HistoryPrev, &k.HistoryNext, &k.QuitFromPrompt}},
		{name: "the annotations list", bindings: []*key.Binding{&k.Down, &k.Up, &k.Remove, &k.ListJump, &k.ListClose,
			&k.AnnotationList, &k.QuitFromPrompt}},
		{name: "the hits of a corpus search", bindings: []*key.Binding{&k.ResultOpen, &k.ResultClose, &k.Down, &k.Up,
			&k.PageDown, &k.PageUp, &k.HalfDown, &k.HalfUp, &k.Top, &k.Bottom, &k.QuitFromPrompt}},
		{name: "the label picker", bindings: []*key.Binding{&k.LabelUp, &k.LabelDown, &k.LabelChoose, &k.LabelCancel, &k.QuitFromPrompt}, labels: true},
		{name: "the claim form", bindings: []*key.Binding{&k.FormNext, &k.FormPrev, &k.FormSave, &k.FormCancel,
			&k.FormEntityNext, &k.FormEntityPrev, &k.FormOptionNext, &k.FormOptionPrev, &k.FormYes, &k.FormNo, &k.QuitFromPrompt}},
		{name: "the help screen", bindings: []*key.Binding{&k.Help, &k.HelpDown, &k.HelpUp, &k.HelpPageDown, &k.HelpPageUp,
			&k.HelpTop, &k.HelpBottom, &k.HelpClose, &k.QuitFromPrompt}},
		{name: "the others' annotations", bindings: []*key.Binding{&k.Others, &k.OthersClose, &k.QuitFromPrompt}},
		{name: "the warnings list", bindings: []*key.Binding{&k.Warnings, &k.WarningsClose, &k.QuitFromPrompt}},
		{name: "the failed-quit dialog", bindings: []*key.Binding{&k.Quit, &k.QuitAnyway, &k.QuitBack}},
		{name: "the review screen", bindings: k.reviewBindings()},
	}
}

// Check reports every pair of bindings on one key in one mode, naming both, the key
// and the mode; and a relation prompt without a key for each relation.
func (k *KeyMap) Check() error {
	var errs []string
	reported := map[string]bool{} // a pair in two modes is said once, with the first
	for _, m := range k.modes() {
		owner := map[string]*key.Binding{}
		for _, b := range m.bindings {
			for _, ks := range b.Keys() {
				if o, ok := owner[ks]; ok && o != b {
					pair := fmt.Sprintf("%s and %s are both bound to %q", k.nameOf(o), k.nameOf(b), ks)
					if !reported[pair] {
						reported[pair] = true
						errs = append(errs, pair+" in "+m.name)
					}
					continue
				}
				owner[ks] = b
			}
		}
	}
	if n := len(k.LinkChoice.Keys()); n < len(relations) {
		errs = append(errs, fmt.Sprintf("link_choice has %d key(s); it needs one for each of the %d relations", n, len(relations)))
	}
	if len(errs) == 0 {
		return nil
	}
	return errors.New("key bindings collide:\n  " + strings.Join(errs, "\n  "))
}

// CheckLabels reports every label whose key is a binding's in a mode where labels are
// typed, naming the label, the binding and the key. The claim binding is the CLAIM
// label's own key and may share it.
func (k *KeyMap) CheckLabels(s annotations.Schema) error {
	var errs []string
	for _, l := range s.All() {
		seen := map[*key.Binding]bool{}
		for _, m := range k.modes() {
			if !m.labels {
				continue
			}
			for _, b := range m.bindings {
				if seen[b] || (b == &k.Claim && l.Name == s.Claim.Name) || !slices.Contains(b.Keys(), l.Key) {
					continue
				}
				seen[b] = true
				errs = append(errs, fmt.Sprintf("label %s and key binding %s are both on %q (in %s)", l.Name, k.nameOf(b), l.Key, m.name))
			}
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errors.New("label keys collide with key bindings:\n  " + strings.Join(errs, "\n  "))
}

// Reserved are the keys a label schema may not use: every key of every binding active
// where labels are typed (the documents, the label picker), but the claim key (the
// CLAIM label's own); and " ", bound or not: the space bar arrives as "space", so a
// label on " " could never be typed.
func (k KeyMap) Reserved() []string {
	out := []string{" "}
	for _, m := range k.modes() {
		if !m.labels {
			continue
		}
		for _, b := range m.bindings {
			if b != &k.Claim {
				out = append(out, b.Keys()...)
			}
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}
