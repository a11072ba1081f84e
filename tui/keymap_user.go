package tui

import "path/filepath"

// UserConfigPath is the config file the reader loads.
func UserConfigPath() string { return filepath.Join(ConfigDir(), "config.toml") }

// UserKeyMap is the key map the reader runs with: the defaults with the config
// file's rebindings applied. Errors name the file.
func UserKeyMap() (KeyMap, error) {
	path := UserConfigPath()
	cfg, err := LoadConfig(path)
	if err != nil {
		return KeyMap{}, err
	}
	var o Options
	if err := cfg.Apply(&o, path); err != nil {
		return KeyMap{}, err
	}
	return o.Keys, nil
}
