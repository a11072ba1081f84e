package main

import (
	"path/filepath"

	"github.com/hashiya/hashiya/tui"
)

// applyUserConfig puts the user's config.toml (key map, keyboard, annotator)
// into opts, as every screen that reads keys gets it, and says which file
// that was.
func applyUserConfig(opts *tui.Options) (string, error) {
	path := filepath.Join(tui.ConfigDir(), "config.toml")
	cfg, err := tui.LoadConfig(path)
	if err != nil {
		return path, err
	}
	return path, cfg.Apply(opts, path)
}

// userOptions is the user's config on the default options.
func userOptions() (tui.Options, error) {
	var opts tui.Options
	_, err := applyUserConfig(&opts)
	return opts, err
}
