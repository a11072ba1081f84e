package tui

import (
	"fmt"
	"reflect"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// walkKey is one key the random walk can press: a KeyMap binding (by field name), a
// label key of the schema, or a key of the text inputs.
type walkKey struct {
	source string // "Select", "label PERSON", "input"
	name   string // the key as Bubble Tea names it
	msg    tea.KeyPressMsg
}

func (k walkKey) String() string { return k.source + "(" + k.name + ")" }

// bindingKeys lists every key of every binding of km, found by reflection over the
// KeyMap struct so bindings added later are walked without touching this file.
func bindingKeys(km KeyMap) ([]walkKey, error) {
	var out []walkKey
	v := reflect.ValueOf(km)
	bt := reflect.TypeOf(key.Binding{})
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if f.Type != bt || !f.IsExported() {
			continue
		}
		b := v.Field(i).Interface().(key.Binding)
		if len(b.Keys()) == 0 {
			return nil, fmt.Errorf("binding %s has no keys", f.Name)
		}
		for _, k := range b.Keys() {
			msg, err := walkKeyMsg(k)
			if err != nil {
				return nil, fmt.Errorf("binding %s: %v", f.Name, err)
			}
			if !key.Matches(msg, b) {
				return nil, fmt.Errorf("binding %s: the message made for %q does not match it", f.Name, k)
			}
			out = append(out, walkKey{source: f.Name, name: k, msg: msg})
		}
	}
	return out, nil
}

// walkKeyMsg makes the key press Bubble Tea reports for a key name, and checks that it
// names itself back (so a binding to a key the walk cannot press fails loudly).
func walkKeyMsg(k string) (tea.KeyPressMsg, error) {
	var msg tea.KeyPressMsg
	switch {
	case k == "space":
		msg = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case strings.HasPrefix(k, "alt+") && len([]rune(k)) > 4:
		inner, err := walkKeyMsg(k[4:])
		if err != nil {
			return msg, err
		}
		msg = tea.KeyPressMsg{Code: inner.Code, Mod: inner.Mod | tea.ModAlt}
	default:
		msg = keyMsg(k)
	}
	if msg.String() != k {
		return msg, fmt.Errorf("cannot press key %q (the message reads %q)", k, msg.String())
	}
	return msg, nil
}

// Letters and digits typed into the search, the picker and the claim form: Latin,
// Arabic, Persian, Hebrew, digits of three scripts, and a space.
var walkRunes = []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" +
	"ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئةى" + "پچژگکی" + "אבגדהוזחטיכלמנסעפצקרשת" +
	"0123456789" + "٠١٢٣٤٥٦٧٨٩" + "۰۱۲۳۴۵۶۷۸۹" + " ")

// walkInputKeys are the keys the text inputs, the picker and the claim form read
// directly (they are not bindings of the KeyMap).
var walkInputKeys = []string{"backspace", "enter", "esc", "space", "tab", "shift+tab", "up", "down", "left", "right", "ctrl+n", "ctrl+p"}

func runeKey(r rune) walkKey {
	msg := tea.KeyPressMsg{Code: r, Text: string(r)}
	if r >= 'A' && r <= 'Z' {
		msg = keyMsg(string(r))
	}
	return walkKey{source: "text", name: string(r), msg: msg}
}

// walkKeys is everything the walk presses, grouped so the generator can weigh them.
type walkKeys struct {
	bindings []walkKey
	labels   []walkKey
	inputs   []walkKey
	byField  map[string]walkKey // first key of each binding
}

func newWalkKeys(a *App) (*walkKeys, error) {
	ks := &walkKeys{byField: map[string]walkKey{}}
	var err error
	if ks.bindings, err = bindingKeys(a.keys); err != nil {
		return nil, err
	}
	for _, b := range ks.bindings {
		if _, ok := ks.byField[b.source]; !ok {
			ks.byField[b.source] = b
		}
	}
	for _, l := range a.schema.All() {
		msg, err := walkKeyMsg(l.Key)
		if err != nil {
			return nil, fmt.Errorf("label %s: %v", l.Name, err)
		}
		ks.labels = append(ks.labels, walkKey{source: "label " + l.Name, name: l.Key, msg: msg})
	}
	for _, k := range walkInputKeys {
		msg, err := walkKeyMsg(k)
		if err != nil {
			return nil, err
		}
		ks.inputs = append(ks.inputs, walkKey{source: "input", name: k, msg: msg})
	}
	return ks, nil
}

// binding is the first key of the KeyMap field named field.
func (ks *walkKeys) binding(field string) walkKey {
	k, ok := ks.byField[field]
	if !ok {
		panic("walk: no KeyMap field " + field)
	}
	return k
}
