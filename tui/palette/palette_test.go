package palette

import (
	"flag"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// minDistance is how far apart (CIE76 ΔE) two label colours must be, after conversion,
// to count as two colours when nothing else tells them apart.
const minDistance = 20

// The facts, by the conversion the painter uses: the old true-colour labels
// collapse in 256 colours to greys like plain text and in 16 to one red or one grey.
func TestOldLabelColoursCollapseWhenConverted(t *testing.T) {
	for _, c := range []struct {
		hex     uint32
		profile colorprofile.Profile
		want    color.Color
	}{
		{0xe06c75, colorprofile.ANSI256, ansi.IndexedColor(246)}, // PERSON
		{0xabb2bf, colorprofile.ANSI256, ansi.IndexedColor(249)}, // LAW
		{0x98c379, colorprofile.ANSI256, ansi.IndexedColor(114)}, // GPE
		{0xe06c75, colorprofile.ANSI, ansi.BasicColor(7)},        // PERSON
		{0xabb2bf, colorprofile.ANSI, ansi.BasicColor(7)},        // LAW
		{0xe5c07b, colorprofile.ANSI, ansi.BasicColor(9)},        // DATE
		{0xd19a66, colorprofile.ANSI, ansi.BasicColor(9)},        // QUANTITY
		{0xff79c6, colorprofile.ANSI, ansi.BasicColor(9)},        // CLAIM
	} {
		if got := c.profile.Convert(hex(c.hex)); got != c.want {
			t.Errorf("#%06x in %v: %v, the issue says %v", c.hex, c.profile, got, c.want)
		}
	}
	// LAW 249 and GPE 114 on white: what "barely visible" measures.
	for _, n := range []uint8{249, 114} {
		if r := Contrast(ansi.IndexedColor(n), hex(0xffffff)); r >= 4.5 {
			t.Errorf("%d on white: %.2f:1", n, r)
		}
	}
}

// WCAG's own examples: black on white 21:1, a colour on itself 1:1, #777 on white 4.48.
func TestContrastMatchesWCAG(t *testing.T) {
	for _, c := range []struct {
		a, b uint32
		want float64
	}{{0x000000, 0xffffff, 21}, {0x336699, 0x336699, 1}, {0x777777, 0xffffff, 4.48}} {
		if got := Contrast(hex(c.a), hex(c.b)); got < c.want-0.01 || got > c.want+0.01 {
			t.Errorf("#%06x on #%06x: %.3f, want %.2f", c.a, c.b, got, c.want)
		}
	}
}

var profiles = []colorprofile.Profile{colorprofile.TrueColor, colorprofile.ANSI256, colorprofile.ANSI, colorprofile.ASCII}

// backgrounds and text are what a profile's default background and text are measured
// as. Colours of 256 and true colour are exact, the terminal's background is not: a
// black and a One Dark grey, a white and a Solarized cream. The 16 colours are the
// terminal's own, measured in the conversion's table.
func backgrounds(p colorprofile.Profile, dark bool) []color.Color {
	switch {
	case p == colorprofile.ANSI && dark:
		return []color.Color{ansi.BasicColor(0)}
	case p == colorprofile.ANSI:
		return []color.Color{ansi.BasicColor(15)}
	case dark:
		return []color.Color{hex(0x000000), hex(0x282c34)}
	default:
		return []color.Color{hex(0xffffff), hex(0xfdf6e3)}
	}
}

func texts(p colorprofile.Profile, dark bool) []color.Color {
	switch {
	case p == colorprofile.ANSI && dark:
		return []color.Color{ansi.BasicColor(7)}
	case p == colorprofile.ANSI:
		return []color.Color{ansi.BasicColor(0)}
	case dark:
		return []color.Color{hex(0xc0c0c0), hex(0xffffff)}
	default:
		return []color.Color{hex(0x000000), hex(0x333333)}
	}
}

// shown is a look as the terminal gets it: colours converted by the profile.
type shown struct {
	fg, bg                          color.Color
	ul                              ansi.Underline
	bold, italic, faint, rev, overl bool
}

func (s shown) attrs() shown { s.fg, s.bg = nil, nil; return s }

func convert(p colorprofile.Profile, l Look) shown {
	s := shown{ul: l.Underline, bold: l.Bold, italic: l.Italic, faint: l.Faint, rev: l.Reverse, overl: l.Overline}
	if l.FG != nil {
		s.fg = p.Convert(l.FG)
	}
	if l.BG != nil {
		s.bg = p.Convert(l.BG)
	}
	return s
}

type named struct {
	name string
	look Look
}

func labelsOf(pal Palette) []named {
	names := strings.Fields("PERSON ORG GPE LOC NORP DATE QUANTITY EVENT LAW")
	var out []named
	for i, n := range names {
		out = append(out, named{n, pal.LabelLook(i)})
	}
	return append(out, named{"CLAIM", pal.Claim}, named{"BOILERPLATE", pal.Boilerplate})
}

// distinct says whether two looks can be told apart in profile p, and states what that
// means per profile: without colour, a different tuple of attributes (underline style,
// bold, italic, faint, reverse, overline); in 16 colours, a different tuple of colour
// indices and attributes (the terminal chooses the shades, so equal indices are equal
// and different ones are assumed apart); in 256 and true colour, different attributes
// or foregrounds at least minDistance apart (ΔE), a nil foreground being the text's.
func distinct(p colorprofile.Profile, dark bool, a, b shown) bool {
	switch {
	case Colourless(p):
		return a.attrs() != b.attrs()
	case p == colorprofile.ANSI:
		return a != b
	}
	if a.attrs() != b.attrs() || (a.bg == nil) != (b.bg == nil) {
		return true
	}
	for _, fa := range orText(a.fg, p, dark) {
		for _, fb := range orText(b.fg, p, dark) {
			if Distance(fa, fb) < minDistance {
				return false
			}
		}
	}
	return true
}

func orText(c color.Color, p colorprofile.Profile, dark bool) []color.Color {
	if c == nil {
		return texts(p, dark)
	}
	return []color.Color{c}
}

// Every pair of labels, and every label against plain text, is distinct after the
// profile's conversion, in every profile on both backgrounds.
func TestLabelsDistinctInEveryProfile(t *testing.T) {
	for _, p := range profiles {
		for _, dark := range []bool{true, false} {
			pal := For(p, dark)
			ls := append(labelsOf(pal), named{"plain text", Look{}}, named{"suggestion", pal.Suggestion})
			for i := range ls {
				for j := i + 1; j < len(ls); j++ {
					a, b := convert(p, ls[i].look), convert(p, ls[j].look)
					if !distinct(p, dark, a, b) {
						t.Errorf("%v dark=%v: %s and %s look alike: %+v, %+v", p, dark, ls[i].name, ls[j].name, a, b)
					}
				}
			}
		}
	}
}

// Every label, the footer and the rest of the chrome reach 4.5:1 on the background
// after conversion, and so does the text on the selection and on search matches: they
// give it their own colour, since no background keeps every label readable.
func TestEveryColourReadableOnItsBackground(t *testing.T) {
	for _, p := range profiles {
		if Colourless(p) {
			continue // no colour: the terminal's own text and background
		}
		for _, dark := range []bool{true, false} {
			pal := For(p, dark)
			var fgs []named
			fgs = append(fgs, labelsOf(pal)...)
			fgs = append(fgs, named{"suggestion", pal.Suggestion})
			ch := pal.Chrome
			for _, c := range []struct {
				name string
				c    color.Color
			}{{"accent", ch.Accent}, {"dim", ch.Dim}, {"warning", ch.Warning}, {"error", ch.Error},
				{"status", ch.Status}, {"footer key", ch.FooterKey}, {"footer description", ch.FooterDesc}} {
				fgs = append(fgs, named{c.name, Look{FG: c.c}})
			}
			for _, f := range fgs {
				for _, fc := range orText(convert(p, f.look).fg, p, dark) {
					for _, bg := range backgrounds(p, dark) {
						if r := Contrast(fc, bg); r < 4.5 {
							t.Errorf("%v dark=%v: %s %v on %v: %.2f:1", p, dark, f.name, fc, bg, r)
						}
					}
				}
			}
			for _, layer := range []named{{"selection", pal.Selection}, {"match", pal.Match}, {"current match", pal.Current}} {
				s := convert(p, layer.look)
				if s.bg == nil {
					continue
				}
				over := []color.Color{s.fg}
				if s.fg == nil { // the text keeps its colour: plain text's or a label's
					over = texts(p, dark)
					for _, l := range labelsOf(pal) {
						if c := convert(p, l.look).fg; c != nil {
							over = append(over, c)
						}
					}
				}
				for _, fc := range over {
					if r := Contrast(fc, s.bg); r < 4.5 {
						t.Errorf("%v dark=%v: text %v on the %s %v: %.2f:1", p, dark, fc, layer.name, s.bg, r)
					}
				}
			}
		}
	}
}

var update = flag.Bool("update", false, "rewrite testdata/contrast.md")

// The table of every label's colour and contrast per profile and background (the
// README's) is the palette's: a change of palette shows up here.
func TestContrastTable(t *testing.T) {
	var b strings.Builder
	b.WriteString("| profile, background | PERSON | ORG | GPE | LOC | NORP | DATE | QUANTITY | EVENT | LAW | CLAIM | BOILERPLATE |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, p := range profiles {
		for _, dark := range []bool{true, false} {
			pal := For(p, dark)
			fmt.Fprintf(&b, "| %v, %s |", p, map[bool]string{true: "dark", false: "light"}[dark])
			for _, l := range labelsOf(pal) {
				s := convert(p, l.look)
				cell := describe(s)
				if s.fg != nil {
					worst := 21.0
					for _, bg := range backgrounds(p, dark) {
						worst = min(worst, Contrast(s.fg, bg))
					}
					cell += fmt.Sprintf(" %.1f", worst)
				}
				b.WriteString(" " + cell + " |")
			}
			b.WriteString("\n")
		}
	}
	path := filepath.Join("testdata", "contrast.md")
	if *update {
		os.MkdirAll("testdata", 0o755)
		os.WriteFile(path, []byte(b.String()), 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil || string(want) != b.String() {
		t.Errorf("%s differs (go test ./tui/palette -update rewrites it): %v\n%s", path, err, b.String())
	}
}

// describe names a converted look: its colour (hex, 256 index or 16-colour number) and
// attributes.
func describe(s shown) string {
	var parts []string
	switch c := s.fg.(type) {
	case nil:
	case ansi.BasicColor:
		parts = append(parts, fmt.Sprintf("%d", c))
	case ansi.IndexedColor:
		parts = append(parts, fmt.Sprintf("%d", c))
	default:
		r, g, bl, _ := c.RGBA()
		parts = append(parts, fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, bl>>8))
	}
	ul := map[ansi.Underline]string{single: "underline", double: "double underline", curly: "curly underline", dotted: "dotted underline", dashed: "dashed underline"}
	if u, ok := ul[s.ul]; ok {
		parts = append(parts, u)
	}
	for _, a := range []struct {
		on   bool
		name string
	}{{s.bold, "bold"}, {s.italic, "italic"}, {s.faint, "faint"}, {s.rev, "reverse"}, {s.overl, "overline"}} {
		if a.on {
			parts = append(parts, a.name)
		}
	}
	if len(parts) == 0 {
		return "text colour"
	}
	return strings.Join(parts, ", ")
}
