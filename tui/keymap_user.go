package tui

import (
	"path/filepath"
	"slices"

	tea "charm.land/bubbletea/v2"
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
