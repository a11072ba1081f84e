package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/BurntSushi/toml"
)

// Config is $XDG_CONFIG_HOME/hashiya/config.toml.
//
//	annotator = "sara"          # name written into the training data
//	keyboard  = "auto"          # auto | ar | fa | he | none: layout for non-Latin letter keys
//	after_answer = "unanswered" # stay | next | unanswered: where a pane goes after a|r|i
//	[keys]
//	next_match = ["n", "f3"]    # any binding by name (KeyMap.Names), with its keys
type Config struct {
	Annotator string              `toml:"annotator"`
	Keyboard  string              `toml:"keyboard"`
	Keys      map[string][]string `toml:"keys"`

	AfterAnswer string `toml:"after_answer"` // stay | next | unanswered
}

// ConfigDir is where hashiya reads its configuration.
func ConfigDir() string {
	if d := os.Getenv("XDG_CONFIG_HOME"); d != "" {
		return filepath.Join(d, "hashiya")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".config", "hashiya")
	}
	return ""
}

// StateDir is where hashiya writes its log.
func StateDir() string {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "hashiya")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "state", "hashiya")
	}
	return os.TempDir()
}

// LoadConfig reads path; a missing file is the empty config, a broken one an error
// naming the file and line.
func LoadConfig(path string) (Config, error) {
	var c Config
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	if _, err := toml.Decode(string(data), &c); err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return c, fmt.Errorf("%s:%d: %s", path, perr.Position.Line, perr.Message)
		}
		return c, fmt.Errorf("%s: %w", path, err)
	}
	switch keyboard(c.Keyboard) {
	case "", kbAuto, kbArabic, kbPersian, kbHebrew, kbNone:
	default:
		return c, fmt.Errorf("%s: keyboard = %q: want auto, ar, fa, he or none", path, c.Keyboard)
	}
	switch c.AfterAnswer {
	case "", AfterAnswerStay, AfterAnswerNext, AfterAnswerUnanswered:
	default:
		return c, fmt.Errorf("%s: after_answer = %q: want stay, next or unanswered", path, c.AfterAnswer)
	}
	return c, nil
}

// Apply puts the config's key bindings and keyboard into opts.
func (c Config) Apply(opts *Options, path string) error {
	keys := DefaultKeyMap()
	if err := keys.Rebind(c.Keys); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := keys.Check(); err != nil {
		return fmt.Errorf("%s: [keys]: %w", path, err)
	}
	opts.Keys = keys
	if c.Keyboard != "" {
		opts.Keyboard = keyboard(c.Keyboard)
	}
	if opts.Annotator == "" {
		opts.Annotator = c.Annotator
	}
	opts.AfterAnswer = c.AfterAnswer
	return nil
}
