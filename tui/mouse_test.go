package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// send delivers a mouse message and runs what it leads to.
func send(t *testing.T, a *App, msg tea.Msg) {
	t.Helper()
	_, cmd := a.Update(msg)
	drive(t, a, cmd)
}

// paneOrigin is the screen cell of the first text row's first column of pane i.
func paneOrigin(a *App, i int) (x, y int) {
	y = 2 // header, pane title
	if a.narrow {
		y++
	}
	for _, p := range a.panes[:i] {
		x += p.width + textWidth(paneGap)
	}
	return x, y
}

func click(t *testing.T, a *App, x, y int) {
	t.Helper()
	send(t, a, tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
	send(t, a, tea.MouseReleaseMsg{X: x, Y: y, Button: tea.MouseLeft})
}

func TestClickOnAnArabicLetterPutsTheCursorOnIt(t *testing.T) {
	a := newTestApp(t, 80, 24)
	p := a.focused()
	x0, y0 := paneOrigin(a, 0)
	l := p.view.line(p.top)
	if !l.RTL {
		t.Fatal("the sample's first line must be right-to-left")
	}
	// The first letter of an RTL line is its rightmost cell.
	click(t, a, x0+p.width-1, y0)
	if p.cursor != 0 {
		t.Fatalf("click on the rightmost cell of an RTL line: cursor %d, want 0", p.cursor)
	}
	// Every letter of the line: the cell shows it, the click lands on it.
	text := p.view.text
	letters := 0
	for col, c := range l.Cells {
		if c.Logical < 0 || c.Rune == ' ' {
			continue
		}
		click(t, a, x0+col, y0)
		if p.cursor != c.Logical {
			t.Fatalf("click on column %d (%q): cursor %d (%q), want %d", col, c.Rune, p.cursor, text.At(p.cursor), c.Logical)
		}
		letters++
	}
	if letters < 10 {
		t.Fatalf("only %d letters on the first line", letters)
	}
}

func TestClickInAMixedLineFindsTheLatinLetter(t *testing.T) {
	a := newTestApp(t, 80, 24)
	p := a.focused()
	x0, y0 := paneOrigin(a, 0)
	// The third line of the sample's first document: «تاريخ النشر: 10th, November 2024 GMT».
	want := strings.Index(p.view.text.String(), "November")
	want = len([]rune(p.view.text.String()[:want]))
	for row := 0; row < p.textHeight(); row++ {
		pos, _ := p.view.move(p.top, row)
		l := p.view.line(pos)
		col := strings.Index(l.String(), "November")
		if col < 0 {
			continue
		}
		col = len([]rune(l.String()[:col]))
		// In the RTL line the Latin run reads left to right: N is its leftmost letter
		// and the r of "November" seven cells right of it.
		click(t, a, x0+col, y0+row)
		if p.cursor != want {
			t.Fatalf("click on N: cursor %d (%q), want %d", p.cursor, p.view.text.At(p.cursor), want)
		}
		click(t, a, x0+col+7, y0+row)
		if p.cursor != want+7 || p.view.text.At(p.cursor) != 'r' {
			t.Fatalf("click on the r of November: cursor %d (%q)", p.cursor, p.view.text.At(p.cursor))
		}
		return
	}
	t.Fatal("no line shows November")
}

func TestClickInAnotherPaneFocusesIt(t *testing.T) {
	a := newTestApp(t, 80, 24)
	x, y := paneOrigin(a, 1)
	q := a.panes[1]
	l := q.view.line(q.top)
	col := l.Column(0)
	click(t, a, x+col, y)
	if a.focus != 1 {
		t.Fatalf("click in the second pane left focus on pane %d", a.focus)
	}
	if q.cursor != 0 {
		t.Fatalf("cursor %d, want 0", q.cursor)
	}
	send(t, a, tea.MouseClickMsg{X: 0, Y: 1, Button: tea.MouseLeft}) // first pane's title
	if a.focus != 0 {
		t.Fatal("click on a pane's title does not focus it")
	}
}

func TestClickOnATabFocusesItsPane(t *testing.T) {
	a := newTestApp(t, 60, 20) // one pane shown, a tab strip under the header
	second := strings.Index(strings.Split(screen(a), "\n")[1], "2:")
	if second < 0 {
		t.Fatalf("no second tab:\n%s", screen(a))
	}
	send(t, a, tea.MouseClickMsg{X: textWidth(strings.Split(screen(a), "\n")[1][:second]) + 1, Y: 1, Button: tea.MouseLeft})
	if a.focus != 1 {
		t.Fatalf("click on the second tab: focus %d", a.focus)
	}
	if !strings.Contains(strings.Split(screen(a), "\n")[2], "2/5") {
		t.Errorf("the pane shown is not the second:\n%s", screen(a))
	}
	send(t, a, tea.MouseClickMsg{X: 0, Y: 1, Button: tea.MouseLeft})
	if a.focus != 0 {
		t.Fatalf("click on the first tab: focus %d", a.focus)
	}
}

func TestDragSelectsInLogicalOrder(t *testing.T) {
	a := newTestApp(t, 80, 24)
	p := a.focused()
	x0, y0 := paneOrigin(a, 0)
	// Right to left across «بوتين يوقع»: from the first letter to the last letter of
	// the second word, which is left of it on screen.
	text := []rune(p.view.text.String())
	first := strings.Index(string(text), "بوتين يوقع")
	if first != 0 {
		t.Fatalf("the sample starts with %q", string(text[:12]))
	}
	l := p.view.line(p.top)
	from, to := l.Column(0), l.Column(len([]rune("بوتين يوقع"))-1)
	if to >= from {
		t.Fatalf("in an RTL line the later letter is not to the left: %d, %d", from, to)
	}
	send(t, a, tea.MouseClickMsg{X: x0 + from, Y: y0, Button: tea.MouseLeft})
	send(t, a, tea.MouseMotionMsg{X: x0 + (from+to)/2, Y: y0, Button: tea.MouseLeft})
	send(t, a, tea.MouseMotionMsg{X: x0 + to, Y: y0, Button: tea.MouseLeft})
	send(t, a, tea.MouseReleaseMsg{X: x0 + to, Y: y0, Button: tea.MouseLeft})
	sel := p.selection()
	if got := string(text[sel.Start:sel.End]); got != "بوتين يوقع" {
		t.Fatalf("drag selected %q (%d–%d)", got, sel.Start, sel.End)
	}
	// Motion after the release selects nothing more.
	send(t, a, tea.MouseMotionMsg{X: x0, Y: y0 + 3, Button: tea.MouseNone})
	if p.selection() != sel {
		t.Fatal("motion without a button changed the selection")
	}
}

func TestWheelScrollsThePaneUnderThePointer(t *testing.T) {
	a := newTestApp(t, 80, 24)
	x, y := paneOrigin(a, 1)
	q := a.panes[1]
	send(t, a, tea.MouseWheelMsg{X: x + 2, Y: y + 4, Button: tea.MouseWheelDown})
	if want, _ := q.view.move(linePos{}, wheelLines); q.top != want {
		t.Fatalf("wheel down: top %v, want %v", q.top, want)
	}
	if a.focus != 0 || a.panes[0].top != (linePos{}) {
		t.Fatal("the wheel moved the focus or the other pane")
	}
	assertCursorVisible(t, q)
	send(t, a, tea.MouseWheelMsg{X: x + 2, Y: y + 4, Button: tea.MouseWheelUp})
	if q.top != (linePos{}) {
		t.Fatalf("wheel up: top %v", q.top)
	}
}

func TestClickOnAHitOpensIt(t *testing.T) {
	a := newTestApp(t, 100, 24)
	corpusSearchFor(t, a, "كوريا")
	want := a.results.hits[4]
	send(t, a, tea.MouseClickMsg{X: 30, Y: 2 + 4, Button: tea.MouseLeft}) // header, head line, row 4
	p := a.focused()
	if a.mode != modeNormal || p.DocIndex != want.doc || p.cursor != want.start {
		t.Fatalf("click on hit 4: mode %d, document %d cursor %d, want %d at %d", a.mode, p.DocIndex, p.cursor, want.doc, want.start)
	}
}

func TestMouseModeIsSetAndReset(t *testing.T) {
	for _, m := range []string{"\x1b[?1002h", "\x1b[?1006h"} {
		if !strings.Contains(paintSetup, m) {
			t.Errorf("paintSetup lacks %q", m)
		}
	}
	for _, m := range []string{"\x1b[?1002l", "\x1b[?1006l"} {
		if !strings.Contains(paintTeardown, m) {
			t.Errorf("paintTeardown lacks %q", m)
		}
	}
	if a := newTestApp(t, 80, 24); a.View().MouseMode != tea.MouseModeCellMotion {
		t.Error("the View does not ask Bubble Tea's renderer for mouse reports")
	}
}
