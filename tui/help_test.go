package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/text/layout"
)

// helpPages opens the help and returns every screen from the top down to its end,
// paging with the help's own binding.
func helpPages(t *testing.T, a *App) []string {
	t.Helper()
	hit(t, a, a.keys.Help)
	pages := []string{screen(a)}
	for i := 0; i < 100; i++ {
		top := a.helpScr.top
		hit(t, a, a.keys.HelpPageDown)
		if a.helpScr.top == top {
			return pages
		}
		pages = append(pages, screen(a))
	}
	t.Fatal("the help never reaches its end")
	return nil
}

// TestHelpGolden: the help at 80x24 and 120x40, page by page, as plain text.
// Reproduced first: at 80x24 it showed two columns, from tab to G, no annotation key,
// and its last line read "Press ? or esc to c"; at 120 the fourth column was cut.
func TestHelpGolden(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		a := newTestApp(t, size[0], size[1])
		pages := helpPages(t, a)
		sep := fmt.Sprintf("\n--- %s (%s)\n", a.keys.HelpPageDown.Help().Key, a.keys.HelpPageDown.Help().Desc)
		golden(t, fmt.Sprintf("help_%dx%d.golden", size[0], size[1]), strings.Join(pages, sep)+"\n")
		all := strings.Join(pages, "\n")
		for _, b := range []struct{ name, key, desc string }{
			{"claim", a.keys.Claim.Help().Key, a.keys.Claim.Help().Desc},
			{"undo", a.keys.Undo.Help().Key, a.keys.Undo.Help().Desc},
		} {
			if !strings.Contains(all, b.key) || !strings.Contains(all, b.desc) {
				t.Errorf("%dx%d: the help never shows %s (%s %s)", size[0], size[1], b.name, b.key, b.desc)
			}
		}
	}
}

// helpEntryText is one entry of the help as a column shows it.
type helpEntryText struct{ key, desc string }

// columnEntries reads the entries of the laid-out help back, column by column: a key,
// then its description over as many lines as it took, joined at spaces.
func columnEntries(rows [][]helpCell) []helpEntryText {
	var out []helpEntryText
	if len(rows) == 0 {
		return nil
	}
	for col := range rows[0] {
		var cur *helpEntryText
		for _, row := range rows {
			c := row[col]
			if c.kind != helpEntry {
				cur = nil
				continue
			}
			k := strings.TrimSpace(c.key)
			switch {
			case k != "" && (cur == nil || cur.desc != ""):
				out = append(out, helpEntryText{key: k, desc: c.text})
				cur = &out[len(out)-1]
			case k != "":
				cur.key += k // a key wrapped over lines: the cut was after a / or +
				cur.desc = c.text
			case cur.desc == "":
				cur.desc = c.text
			default:
				cur.desc += " " + c.text
			}
		}
	}
	return out
}

// TestHelpFitsEverySize: from 40x12 up, every binding and every label is in the help
// with its whole key and description, cut only between words, no line wider than
// the screen, and paging reaches every row.
func TestHelpFitsEverySize(t *testing.T) {
	a := newTestApp(t, 120, 40)
	content := a.helpContent()
	want := map[helpEntryText]int{}
	for _, b := range safeBindings(content.bindings()) {
		want[helpEntryText{b.Help().Key, b.Help().Desc}]++
	}
	for _, l := range content.labels {
		want[helpEntryText{l.Key, strings.Join(strings.Fields(l.Name+" "+l.Description), " ")}]++
	}
	var sizes [][2]int
	for w := 40; w <= 200; w += 3 {
		for h := 12; h <= 60; h += 6 {
			sizes = append(sizes, [2]int{w, h})
		}
	}
	sizes = append(sizes, [2]int{79, 23}, [2]int{80, 24}, [2]int{81, 25}, [2]int{119, 39}, [2]int{120, 40}, [2]int{200, 12})
	for _, size := range sizes {
		w, h := size[0], size[1]
		a.width, a.height, a.narrow = w, h, w < 2*minPaneWidth
		var hs helpScreen
		hs.SetSize(w, a.bodyHeight())
		hs.SetContent(content)
		got := map[helpEntryText]int{}
		for _, e := range columnEntries(hs.rows) {
			got[e]++
		}
		for e, n := range want {
			if got[e] != n {
				t.Errorf("%dx%d: %q %q shown %d times, want %d", w, h, e.key, e.desc, got[e], n)
			}
		}
		for e := range got {
			if want[e] == 0 {
				t.Errorf("%dx%d: the help shows %q %q, which no binding or label says (a cut word?)", w, h, e.key, e.desc)
			}
		}
		shown := 0
		for page := 0; page < 200; page++ {
			for _, line := range strings.Split(hs.View(&a.styles, &a.keys, a.opts.Engine), "\n") {
				if lw := textWidth(line); lw > w {
					t.Fatalf("%dx%d: a line of %d cells: %q", w, h, lw, line)
				}
			}
			shown = hs.top + hs.visibleRows()
			if shown >= len(hs.rows) {
				break
			}
			hs.Update(keyMsg(a.keys.HelpPageDown.Keys()[0]), &a.keys)
		}
		if shown < len(hs.rows) {
			t.Errorf("%dx%d: paging stops at row %d of %d", w, h, shown, len(hs.rows))
		}
		if ind := hs.indicator(&a.keys); layout.StringWidth(ind) > w {
			t.Errorf("%dx%d: indicator %q is wider than the screen", w, h, ind)
		}
	}
}
