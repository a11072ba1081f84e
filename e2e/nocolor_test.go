package e2e

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// styledRows is the screen with its attributes (capture-pane -e), row by row.
func (s *session) styledRows() []string { return strings.Split(s.captureStyled(), "\n") }

// styledCells reads a row of capture-pane -e into its non-blank characters and the SGR
// parameters in force on each ("" for plain text).
func styledCells(row string) (chars []string, styles []string) {
	cur := ""
	for len(row) > 0 {
		if strings.HasPrefix(row, "\x1b[") {
			end := strings.IndexByte(row, 'm')
			if end < 0 {
				break
			}
			for _, p := range strings.Split(row[2:end], ";") {
				switch {
				case p == "" || p == "0":
					cur = ""
				case p == "39" || p == "49": // tmux writes the default colours after each reset
				default:
					cur = strings.TrimPrefix(cur+";"+p, ";")
				}
			}
			row = row[end+1:]
			continue
		}
		r := []rune(row)[0]
		row = row[len(string(r)):]
		if r != ' ' {
			chars, styles = append(chars, string(r)), append(styles, cur)
		}
	}
	return chars, styles
}

// With NO_COLOR=1 the real binary, in tmux, draws a tagged word with attributes an
// untagged word lacks, and sends no colour at all.
func TestNoColorShowsTaggedWordsByAttributes(t *testing.T) {
	bin := buildHashiya(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "annotations.jsonl")
	s := startSession(t, 120, 40, append(annotatorEnv(dir), "NO_COLOR=1"), readerCmd(bin, out))
	s.waitFor("▸1/5")
	s.keys("w", "w") // the cursor (reverse video) away from the first two words
	time.Sleep(200 * time.Millisecond)
	before := s.styledRows()
	_, stylesBefore := styledCells(before[2])
	for _, st := range stylesBefore {
		if strings.Contains(st, "4") && !strings.Contains(st, "7") {
			t.Fatalf("an underline before anything is tagged: %q", before[2])
		}
	}
	s.keys("g", "1", "w", "w") // PERSON on the first word, then the cursor away again
	s.waitFor("saved 1 edit")
	time.Sleep(200 * time.Millisecond)
	rows := s.styledRows()
	row := rows[2]
	if strings.Contains(row, "38;") || strings.Contains(row, "48;") || colourParam(row) {
		t.Errorf("a colour under NO_COLOR: %q", row)
	}
	chars, styles := styledCells(row)
	var tagged, plain []string
	for i, st := range styles {
		switch {
		case st == "":
			plain = append(plain, chars[i])
		case strings.HasPrefix(st, "4") && !strings.Contains(st, "7"):
			tagged = append(tagged, chars[i])
		}
	}
	if len(tagged) == 0 || len(plain) == 0 {
		t.Fatalf("the first text row has %d underlined and %d plain characters:\n%q", len(tagged), len(plain), row)
	}
	// The tagged characters are those of بوتين (its presentation forms; 5 letters).
	if len(tagged) != 5 {
		t.Errorf("%d underlined characters (%q), want the 5 of بوتين", len(tagged), strings.Join(tagged, ""))
	}
	s.keys("q")
	s.waitFor("HASHIYA-EXIT=0")
}

// colourParam says whether an SGR in row sets a basic colour (30–37, 40–47, 90–107).
func colourParam(row string) bool {
	for _, seq := range strings.Split(row, "\x1b[")[1:] {
		end := strings.IndexByte(seq, 'm')
		if end < 0 {
			continue
		}
		for _, p := range strings.Split(seq[:end], ";") {
			if len(p) == 2 && (p[0] == '3' || p[0] == '4' || p[0] == '9') && p != "39" && p != "49" && p[1] >= '0' && p[1] <= '7' {
				return true
			}
		}
	}
	return false
}
