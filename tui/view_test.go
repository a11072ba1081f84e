package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/text/layout"
)

// checkFrame asserts the frame is exactly w×h cells by the engine's width function.
func checkFrame(t *testing.T, a *App, w, h int) {
	t.Helper()
	lines := strings.Split(screen(a), "\n")
	if len(lines) != h {
		t.Fatalf("frame has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if got := layout.StringWidth(l); got != w {
			t.Errorf("line %d is %d cells wide, want %d: %q", i, got, w, l)
		}
	}
}

func TestGoldenViews(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 50}} {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			a := newTestApp(t, w, h)
			checkFrame(t, a, w, h)
			golden(t, fmt.Sprintf("view_%dx%d.golden", w, h), screen(a))
		})
	}
}

func TestPaneCountFollowsWidth(t *testing.T) {
	for _, c := range []struct{ w, panes int }{{80, 2}, {120, 3}, {200, 5}, {60, 2}} {
		a := newTestApp(t, c.w, 24)
		if len(a.panes) != c.panes {
			t.Errorf("width %d: %d panes, want %d", c.w, len(a.panes), c.panes)
		}
		if a.narrow != (c.w < 80) {
			t.Errorf("width %d: narrow = %v", c.w, a.narrow)
		}
		checkFrame(t, a, c.w, 24)
	}
}

func TestResizeRelaysOut(t *testing.T) {
	a := newTestApp(t, 120, 40)
	for _, s := range [][2]int{{80, 24}, {60, 20}, {200, 50}, {41, 12}, {80, 24}} {
		resize(t, a, s[0], s[1])
		checkFrame(t, a, s[0], s[1])
	}
}

func TestNarrowShowsTabStrip(t *testing.T) {
	a := newTestApp(t, 60, 20)
	lines := strings.Split(screen(a), "\n")
	if !strings.Contains(lines[1], "1:") || !strings.Contains(lines[1], "2:") {
		t.Fatalf("no tab strip under the header: %q", lines[1])
	}
	press(t, a, "tab")
	if a.focus != 1 {
		t.Fatalf("tab did not switch the pane")
	}
}
