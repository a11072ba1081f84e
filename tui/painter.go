package tui

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// Terminal modes the reader runs in. Bubble Tea's renderer would set them from the View;
// with the painter below they are set once at start and undone at exit.
const (
	paintSetup = "\x1b[?1049h" + // alternate screen
		"\x1b[?25l" + // hide the cursor
		"\x1b[?7l" + // no autowrap: a line the terminal measures wider is clipped, not wrapped
		"\x1b[?2004h" + // bracketed paste
		"\x1b[>4;2m" + // modifyOtherKeys 2
		"\x1b[>5u" + // kitty keyboard: disambiguate (1) + report alternate keys (4)
		"\x1b[?1002h\x1b[?1006h" // mouse: clicks, wheel, motion with a button held (cell motion), SGR coordinates
	paintTeardown = "\x1b[?1006l\x1b[?1002l\x1b[<u\x1b[>4;0m\x1b[?2004l\x1b[?7h\x1b[?25h\x1b[?1049l"
	syncBegin     = "\x1b[?2026h" // synchronized output: the terminal shows the frame whole
	syncEnd       = "\x1b[?2026l"
)

// painter is the model Bubble Tea runs when the reader paints its own frames: it passes
// every message to the App and writes the new frame to the terminal right after Update.
//
// Bubble Tea's renderer paints on a ticker (60 frames a second, at most 120) and first
// parses the whole frame back into cells, grapheme by grapheme, to diff it: about 3.4 ms a
// frame at 240x60 for Arabic text, on top of waiting for the tick, so a key took 14-18 ms
// to show. The App's frames are lines of exactly the terminal's width, so a diff of lines
// is all the terminal needs: a changed line is erased and written again, whole.
//
// Of the View it honours Content and WindowTitle; the modes the App asks for (alternate
// screen, alternate keys) are paintSetup's. Commands that need Bubble Tea's renderer
// (tea.ExecProcess, tea.Println, tea.ClearScreen, a View cursor) would not work here: the
// reader uses none.
type painter struct {
	app   *App
	out   io.Writer
	last  []string // the lines on the screen; nil: repaint everything
	title string
	h     int
	buf   bytes.Buffer
	began bool
	down  *downsampler
}

// newPainter paints app's frames on out, in the colours profile allows.
// The app draws in that profile's palette: without colour, with the attributes that
// stand in for colours.
func newPainter(app *App, out io.Writer, profile colorprofile.Profile) *painter {
	d := newDownsampler(profile)
	app.profile = d.profile
	app.restyle()
	return &painter{app: app, out: out, down: d}
}

func (p *painter) Init() tea.Cmd { return p.app.Init() }

func (p *painter) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if ws, ok := msg.(tea.WindowSizeMsg); ok {
		p.h, p.last = ws.Height, nil
	}
	if _, ok := msg.(tea.ColorProfileMsg); ok {
		return p, nil // the painter's profile is the one its frames are converted to
	}
	_, cmd := p.app.Update(msg)
	p.paint()
	return p, cmd
}

// View is empty: Bubble Tea's renderer is off (tea.WithoutRenderer) and paints nothing.
func (p *painter) View() tea.View { return tea.View{} }

// paint writes the lines of the App's frame that differ from the screen's.
func (p *painter) paint() {
	if p.h == 0 {
		return // no size yet: nothing sensible to draw
	}
	v := p.app.View()
	lines := strings.Split(v.Content, "\n")
	if len(lines) > p.h {
		lines = lines[:p.h]
	}
	b := &p.buf
	b.Reset()
	if !p.began {
		b.WriteString(paintSetup)
		p.began = true
	}
	if v.WindowTitle != p.title {
		b.WriteString("\x1b]2;" + v.WindowTitle + "\x07")
		p.title = v.WindowTitle
	}
	modes := b.Len() // what precedes the frame: setup and title, if anything
	b.WriteString(syncBegin)
	changed := p.last == nil
	if changed {
		b.WriteString("\x1b[H\x1b[2J")
	}
	for y, l := range lines {
		if p.last != nil && y < len(p.last) && p.last[y] == l {
			continue
		}
		changed = true
		b.WriteString("\x1b[")
		b.WriteString(strconv.Itoa(y + 1))
		b.WriteString(";1H\x1b[0m\x1b[2K")
		p.down.appendLine(b, l)
	}
	for y := len(lines); y < len(p.last); y++ { // the frame got shorter
		changed = true
		b.WriteString("\x1b[" + strconv.Itoa(y+1) + ";1H\x1b[0m\x1b[2K")
	}
	b.WriteString("\x1b[0m" + syncEnd)
	if !changed {
		b.Truncate(modes) // the screen is right already
	}
	if b.Len() > 0 {
		p.out.Write(b.Bytes())
	}
	p.last = lines
}

// teardown gives the terminal back the modes paintSetup changed.
func (p *painter) teardown() {
	if p.began {
		p.giveBack()
	}
}

// giveBack undoes paintSetup's modes whether or not they were set: a remote
// session may end (a panic in its first command) before or while its first
// frame is written, and undoing a mode that is off changes nothing.
func (p *painter) giveBack() { io.WriteString(p.out, paintTeardown) }
