package tui

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// SearchHistory keeps one annotator's searches across restarts. The reader calls it only
// from commands, never in Update.
type SearchHistory interface {
	// Load returns the searches, oldest first. Unreadable entries are left out and
	// reported in the error, with the good ones still returned.
	Load() ([]string, error)
	// Add records one search.
	Add(query string) error
}

// maxHistory is how many searches the prompt goes back through.
const maxHistory = 100

// searchHistory is the prompt's view of the history: the searches, and where ↑/↓ stand.
type searchHistory struct {
	queries []string
	at      int    // index into queries while stepping; len(queries) is the line being typed
	typed   string // what was typed before stepping back
	// early is set when ↑ found nothing before the annotator's file was read (at start
	// keys can be quicker than the disk); earlyValue is the prompt then. The loaded
	// history answers it if the prompt is still as it was.
	early      bool
	earlyValue string
}

// add puts q last, once.
func (h *searchHistory) add(q string) {
	h.queries = appendHistory(h.queries, q)
	h.at = len(h.queries)
}

func appendHistory(qs []string, q string) []string {
	if strings.TrimSpace(q) == "" {
		return qs
	}
	for i, old := range qs {
		if old == q {
			qs = append(qs[:i], qs[i+1:]...)
			break
		}
	}
	qs = append(qs, q)
	if len(qs) > maxHistory {
		qs = qs[len(qs)-maxHistory:]
	}
	return qs
}

// step moves back (dir -1) or forward (dir 1) from the prompt's current value and says
// what the prompt shows then; ok is false at either end.
func (h *searchHistory) step(dir int, current string) (string, bool) {
	next := h.at + dir
	if next < 0 || next > len(h.queries) {
		return current, false
	}
	if h.at == len(h.queries) {
		h.typed = current
	}
	h.at = next
	if next == len(h.queries) {
		return h.typed, true
	}
	return h.queries[next], true
}

// reset starts stepping afresh from the newest search (a new prompt).
func (h *searchHistory) reset() { h.at, h.typed = len(h.queries), "" }

type historyLoadedMsg struct {
	queries []string
	err     error
}

func loadHistoryCmd(s SearchHistory) tea.Cmd {
	return func() tea.Msg {
		qs, err := s.Load()
		return historyLoadedMsg{queries: qs, err: err}
	}
}

type historySavedMsg struct{ err error }

func addHistoryCmd(s SearchHistory, q string) tea.Cmd {
	return func() tea.Msg { return historySavedMsg{err: s.Add(q)} }
}

// FileSearchHistory keeps annotator's searches in a file of their own under dir, one
// quoted search a line (a query may hold any character).
func FileSearchHistory(dir, annotator string) SearchHistory {
	return fileHistory{path: filepath.Join(dir, "search-history", fileSafe(annotator)+".txt")}
}

type fileHistory struct{ path string }

func (f fileHistory) Load() ([]string, error) {
	file, err := os.Open(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer file.Close()
	var qs, bad []string
	sc := bufio.NewScanner(file)
	sc.Buffer(nil, 1<<20)
	lines := 0
	for sc.Scan() {
		lines++
		q, err := strconv.Unquote(sc.Text())
		if err != nil {
			bad = append(bad, fmt.Sprintf("%s:%d: not a quoted search, left out", f.path, lines))
			continue
		}
		qs = appendHistory(qs, q)
	}
	if err := sc.Err(); err != nil {
		bad = append(bad, fmt.Sprintf("%s:%d: %v", f.path, lines+1, err))
	}
	if len(bad) == 0 && lines > 2*maxHistory {
		f.compact(qs) // the file only grows otherwise
	}
	if len(bad) > 0 {
		return qs, errors.New(strings.Join(bad, "\n"))
	}
	return qs, nil
}

func (f fileHistory) Add(q string) error {
	if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
		return err
	}
	file, err := os.OpenFile(f.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	_, err = file.WriteString(strconv.Quote(q) + "\n")
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	return err
}

// compact rewrites the file with only the searches kept (atomically: a crash leaves the
// old file or the new one).
func (f fileHistory) compact(qs []string) {
	var b strings.Builder
	for _, q := range qs {
		b.WriteString(strconv.Quote(q) + "\n")
	}
	tmp := f.path + ".tmp"
	if os.WriteFile(tmp, []byte(b.String()), 0o644) == nil {
		os.Rename(tmp, f.path)
	}
}

// fileSafe makes a name usable as a file name: bytes outside [A-Za-z0-9_-] are
// percent-encoded, so distinct annotators never share a file.
func fileSafe(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	if b.Len() == 0 {
		return "%"
	}
	return b.String()
}
