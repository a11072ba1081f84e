package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestSearchTypedInArabicThenNextWithoutSwitchingLayout(t *testing.T) {
	a := newTestApp(t, 120, 40)
	press(t, a, "/")
	typeText(t, a, "كوريا")
	press(t, a, "enter")
	withMatches := 0
	for _, p := range a.panes {
		if len(p.matches) > 0 {
			withMatches++
		}
		for _, m := range p.matches {
			got := p.view.text.Slice(m.Start, m.End)
			if !strings.Contains(got, "كوري") {
				t.Errorf("match %q does not hold the query", got)
			}
		}
	}
	if withMatches == 0 {
		t.Fatal("no pane has a match for كوريا")
	}
	p := a.focused()
	if len(p.matches) < 2 {
		t.Fatalf("focused pane has %d matches; the test needs two", len(p.matches))
	}
	first := p.current
	// "ى" is what the n key types on the Arabic (101) layout.
	_, cmd := a.Update(tea.KeyPressMsg{Code: 'ى', Text: "ى"})
	drive(t, a, cmd)
	if p.current != first+1 {
		t.Fatalf("ى (n on the Arabic layout) did not go to the next match: %d → %d", first, p.current)
	}
	if p.cursor != p.matches[p.current].Start {
		t.Fatalf("cursor %d is not on the match at %d", p.cursor, p.matches[p.current].Start)
	}
	// "آ" is shift+n there: back to the previous match.
	_, cmd = a.Update(tea.KeyPressMsg{Code: 'آ', Text: "آ"})
	drive(t, a, cmd)
	if p.current != first {
		t.Fatalf("آ (N on the Arabic layout) did not go back: %d", p.current)
	}
	if !strings.Contains(screen(a), "match") {
		t.Errorf("status line does not report the match")
	}
}

func TestBaseLayoutKeyFromTerminalWins(t *testing.T) {
	a := newTestApp(t, 120, 40)
	// A kitty-protocol terminal reports the US key under a Persian letter.
	_, cmd := a.Update(tea.KeyPressMsg{Code: 'ت', Text: "ت", BaseCode: 'j'})
	drive(t, a, cmd)
	if a.focused().cursor == 0 {
		t.Fatal("j by base code did not move the cursor down")
	}
}

func TestCursorNeverLeavesTheScreen(t *testing.T) {
	a := newTestApp(t, 80, 24)
	p := a.focused()
	for i := 0; i < 200; i++ {
		press(t, a, "j")
		assertCursorVisible(t, p)
	}
	press(t, a, "G")
	assertCursorVisible(t, p)
	for i := 0; i < 30; i++ {
		press(t, a, "ctrl+u")
		assertCursorVisible(t, p)
	}
	press(t, a, "g")
	if p.cursor != 0 {
		t.Errorf("g: cursor at %d", p.cursor)
	}
	for i := 0; i < 50; i++ {
		press(t, a, "w")
		assertCursorVisible(t, p)
	}
}

func assertCursorVisible(t *testing.T, p *Pane) {
	t.Helper()
	cp := p.cursorPos()
	d, ok := p.view.distance(p.top, cp, p.textHeight())
	if cp.less(p.top) || !ok || d >= p.textHeight() {
		t.Fatalf("cursor %d (line %v) is off screen (top %v, height %d)", p.cursor, cp, p.top, p.textHeight())
	}
}

func TestVisualLeftMovesForwardInRTL(t *testing.T) {
	a := newTestApp(t, 80, 24)
	p := a.focused()
	if p.view.text.At(0) < 0x0600 || p.view.text.At(0) > 0x06FF {
		t.Fatal("the sample's first document must start with Arabic for this test")
	}
	l := p.view.line(p.cursorPos())
	if c := l.Column(0); c != p.width-1 {
		t.Fatalf("first Arabic letter drawn at column %d, want the right edge %d", c, p.width-1)
	}
	press(t, a, "h")
	if p.cursor != 1 {
		t.Fatalf("left arrow in an RTL line went to %d, want 1 (onward in reading order)", p.cursor)
	}
	press(t, a, "l")
	if p.cursor != 0 {
		t.Fatalf("right arrow back went to %d", p.cursor)
	}
}

func TestNextDocumentAndDirectionOverride(t *testing.T) {
	a := newTestApp(t, 80, 24)
	p := a.focused()
	first := p.DocIndex
	press(t, a, "]")
	if p.DocIndex != (first+1)%a.corpus.Len() || !p.ready() {
		t.Fatalf("] did not open the next document: %d", p.DocIndex)
	}
	press(t, a, "[")
	if p.DocIndex != first {
		t.Fatalf("[ did not go back: %d", p.DocIndex)
	}
	press(t, a, "d")
	if !strings.Contains(screen(a), "rtl (forced)") {
		t.Errorf("title does not show the forced direction")
	}
	press(t, a, "d")
	l := p.view.line(linePos{})
	if l.RTL {
		t.Errorf("ltr override still lays out RTL")
	}
}

func TestSyncScroll(t *testing.T) {
	a := newTestApp(t, 120, 40)
	press(t, a, "s", "ctrl+d")
	for _, p := range a.panes[1:] {
		if p.top == (linePos{}) {
			t.Errorf("pane showing document %d did not scroll with the focused one", p.DocIndex+1)
		}
		assertCursorVisible(t, p)
	}
	press(t, a, "s") // off again: the other panes stay put
	other := a.panes[1].top
	press(t, a, "ctrl+d")
	if a.panes[1].top != other {
		t.Errorf("with sync off, another pane scrolled from %v to %v", other, a.panes[1].top)
	}
}

func TestOpenPicker(t *testing.T) {
	a := newTestApp(t, 80, 24)
	press(t, a, "o")
	typeText(t, a, "004")
	if len(a.picker.items) == 0 || a.picker.items[0] != 4 {
		t.Fatalf("filter 004 does not rank 004_… first: %v", a.picker.items)
	}
	press(t, a, "enter")
	if a.focused().DocIndex != 4 {
		t.Fatalf("picker opened document %d", a.focused().DocIndex)
	}
}

func TestRebindFromConfig(t *testing.T) {
	km := DefaultKeyMap()
	if err := km.Rebind(map[string][]string{"next_match": {"f3"}}); err != nil {
		t.Fatal(err)
	}
	if km.NextMatch.Keys()[0] != "f3" {
		t.Fatal("rebind ignored")
	}
	if err := km.Rebind(map[string][]string{"nope": {"x"}}); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Fatalf("unknown binding not named: %v", err)
	}
}
