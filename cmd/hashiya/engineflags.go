package main

import (
	"fmt"

	"github.com/hashiya/hashiya/text/bidi"
	"github.com/hashiya/hashiya/text/layout"
	"github.com/spf13/pflag"
)

// engineFlags are the text-engine switches shared by the reader and `hashiya render`.
type engineFlags struct {
	dir          string
	bidi         string
	shaping      string
	ligatures    bool
	showControls bool
}

func (f *engineFlags) register(fs *pflag.FlagSet, withDir bool) {
	if withDir {
		fs.StringVar(&f.dir, "dir", "auto", "paragraph direction: auto (first strong character), ltr or rtl")
	}
	fs.StringVar(&f.bidi, "bidi", "app", "who reorders right-to-left text: app (hashiya) or terminal (for terminals that do bidi themselves)")
	fs.StringVar(&f.shaping, "shaping", "app", "who joins Arabic letters: app (presentation forms) or terminal")
	fs.BoolVar(&f.ligatures, "ligatures", false, "join lam+alef into one ligature cell")
	fs.BoolVar(&f.showControls, "show-controls", false, "show bidi formatting characters as visible markers")
}

func (f *engineFlags) options() (layout.Options, error) {
	var o layout.Options
	switch f.dir {
	case "", "auto":
		o.Dir = bidi.Auto
	case "ltr":
		o.Dir = bidi.LTR
	case "rtl":
		o.Dir = bidi.RTL
	default:
		return o, fmt.Errorf("--dir %q: want auto, ltr or rtl", f.dir)
	}
	var err error
	if o.Bidi, err = parseMode("--bidi", f.bidi); err != nil {
		return o, err
	}
	if o.Shaping, err = parseMode("--shaping", f.shaping); err != nil {
		return o, err
	}
	o.Ligatures = f.ligatures
	o.ShowControls = f.showControls
	return o, nil
}

func parseMode(flag, v string) (layout.Mode, error) {
	switch v {
	case "app":
		return layout.App, nil
	case "terminal":
		return layout.Terminal, nil
	}
	return 0, fmt.Errorf("%s %q: want app or terminal", flag, v)
}
