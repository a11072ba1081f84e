package tui

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/model"
)

// choiceKey is the default key of the i-th entry of a numbered prompt.
func choiceKey(i int) string { k := DefaultKeyMap(); return k.choiceKey(i) }

// TestRebindingDownToWAcceptedSilently: down = ["w"] used to start the reader with
// w moving down and next_word unreachable; the config is refused naming both.
func TestRebindingDownToWAcceptedSilently(t *testing.T) {
	c := Config{Keys: map[string][]string{"down": {"w"}}}
	var o Options
	err := c.Apply(&o, "config.toml")
	if err == nil {
		t.Fatal("down = [\"w\"] collides with next_word, yet the config was accepted")
	}
	for _, want := range []string{"config.toml", "down", "next_word", `"w"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not name %s: %v", want, err)
		}
	}
}

// TestModalRebindingCollides: a collision inside a modal mode is found too, and the
// same key in two modes is not one.
func TestModalRebindingCollides(t *testing.T) {
	km := DefaultKeyMap()
	if err := km.Rebind(map[string][]string{"picker_down": {"esc"}}); err != nil {
		t.Fatal(err)
	}
	err := km.Check()
	if err == nil || !strings.Contains(err.Error(), "picker_down") || !strings.Contains(err.Error(), "picker_cancel") {
		t.Fatalf("picker_down on esc: %v", err)
	}
	km = DefaultKeyMap()
	if err := km.Rebind(map[string][]string{"picker_down": {"j"}}); err != nil || km.Check() != nil {
		t.Fatalf("j in the document list and on the documents' screen are not a collision: %v, %v", err, km.Check())
	}
}

// TestLabelOnABindingKeyIsNamed: a label on a key the documents' screen binds is
// refused at start, naming the label, the binding and the key.
func TestLabelOnABindingKeyIsNamed(t *testing.T) {
	km := DefaultKeyMap()
	person, _ := annotations.DefaultSchema().Lookup("PERSON")
	if err := km.Rebind(map[string][]string{"accept": {person.Key}}); err != nil {
		t.Fatal(err)
	}
	err := Options{Keys: km}.CheckLabelKeys(annotations.DefaultSchema())
	if err == nil {
		t.Fatalf("accept on %q, the key of PERSON, was accepted", person.Key)
	}
	for _, want := range []string{"PERSON", "accept", `"` + person.Key + `"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not name %s: %v", want, err)
		}
	}
	if err := (Options{}).CheckLabelKeys(annotations.DefaultSchema()); err != nil {
		t.Errorf("the default labels and keys collide: %v", err)
	}
}

// TestEveryBindingIsRebindableByName: every field of KeyMap has a config name, and
// rebinding it by that name changes that binding.
func TestEveryBindingIsRebindableByName(t *testing.T) {
	km := DefaultKeyMap()
	fields, err := bindingKeys(km)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range fields {
		seen[f.source] = true
	}
	if len(km.Names()) != len(seen) {
		t.Fatalf("%d names for %d bindings", len(km.Names()), len(seen))
	}
	for _, name := range km.Names() {
		k := DefaultKeyMap()
		if err := k.Rebind(map[string][]string{name: {"f9"}}); err != nil {
			t.Fatal(err)
		}
		if b := k.byName()[name]; b.Keys()[0] != "f9" || b.Help().Key != "f9" {
			t.Errorf("%s: rebinding to f9 gave %v (help %q)", name, b.Keys(), b.Help().Key)
		}
	}
}

// TestPickerRebindingReachesListHintAndHelp: picker_down on ctrl+j moves the document
// list's highlight (and its old key no longer does), and both the list's hint and the
// help screen say ctrl+j.
func TestPickerRebindingReachesListHintAndHelp(t *testing.T) {
	km := DefaultKeyMap()
	if err := km.Rebind(map[string][]string{"picker_down": {"ctrl+j"}}); err != nil {
		t.Fatal(err)
	}
	a := newTestAppWith(t, Options{Keys: km}, 120, 40)
	hit(t, a, a.keys.OpenDoc)
	start := a.picker.cursor
	press(t, a, DefaultKeyMap().PickerDown.Keys()...)
	if a.picker.cursor != start {
		t.Fatalf("the old picker_down keys still move the list: %d → %d", start, a.picker.cursor)
	}
	press(t, a, "ctrl+j")
	if a.picker.cursor != start+1 {
		t.Fatalf("ctrl+j (picker_down) did not move the list: %d → %d", start, a.picker.cursor)
	}
	if !strings.Contains(screen(a), "ctrl+j "+km.PickerDown.Help().Desc) {
		t.Errorf("the list's hint does not show ctrl+j:\n%s", screen(a))
	}
	hit(t, a, a.keys.PickerCancel)
	hit(t, a, a.keys.Help)
	found := false
	for i := 0; i < 20 && !found; i++ {
		found = strings.Contains(screen(a), "ctrl+j") && strings.Contains(screen(a), km.PickerDown.Help().Desc)
		hit(t, a, a.keys.HelpPageDown)
	}
	if !found {
		t.Errorf("the help never shows picker_down on ctrl+j")
	}
}

// hit presses b's first key, as the terminal reports it.
func hit(t *testing.T, a *App, bs ...key.Binding) {
	t.Helper()
	for _, b := range bs {
		msg, err := walkKeyMsg(b.Keys()[0])
		if err != nil {
			t.Fatal(err)
		}
		_, cmd := a.Update(msg)
		drive(t, a, cmd)
	}
}

// newTestAppWith is newTestApp with opts (keys, say) on the sample.
func newTestAppWith(t *testing.T, opts Options, w, h int) *App {
	t.Helper()
	opts.Corpus, opts.CorpusName, opts.Annotator = model.Sample(), "treaty (sample)", "test"
	a := New(opts)
	drive(t, a, a.Init())
	resize(t, a, w, h)
	return a
}

// TestEveryBindingIsInAModeAndTheHelp: a binding added to KeyMap must be placed in the
// modes it acts in (for the collision check) and once in the help's groups.
func TestEveryBindingIsInAModeAndTheHelp(t *testing.T) {
	km := DefaultKeyMap()
	inMode := map[string]bool{}
	for _, m := range km.modes() {
		for _, b := range m.bindings {
			inMode[km.nameOf(b)] = true
		}
	}
	// The help lists copies; tell them apart by field through a key map whose every
	// binding has a key of its own.
	unique := DefaultKeyMap()
	byKey := map[string]string{}
	for i, nb := range unique.named() {
		k := fmt.Sprintf("k%d", i)
		nb.b.SetKeys(k)
		byKey[k] = nb.name
	}
	inHelp := map[string]int{}
	for _, b := range (helpContent{groups: unique.helpGroups()}).bindings() {
		inHelp[byKey[b.Keys()[0]]]++
	}
	for _, name := range km.Names() {
		if !inMode[name] {
			t.Errorf("binding %s acts in no mode of KeyMap.modes", name)
		}
		if inHelp[name] != 1 {
			t.Errorf("binding %s is listed %d times in the help's groups", name, inHelp[name])
		}
	}
}
