package tui

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// termScreen applies the painter's output to rows of text, as a terminal would: the
// painter only ever moves to a row's start, erases it and writes it whole.
type termScreen struct{ rows []string }

var paintedRow = regexp.MustCompile(`\x1b\[(\d+);1H\x1b\[0m\x1b\[2K`)

func (s *termScreen) apply(t *testing.T, out string) (written int) {
	t.Helper()
	for _, frame := range strings.Split(out, syncBegin)[1:] {
		frame, _, _ = strings.Cut(frame, "\x1b[0m"+syncEnd)
		if strings.HasPrefix(frame, "\x1b[H\x1b[2J") {
			for i := range s.rows {
				s.rows[i] = ""
			}
		}
		locs := paintedRow.FindAllStringSubmatchIndex(frame, -1)
		for i, l := range locs {
			row, _ := strconv.Atoi(frame[l[2]:l[3]])
			end := len(frame)
			if i+1 < len(locs) {
				end = locs[i+1][0]
			}
			s.rows[row-1] = frame[l[1]:end]
			written++
		}
	}
	return written
}

// feed sends msg through the painter, then the messages its commands yield, as the
// runtime would (drive's rules: timers and terminal requests are skipped).
func feed(t *testing.T, p *painter, msg tea.Msg) {
	t.Helper()
	_, first := p.Update(msg)
	queue := []tea.Cmd{first}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		m, ok := runWithin(c, 2*time.Second)
		if !ok || m == nil {
			continue
		}
		if b, isBatch := m.(tea.BatchMsg); isBatch {
			queue = append(queue, b...)
			continue
		}
		if fromRuntime(m) && !isAppMsg(m) {
			continue
		}
		_, next := p.Update(m)
		queue = append(queue, next)
	}
}

// Every key's frame reaches the terminal within its Update (no renderer tick), and only
// the rows that changed are written; the screen always ends up showing View exactly.
func TestPainterWritesChangedRowsRightAfterUpdate(t *testing.T) {
	a := newTestApp(t, 100, 30)
	var out bytes.Buffer
	p := newPainter(a, &out, colorprofile.TrueColor)
	scr := &termScreen{rows: make([]string, 30)}
	feed(t, p, tea.WindowSizeMsg{Width: 100, Height: 30})
	if !strings.HasPrefix(out.String(), paintSetup) {
		t.Fatalf("first frame does not set the terminal up: %q", out.String()[:min(40, out.Len())])
	}
	if n := scr.apply(t, out.String()); n != 30 {
		t.Fatalf("first frame wrote %d rows, want all 30", n)
	}
	check := func(key string) int {
		t.Helper()
		out.Reset()
		feed(t, p, keyMsg(key))
		n := scr.apply(t, out.String())
		want := strings.Split(a.View().Content, "\n")
		for y := range scr.rows {
			if scr.rows[y] != want[y] {
				t.Fatalf("after %q, row %d on screen:\n%q\nView:\n%q", key, y+1, scr.rows[y], want[y])
			}
		}
		return n
	}
	if n := check(a.keys.NextWord.Keys()[0]); n == 0 || n > 4 {
		t.Errorf("moving the cursor a word rewrote %d rows, want the cursor's row and the status", n)
	}
	for _, k := range []string{a.keys.Down.Keys()[0], a.keys.PageDown.Keys()[0], a.keys.NextPane.Keys()[0], a.keys.Help.Keys()[0], a.keys.Help.Keys()[0], a.keys.NextDoc.Keys()[0]} {
		check(k)
	}
	out.Reset()
	type nothing struct{}
	feed(t, p, nothing{})
	if out.Len() != 0 {
		t.Errorf("a message that changes nothing wrote %q", out.String())
	}
	out.Reset()
	p.teardown()
	if out.String() != paintTeardown {
		t.Errorf("teardown wrote %q", out.String())
	}
}

// Colours reach the terminal as its profile allows: 256 colours under tmux-256color,
// none under NO_COLOR (the cursor's reverse video stays), as Bubble Tea's renderer did.
func TestPainterDownsamplesColoursToTheTerminalsProfile(t *testing.T) {
	a := newTestApp(t, 100, 30)
	truecolor := regexp.MustCompile(`\x1b\[[0-9;]*[34]8;2;`)
	for _, c := range []struct {
		profile         colorprofile.Profile
		want, forbidden *regexp.Regexp
	}{
		{colorprofile.ANSI256, regexp.MustCompile(`\x1b\[[0-9;]*38;5;\d+`), truecolor},
		{colorprofile.ASCII, regexp.MustCompile(`\x1b\[7m`), regexp.MustCompile(`\x1b\[[0-9;]*[34]8;`)},
		{colorprofile.NoTTY, regexp.MustCompile(`\x1b\[7m`), regexp.MustCompile(`\x1b\[[0-9;]*[34]8;`)},
	} {
		var out bytes.Buffer
		feed(t, newPainter(a, &out, c.profile), tea.WindowSizeMsg{Width: 100, Height: 30})
		if !c.want.MatchString(out.String()) || c.forbidden.MatchString(out.String()) {
			t.Errorf("profile %v: frame has %v: %v, %v: %v", c.profile, c.want, c.want.MatchString(out.String()),
				c.forbidden, c.forbidden.MatchString(out.String()))
		}
	}
}
