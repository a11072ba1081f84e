package tui

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
)

// namedBinding is a binding under the name the config file uses for it.
type namedBinding struct {
	name string
	b    *key.Binding
}

// named lists every binding of k in declaration order, each under the snake_case of its
// field name (NextPane: next_pane). Read from the struct, so a binding added to KeyMap
// is rebindable by name without a table to forget.
func (k *KeyMap) named() []namedBinding {
	v := reflect.ValueOf(k).Elem()
	bt := reflect.TypeOf(key.Binding{})
	out := make([]namedBinding, 0, v.NumField())
	for i := 0; i < v.NumField(); i++ {
		if f := v.Type().Field(i); f.Type == bt && f.IsExported() {
			out = append(out, namedBinding{snakeCase(f.Name), v.Field(i).Addr().Interface().(*key.Binding)})
		}
	}
	return out
}

func snakeCase(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// byName is named as a map.
func (k *KeyMap) byName() map[string]*key.Binding {
	m := map[string]*key.Binding{}
	for _, nb := range k.named() {
		m[nb.name] = nb.b
	}
	return m
}

// nameOf is the config name of the binding b points to ("" if none of k's).
func (k *KeyMap) nameOf(b *key.Binding) string {
	for _, nb := range k.named() {
		if nb.b == b {
			return nb.name
		}
	}
	return ""
}

// Names are the config names of every binding, in the help's order of declaration.
func (k KeyMap) Names() []string {
	var out []string
	for _, nb := range k.named() {
		out = append(out, nb.name)
	}
	return out
}

// Rebind replaces the keys of the named bindings; an unknown name is an error naming it.
// Rebinding does not check collisions: Check does, once every binding is set.
func (k *KeyMap) Rebind(keys map[string][]string) error {
	named := k.byName()
	for name, ks := range keys {
		b, ok := named[name]
		if !ok {
			return fmt.Errorf("unknown key binding %q (known: %s)", name, strings.Join(sortedNames(named), ", "))
		}
		if len(ks) == 0 {
			return fmt.Errorf("key binding %q has no keys", name)
		}
		b.SetKeys(ks...)
		b.SetHelp(strings.Join(ks, "/"), b.Help().Desc)
	}
	return nil
}

func sortedNames(m map[string]*key.Binding) []string {
	out := make([]string, 0, len(m))
	for n := range m {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
