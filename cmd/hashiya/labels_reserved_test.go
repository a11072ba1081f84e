package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/tui"
)

// withConfig points the config directory at a temporary one holding body.
func withConfig(t *testing.T, body string) {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	if body == "" {
		return
	}
	if err := os.MkdirAll(filepath.Join(dir, "hashiya"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "hashiya", "config.toml"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// schemaWithKey writes a one-label schema whose key is k.
func schemaWithKey(t *testing.T, k string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "labels.toml")
	os.WriteFile(p, []byte("[[labels]]\nname='A'\nkey='"+k+"'\ncolor='#000000'\n"), 0o644)
	return p
}

func TestLabelsCmdAcceptedReservedKeys(t *testing.T) {
	km := tui.DefaultKeyMap()
	withConfig(t, "[keys]\nselect = [\"space\"]\n")
	for _, k := range []string{km.Down.Keys()[0], km.Quit.Keys()[0], " ", km.Remove.Keys()[0]} {
		p := schemaWithKey(t, k)
		_, _, err := run(t, newLabelsCmd(), "--labels", p)
		if err == nil || !strings.Contains(err.Error(), "reserved by the reader") || !strings.Contains(err.Error(), p) {
			t.Errorf("label key %q: want it refused as reserved, naming %s; got %v", k, p, err)
		}
		// The reader checks a --labels file with the same keys.
		if _, err := loadReaderSchema(p); err == nil {
			t.Errorf("label key %q: the reader accepts it", k)
		}
	}
}

func TestLabelsCmdFollowsRebindings(t *testing.T) {
	km := tui.DefaultKeyMap()
	freed := km.Direction.Keys()[0]
	p := schemaWithKey(t, freed)
	withConfig(t, "")
	if _, _, err := run(t, newLabelsCmd(), "--labels", p); err == nil {
		t.Fatalf("key %q of the default key map accepted", freed)
	}
	withConfig(t, "[keys]\ndirection = [\"D\"]\n")
	if out, _, err := run(t, newLabelsCmd(), "--labels", p); err != nil || !strings.Contains(out, "A") {
		t.Fatalf("key %q freed by the config refused: %v", freed, err)
	}
	if _, err := loadReaderSchema(p); err != nil {
		t.Fatalf("the reader refuses what labels accepts: %v", err)
	}
	// A rebinding onto a built-in label's key is reported too.
	withConfig(t, "[keys]\ndirection = [\"1\"]\n")
	if _, _, err := run(t, newLabelsCmd()); err == nil || !strings.Contains(err.Error(), `key "1" is reserved`) {
		t.Fatalf("built-in PERSON key taken by the config: %v", err)
	}
	withConfig(t, "[keys]\nnot_a_binding = [\"z\"]\n")
	if _, _, err := run(t, newLabelsCmd()); err == nil || !strings.Contains(err.Error(), "config.toml") {
		t.Fatalf("broken config not reported: %v", err)
	}
}

// loadReaderSchema loads a --labels file the way runReader does.
func loadReaderSchema(path string) (annotations.Schema, error) {
	o, err := tui.UserOptions()
	if err != nil {
		return annotations.Schema{}, err
	}
	return loadSchema(path, o.ReservedLabelKeys()...)
}

func TestLabelsCmdAcceptedLayoutLetters(t *testing.T) {
	p := schemaWithKey(t, "ش")
	withConfig(t, "")
	_, _, err := run(t, newLabelsCmd(), "--labels", p)
	if err == nil || !strings.Contains(err.Error(), `key "ش" is read as "a"`) || !strings.Contains(err.Error(), p) ||
		!strings.Contains(err.Error(), `keyboard = "none"`) {
		t.Fatalf("a letter the layout mapping reads as a Latin key: %v", err)
	}
	if _, err := loadReaderSchema(p); err == nil {
		t.Fatal("the reader accepts it")
	}
	withConfig(t, "keyboard = \"none\"\n")
	if _, _, err := run(t, newLabelsCmd(), "--labels", p); err != nil {
		t.Fatalf("with the mapping off: %v", err)
	}
	if _, err := loadReaderSchema(p); err != nil {
		t.Fatalf("with the mapping off the reader refuses: %v", err)
	}
}
