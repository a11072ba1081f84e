package tui

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
)

// KeyMap is every key binding of the reader; it feeds the help view and the config file.
type KeyMap struct {
	NextPane, PrevPane key.Binding
	NextDoc, PrevDoc   key.Binding
	OpenDoc            key.Binding
	Down, Up           key.Binding
	PageDown, PageUp   key.Binding
	HalfDown, HalfUp   key.Binding
	Top, Bottom        key.Binding
	NextWord, PrevWord key.Binding
	Left, Right        key.Binding
	SyncScroll         key.Binding
	Direction          key.Binding
	Search             key.Binding
	NextMatch          key.Binding
	PrevMatch          key.Binding
	Help               key.Binding
	Warnings           key.Binding
	Quit               key.Binding
	QuitAnyway         key.Binding // only after a quit could not save

	Select, LabelPicker, Claim, Remove key.Binding
	GrowEnd, ShrinkEnd                 key.Binding
	GrowStart, ShrinkStart             key.Binding
	GrowEndChar, ShrinkEndChar         key.Binding
	GrowStartChar, ShrinkStartChar     key.Binding
	Undo, Redo                         key.Binding
	Link                               key.Binding
	Unlink, Relink                     key.Binding
	Accept, Reject, Ignore             key.Binding

	// Pre-annotation: suggestions of a pattern file, and propagation of a span's words.
	AcceptSuggestion, RejectSuggestion, AcceptAllSuggestions key.Binding
	Propagate                                                key.Binding
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
		OpenDoc:    b([]string{"o"}, "o", "open document"),
		Down:       b([]string{"j", "down"}, "j/↓", "down a line"),
		Up:         b([]string{"k", "up"}, "k/↑", "up a line"),
		PageDown:   b([]string{"pgdown"}, "pgdn", "page down"),
		PageUp:     b([]string{"pgup"}, "pgup", "page up"),
		HalfDown:   b([]string{"ctrl+d"}, "ctrl+d", "half page down"),
		HalfUp:     b([]string{"ctrl+u"}, "ctrl+u", "half page up"),
		Top:        b([]string{"g", "home"}, "g", "top"),
		Bottom:     b([]string{"G", "end"}, "G", "bottom"),
		NextWord:   b([]string{"w"}, "w", "next word (reading order)"),
		PrevWord:   b([]string{"b"}, "b", "previous word (reading order)"),
		Left:       b([]string{"h", "left"}, "h/←", "one character left"),
		Right:      b([]string{"l", "right"}, "l/→", "one character right"),
		SyncScroll: b([]string{"s"}, "s", "toggle synchronized scrolling"),
		Direction:  b([]string{"d"}, "d", "pane direction: auto/rtl/ltr"),
		Search:     b([]string{"/"}, "/", "search"),
		NextMatch:  b([]string{"n"}, "n", "next match"),
		PrevMatch:  b([]string{"N"}, "N", "previous match"),
		Help:       b([]string{"?"}, "?", "full help"),
		Warnings:   b([]string{"!"}, "!", "list warnings"),
		Quit:       b([]string{"q", "ctrl+c"}, "q", "save and quit"),
		QuitAnyway: b([]string{"Q"}, "Q", "quit without saving (only after a save failed)"),

		Select:      b([]string{"v"}, "v", "select"),
		LabelPicker: b([]string{"enter"}, "enter", "label picker"),
		Claim:       b([]string{"c"}, "c", "claim"),
		Remove:      b([]string{"x"}, "x", "remove annotation under cursor"),
		GrowEnd:     b([]string{">"}, ">", "grow span end by a word (merges same label)"),
		ShrinkEnd:   b([]string{"<"}, "<", "shrink span end by a word"),
		GrowStart:   b([]string{")"}, ")", "grow span start by a word (merges same label)"),
		ShrinkStart: b([]string{"("}, "(", "shrink span start by a word"),
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

		// Pre-annotation
		AcceptSuggestion:     b([]string{"y"}, "y", "accept the suggestion under cursor (propagating: and go on)"),
		RejectSuggestion:     b([]string{"z"}, "z", "reject the suggestion under cursor (propagating: skip it)"),
		AcceptAllSuggestions: b([]string{"Y"}, "Y", "accept every suggestion in the document (propagating: everywhere)"),
		Propagate:            b([]string{"p"}, "p", "find the span's words across the corpus (then: next one)"),
	}
}

// byName lists the bindings under the names the config file uses.
func (k *KeyMap) byName() map[string]*key.Binding {
	return map[string]*key.Binding{
		"next_pane": &k.NextPane, "prev_pane": &k.PrevPane,
		"next_doc": &k.NextDoc, "prev_doc": &k.PrevDoc, "open_doc": &k.OpenDoc,
		"down": &k.Down, "up": &k.Up, "page_down": &k.PageDown, "page_up": &k.PageUp,
		"half_down": &k.HalfDown, "half_up": &k.HalfUp, "top": &k.Top, "bottom": &k.Bottom,
		"next_word": &k.NextWord, "prev_word": &k.PrevWord, "left": &k.Left, "right": &k.Right,
		"sync_scroll": &k.SyncScroll, "direction": &k.Direction, "search": &k.Search,
		"next_match": &k.NextMatch, "prev_match": &k.PrevMatch, "help": &k.Help, "quit": &k.Quit, "quit_anyway": &k.QuitAnyway,
		"warnings": &k.Warnings, "select": &k.Select, "label_picker": &k.LabelPicker, "claim": &k.Claim,
		"remove": &k.Remove, "grow_end": &k.GrowEnd, "shrink_end": &k.ShrinkEnd, "grow_start": &k.GrowStart,
		"shrink_start": &k.ShrinkStart, "grow_end_char": &k.GrowEndChar, "shrink_end_char": &k.ShrinkEndChar,
		"grow_start_char": &k.GrowStartChar, "shrink_start_char": &k.ShrinkStartChar, "undo": &k.Undo, "redo": &k.Redo, "link": &k.Link,
		"unlink": &k.Unlink, "relink": &k.Relink,
		"accept": &k.Accept, "reject": &k.Reject, "ignore": &k.Ignore,
		// Pre-annotation
		"accept_suggestion": &k.AcceptSuggestion, "reject_suggestion": &k.RejectSuggestion,
		"accept_all_suggestions": &k.AcceptAllSuggestions, "propagate": &k.Propagate,
	}
}

// Rebind replaces the keys of the named bindings; an unknown name is an error naming it.
func (k *KeyMap) Rebind(keys map[string][]string) error {
	named := k.byName()
	for name, ks := range keys {
		b, ok := named[name]
		if !ok {
			return fmt.Errorf("unknown key binding %q (known: %s)", name, strings.Join(sortedNames(named), ", "))
		}
		if len(ks) == 0 {
			return fmt.Errorf("key binding %q has no keys", name)
		}
		b.SetKeys(ks...)
		b.SetHelp(strings.Join(ks, "/"), b.Help().Desc)
	}
	return nil
}

func sortedNames(m map[string]*key.Binding) []string {
	out := make([]string, 0, len(m))
	for n := range m {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// ShortHelp is the footer line.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.NextPane, k.NextDoc, k.Search, k.NextMatch, k.Select, k.Claim, k.Undo, k.Help, k.Quit}
}

// FullHelp is the ? screen, one column per group.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.NextPane, k.PrevPane, k.NextDoc, k.PrevDoc, k.OpenDoc, k.SyncScroll, k.Direction},
		{k.Down, k.Up, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp, k.Top, k.Bottom},
		{k.NextWord, k.PrevWord, k.Left, k.Right, k.Search, k.NextMatch, k.PrevMatch, k.Warnings, k.Help, k.Quit, k.QuitAnyway},
		{k.Select, k.LabelPicker, k.Claim, k.Remove, k.GrowEnd, k.ShrinkEnd, k.GrowStart, k.ShrinkStart,
			k.GrowEndChar, k.ShrinkEndChar, k.GrowStartChar, k.ShrinkStartChar},
		{k.Undo, k.Redo, k.Link, k.Unlink, k.Relink, k.Accept, k.Reject, k.Ignore},
		{k.AcceptSuggestion, k.RejectSuggestion, k.AcceptAllSuggestions, k.Propagate}, // pre-annotation
	}
}

// Reserved are the keys this key map keeps for itself, which a label schema may not
// use: every key of every binding but the claim key (the CLAIM label's own); j, k and
// q, which the label picker reads whatever the bindings say; and " ", bound or not:
// the space bar arrives as "space", so a label on " " could never be typed.
func (k KeyMap) Reserved() []string {
	out := []string{"j", "k", "q", " "}
	for name, b := range k.byName() {
		if name != "claim" {
			out = append(out, b.Keys()...)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}
