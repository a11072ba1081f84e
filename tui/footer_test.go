package tui

import (
	"bytes"
	"image/color"
	"regexp"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/hashiya/hashiya/tui/palette"
)

func lastLine(s string) string { l := strings.Split(s, "\n"); return l[len(l)-1] }

// At 80 columns the help line ended in a dangling "•" (the bubbles help line adds an
// item it has no room for, and the frame cut it). At every width it now ends in the
// last item whole or in "…", never wider than the screen.
func TestFooterAt80ColumnsEndsInEllipsisNotBullet(t *testing.T) {
	a := newTestApp(t, 80, 24)
	last := a.keys.ShortHelp()[len(a.keys.ShortHelp())-1].Help()
	for w := 40; w <= 200; w++ {
		resize(t, a, w, 24)
		line := strings.TrimRight(lastLine(screen(a)), " ")
		if textWidth(line) > w {
			t.Fatalf("at %d columns the help line is %d wide", w, textWidth(line))
		}
		if !strings.HasSuffix(line, "…") && !strings.HasSuffix(line, last.Key+" "+last.Desc) {
			t.Errorf("at %d columns the help line ends %q", w, line[max(0, len(line)-20):])
		}
		if w == 80 && !strings.HasSuffix(line, "…") {
			t.Errorf("at 80 columns: %q", line)
		}
	}
}

var sgrFG = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// foregrounds lists the text colours an SGR-styled line sets, as the terminal gets them.
func foregrounds(line string) []color.Color {
	var out []color.Color
	for _, m := range sgrFG.FindAllStringSubmatch(line, -1) {
		ps := strings.Split(m[1], ";")
		for i := 0; i < len(ps); i++ {
			n, _ := strconv.Atoi(ps[i])
			switch {
			case n >= 30 && n <= 37:
				out = append(out, ansi.BasicColor(n-30))
			case n >= 90 && n <= 97:
				out = append(out, ansi.BasicColor(n-90+8))
			case n == 38 && i+2 < len(ps) && ps[i+1] == "5":
				v, _ := strconv.Atoi(ps[i+2])
				out = append(out, ansi.IndexedColor(v))
				i += 2
			case n == 38 && i+4 < len(ps) && ps[i+1] == "2":
				r, _ := strconv.Atoi(ps[i+2])
				g, _ := strconv.Atoi(ps[i+3])
				b, _ := strconv.Atoi(ps[i+4])
				out = append(out, color.RGBA{uint8(r), uint8(g), uint8(b), 255})
				i += 4
			case n == 48 || n == 58:
				i += 2
				if i < len(ps) && ps[i-1] == "2" {
					i += 2
				}
			}
		}
	}
	return out
}

// The footer was 239/237 on dark, about 2:1. In every profile and on both backgrounds
// each of its colours reaches 4.5:1, measured on what the painter sends.
func TestFooterContrast(t *testing.T) {
	bgs := map[bool]map[colorprofile.Profile]color.Color{
		true:  {colorprofile.TrueColor: color.RGBA{0x28, 0x2c, 0x34, 255}, colorprofile.ANSI256: color.Black, colorprofile.ANSI: ansi.BasicColor(0)},
		false: {colorprofile.TrueColor: color.RGBA{0xfd, 0xf6, 0xe3, 255}, colorprofile.ANSI256: color.White, colorprofile.ANSI: ansi.BasicColor(15)},
	}
	for _, dark := range []bool{true, false} {
		for p, bg := range bgs[dark] {
			a := newTestApp(t, 80, 24)
			d := newDownsampler(p)
			a.Update(tea.ColorProfileMsg{Profile: p})
			a.Update(tea.BackgroundColorMsg{Color: map[bool]color.Color{true: color.Black, false: color.White}[dark]})
			var b bytes.Buffer
			d.appendLine(&b, lastLine(a.View().Content))
			fgs := foregrounds(b.String())
			if len(fgs) == 0 {
				t.Errorf("%v dark=%v: the footer sets no colour: %q", p, dark, b.String())
			}
			for _, c := range fgs {
				if r := palette.Contrast(c, bg); r < 4.5 {
					t.Errorf("%v dark=%v: footer colour %v on %v: %.2f:1", p, dark, c, bg, r)
				}
			}
		}
	}
}
