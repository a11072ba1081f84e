package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestMouseClickPutsTheCursorOnTheArabicLetter clicks, with the SGR mouse report a
// terminal sends, on the ر of «كوريا» in a right-to-left line of the first pane; the
// cursor (the cell drawn in reverse video) must be that cell, and the label key then
// tags the word holding it.
func TestMouseClickPutsTheCursorOnTheArabicLetter(t *testing.T) {
	bin := buildHashiya(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "annotations.jsonl")
	env := []string{"XDG_CONFIG_HOME=" + dir, "XDG_STATE_HOME=" + dir, "USER=e2e", "TERM=tmux-256color"}
	s := startSession(t, 80, 24, env, bin+" --out "+out+"; echo HASHIYA-EXIT=$?; sleep 60")
	s.waitFor("▸1/5")

	// «كوريا» on screen, joined and in visual order: ﺎﻳﺭﻮﻛ; its ر is the third cell. The
	// panes load after the first frame: poll until the first one shows it.
	const word = "ﺎﻳﺭﻮﻛ"
	var scr string
	row, col := -1, -1
	for deadline := time.Now().Add(20 * time.Second); row < 0; time.Sleep(50 * time.Millisecond) {
		scr = s.capture()
		for y, line := range strings.Split(scr, "\n") {
			left, _, ok := strings.Cut(line, "│") // the first pane
			if i := strings.Index(left, word); ok && i >= 0 && y > 1 {
				row, col = y, len([]rune(left[:i]))+2
				break
			}
		}
		if row < 0 && time.Now().After(deadline) {
			t.Fatalf("the first pane does not show %s:\n%s", word, scr)
		}
	}
	if r := []rune(strings.Split(scr, "\n")[row])[col]; r != 'ﺭ' {
		t.Fatalf("cell %d,%d shows %q, not ﺭ", col, row, r)
	}
	y0, x0, ok := reverseCell(s.styledScreen(), 2, 23)
	if !ok {
		t.Fatalf("no cursor drawn before the click:\n%s", scr)
	}
	// SGR coordinates count from 1; press, then release.
	s.text(fmt.Sprintf("\x1b[<0;%d;%dM", col+1, row+1))
	s.text(fmt.Sprintf("\x1b[<0;%d;%dm", col+1, row+1))
	deadline := time.Now().Add(20 * time.Second)
	var cells [][]styledCell
	for {
		cells = s.styledScreen()
		if y, x, ok := reverseCell(cells, 2, 23); ok && (y != y0 || x != x0) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the click did not move the cursor from %d,%d; screen:\n%s", x0, y0, s.capture())
		}
		time.Sleep(50 * time.Millisecond)
	}
	y, x, _ := reverseCell(cells, 2, 23)
	if y != row || x != col {
		t.Fatalf("cursor drawn at column %d row %d (%q), clicked %d,%d (ﺭ)", x, y, cells[y][x].r, col, row)
	}

	s.text("1") // PERSON on the word under the cursor
	s.waitFor("saved")
	s.keys("q")
	s.waitFor("HASHIYA-EXIT=0")
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Spans []struct{ Label, Text string }
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatalf("training file: %v\n%s", err, b)
	}
	if len(rec.Spans) != 1 || rec.Spans[0].Label != "PERSON" || rec.Spans[0].Text != "كوريا" {
		t.Fatalf("after the click and 1, spans %+v, want PERSON «كوريا»", rec.Spans)
	}
}

// styledCell is one cell of the screen as tmux has it: the character and whether it is
// drawn in reverse video.
type styledCell struct {
	r       rune
	reverse bool
}

// styledScreen reads the screen with its attributes (capture-pane -e) into cells.
func (s *session) styledScreen() [][]styledCell {
	s.t.Helper()
	b, err := exec.Command("tmux", "-S", s.sock, "capture-pane", "-p", "-e", "-t", "0").Output()
	if err != nil {
		s.t.Fatalf("capture-pane -e: %v", err)
	}
	var rows [][]styledCell
	for _, line := range strings.Split(string(b), "\n") {
		rows = append(rows, parseSGRLine(line))
	}
	return rows
}

// parseSGRLine splits a line of text and SGR sequences into cells, following attribute 7
// (reverse) through resets; colour parameters (38/48/58 with 5;n or 2;r;g;b) are skipped
// whole, so a colour number 7 is not taken for reverse.
func parseSGRLine(line string) []styledCell {
	var cells []styledCell
	rev := false
	rs := []rune(line)
	for i := 0; i < len(rs); i++ {
		if rs[i] == 0x1b && i+1 < len(rs) && rs[i+1] == '[' {
			j := i + 2
			for j < len(rs) && (rs[j] < 0x40 || rs[j] > 0x7e) {
				j++
			}
			if j < len(rs) && rs[j] == 'm' {
				ps := strings.Split(string(rs[i+2:j]), ";")
				for k := 0; k < len(ps); k++ {
					n, _ := strconv.Atoi(ps[k])
					switch n {
					case 0:
						rev = false
					case 7:
						rev = true
					case 27:
						rev = false
					case 38, 48, 58:
						if k+1 < len(ps) && ps[k+1] == "5" {
							k += 2
						} else if k+1 < len(ps) && ps[k+1] == "2" {
							k += 4
						}
					}
				}
			}
			i = j
			continue
		}
		cells = append(cells, styledCell{r: rs[i], reverse: rev})
	}
	return cells
}

// reverseCell finds the one reverse-video cell in rows [from, to) (the panes' text).
func reverseCell(rows [][]styledCell, from, to int) (y, x int, ok bool) {
	for y := from; y < to && y < len(rows); y++ {
		for x, c := range rows[y] {
			if c.reverse {
				return y, x, true
			}
		}
	}
	return 0, 0, false
}
