package palette

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A suggestion is told from accepted work by its attributes alone, whatever the colours
// (a grey suggestion next to grey boilerplate, a terminal that remaps colours): in every
// profile and on both backgrounds its tuple of attributes is no label's, the claim's,
// boilerplate's or plain text's. Its colour is never a label's own: the chrome's dim
// colour, or none.
func TestSuggestionTellsItselfFromWorkByAttributes(t *testing.T) {
	for _, p := range profiles {
		for _, dark := range []bool{true, false} {
			pal := For(p, dark)
			s := convert(p, pal.Suggestion)
			if s.ul == 0 {
				t.Errorf("%v dark=%v: a suggestion without an underline: %+v", p, dark, s)
			}
			if pal.Suggestion.FG != pal.Chrome.Dim {
				t.Errorf("%v dark=%v: suggestion colour %v, the dim colour is %v", p, dark, pal.Suggestion.FG, pal.Chrome.Dim)
			}
			for _, l := range append(labelsOf(pal), named{"plain text", Look{}}) {
				if o := convert(p, l.look); o.attrs() == s.attrs() {
					t.Errorf("%v dark=%v: a suggestion has the attributes of %s: %+v", p, dark, l.name, s.attrs())
				}
			}
		}
	}
}

// The suggestion's look per profile and background (the README's Pre-annotation
// section): a change of palette shows up here.
func TestSuggestionTable(t *testing.T) {
	var b strings.Builder
	b.WriteString("| profile, background | suggestion |\n|---|---|\n")
	for _, p := range profiles {
		for _, dark := range []bool{true, false} {
			pal := For(p, dark)
			s := convert(p, pal.Suggestion)
			cell := describe(s)
			if s.fg != nil {
				worst := 21.0
				for _, bg := range backgrounds(p, dark) {
					worst = min(worst, Contrast(s.fg, bg))
				}
				cell += fmt.Sprintf(" %.1f", worst)
			}
			fmt.Fprintf(&b, "| %v, %s | %s |\n", p, map[bool]string{true: "dark", false: "light"}[dark], cell)
		}
	}
	path := filepath.Join("testdata", "suggestion.md")
	if *update {
		os.WriteFile(path, []byte(b.String()), 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil || string(want) != b.String() {
		t.Errorf("%s differs (go test ./tui/palette -update rewrites it): %v\n%s", path, err, b.String())
	}
}
