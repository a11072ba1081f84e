package tui

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeNamesEveryBinding: the README's list of config names ("The names: …")
// holds every binding's name and no other, so a new binding is documented for [keys].
func TestReadmeNamesEveryBinding(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	start := strings.Index(s, "The names: ")
	if start < 0 {
		t.Fatal(`README.md has no "The names: " list of the config's key names`)
	}
	end := strings.Index(s[start:], ". The same key")
	if end < 0 {
		t.Fatal(`the README's names list does not end with ". The same key"`)
	}
	km := DefaultKeyMap()
	listed := map[string]bool{}
	for _, w := range strings.FieldsFunc(s[start+len("The names: "):start+end], func(r rune) bool {
		return !(r == '_' || r >= 'a' && r <= 'z')
	}) {
		if strings.Contains(w, "_") || km.byName()[w] != nil {
			listed[w] = true
		}
	}
	for _, n := range km.Names() {
		if !listed[n] {
			t.Errorf("README.md does not list the key name %s", n)
		}
		delete(listed, n)
	}
	for n := range listed {
		t.Errorf("README.md lists %s, which names no binding", n)
	}
}
