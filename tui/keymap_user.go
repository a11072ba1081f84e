package tui

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"

	tea "charm.land/bubbletea/v2"
	"github.com/hashiya/hashiya/annotations"
)

// UserConfigPath is the config file the reader loads.
func UserConfigPath() string { return filepath.Join(ConfigDir(), "config.toml") }

// UserOptions holds the key map and keyboard the reader runs with: the defaults
// with the config file's [keys] and keyboard applied. Errors name the file.
func UserOptions() (Options, error) {
	path := UserConfigPath()
	cfg, err := LoadConfig(path)
	if err != nil {
		return Options{}, err
	}
	var o Options
	if err := cfg.Apply(&o, path); err != nil {
		return Options{}, err
	}
	return o, nil
}

// ReservedLabelKeys are the keys a label schema may not use with these options:
// the key map's Reserved keys and, unless the keyboard is "none", every letter
// the keyboard-layout mapping reads as a Latin key before labels are looked up
// (a label on ش would act as "a" and accept the document).
func (o Options) ReservedLabelKeys() []string {
	km := o.Keys
	if km.Quit.Keys() == nil {
		km = DefaultKeyMap()
	}
	out := km.Reserved()
	if o.Keyboard != kbNone {
		for _, table := range newLayoutMapper().byLayout {
			for letter := range table {
				out = append(out, letter)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// LayoutKey is the Latin key the keyboard-layout mapping reads letter as, if any.
func (o Options) LayoutKey(letter string) (string, bool) {
	kb := o.Keyboard
	if kb == "" {
		kb = kbAuto
	}
	r := []rune(letter)
	if len(r) == 0 {
		return "", false
	}
	t, ok := newLayoutMapper().Translate(tea.KeyPressMsg{Code: r[0], Text: letter}, kb)
	if !ok {
		return "", false
	}
	return t.String(), true
}

// CheckLabelKeys reports, before the reader starts, every label of s whose key the
// reader would read as something else: a binding's key where labels are typed (naming
// both), the space bar, or a letter the keyboard-layout mapping turns into a Latin key.
func (o Options) CheckLabelKeys(s annotations.Schema) error {
	km := o.Keys
	if km.Quit.Keys() == nil {
		km = DefaultKeyMap()
	}
	var errs []error
	if err := km.CheckLabels(s); err != nil {
		errs = append(errs, err)
	}
	for _, l := range s.All() {
		if latin, ok := o.LayoutKey(l.Key); ok && o.Keyboard != kbNone {
			errs = append(errs, fmt.Errorf("label %s: key %q is read as %q by the keyboard-layout mapping (keyboard = \"none\" turns it off)", l.Name, l.Key, latin))
		}
	}
	if len(errs) == 0 {
		// Whatever else Reserved keeps (the space bar) the schema's own check names.
		return s.Validate(o.ReservedLabelKeys()...)
	}
	return errors.Join(errs...)
}
