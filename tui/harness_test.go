package tui

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/hashiya/hashiya/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

// drive runs cmd and feeds every message it yields back through Update, as the Bubble
// Tea runtime would, skipping commands that wait on timers.
func drive(t *testing.T, a *App, cmd tea.Cmd) { t.Helper(); runQuits(t, a, cmd) }

// runQuits is drive that reports whether the program would end: like the runtime, it
// stops at the first tea.QuitMsg.
func runQuits(t *testing.T, a *App, cmd tea.Cmd) bool {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			t.Fatal("command loop does not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg, ok := runWithin(c, cmdWait)
		if !ok {
			continue // a timer (cursor blink) or a wait that never fires in a test
		}
		switch m := msg.(type) {
		case tea.BatchMsg:
			queue = append(queue, m...)
			continue
		case tea.QuitMsg:
			return true
		case nil:
			continue
		}
		if fromRuntime(msg) && !isAppMsg(msg) {
			continue // terminal requests (background colour and the like)
		}
		_, next := a.Update(msg)
		queue = append(queue, next)
	}
	return false
}

// fromRuntime tells messages of Bubble Tea's runtime from the app's own.
func fromRuntime(msg tea.Msg) bool {
	p := reflect.TypeOf(msg).PkgPath()
	return strings.Contains(p, "bubbletea") || strings.Contains(p, "ultraviolet")
}

func isAppMsg(msg tea.Msg) bool {
	switch msg.(type) {
	case tea.KeyPressMsg, tea.WindowSizeMsg, tea.PasteMsg:
		return true
	}
	return false
}

// cmdWait is how long drive waits for a command before taking it for a timer
// or a wait that never fires in a test. A test that loads something slow (50 MB
// under the race detector) raises it with waitLonger; tests that do run
// sequentially (the parallel random walk starts after them).
var cmdWait = 10 * time.Second

// waitLonger makes drive wait up to d for each command until the test ends.
func waitLonger(t *testing.T, d time.Duration) {
	old := cmdWait
	cmdWait = d
	t.Cleanup(func() { cmdWait = old })
}

func runWithin(c tea.Cmd, d time.Duration) (tea.Msg, bool) {
	ch := make(chan tea.Msg, 1)
	go func() { ch <- c() }()
	select {
	case m := <-ch:
		return m, true
	case <-time.After(d):
		return nil, false
	}
}

// newTestApp opens the embedded sample at the given size and waits for the documents.
func newTestApp(t *testing.T, w, h int) *App {
	t.Helper()
	a := New(Options{Corpus: model.Sample(), CorpusName: "treaty (sample)", Annotator: "test", ExportEvery: time.Millisecond})
	drive(t, a, a.Init())
	_, cmd := a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	drive(t, a, cmd)
	return a
}

// press sends keys: names like "tab", "ctrl+d", or text typed one rune at a time.
func press(t *testing.T, a *App, keys ...string) {
	t.Helper()
	for _, k := range keys {
		_, cmd := a.Update(keyMsg(k))
		drive(t, a, cmd)
	}
}

func typeText(t *testing.T, a *App, s string) {
	t.Helper()
	for _, r := range s {
		_, cmd := a.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		drive(t, a, cmd)
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	special := map[string]rune{
		"tab": tea.KeyTab, "enter": tea.KeyEnter, "esc": tea.KeyEscape, "up": tea.KeyUp,
		"down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight, "pgdown": tea.KeyPgDown,
		"pgup": tea.KeyPgUp, "backspace": tea.KeyBackspace, "home": tea.KeyHome, "end": tea.KeyEnd,
	}
	if strings.HasPrefix(k, "ctrl+") {
		r := []rune(k[5:])[0]
		return tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl}
	}
	if k == "shift+tab" {
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	}
	if r, ok := special[k]; ok {
		return tea.KeyPressMsg{Code: r}
	}
	r := []rune(k)[0]
	if r >= 'A' && r <= 'Z' {
		return tea.KeyPressMsg{Code: r + 32, ShiftedCode: r, Text: k, Mod: tea.ModShift}
	}
	return tea.KeyPressMsg{Code: r, Text: k}
}

// screen is the plain text of the current frame.
func screen(a *App) string { return ansi.Strip(a.View().Content) }

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./tui -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the screen:\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}

func resize(t *testing.T, a *App, w, h int) {
	t.Helper()
	_, cmd := a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	drive(t, a, cmd)
}

// newAppOn opens the corpus at path with a session whose training file is in dir, at
// w×h; it returns the app and the training file's path.
func newAppOn(t *testing.T, dir, path, name string, w, h int) (*App, string) {
	t.Helper()
	c, err := model.Open([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	out := filepath.Join(dir, "annotations.jsonl")
	st, err := openSession(t, out, "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := New(Options{Corpus: c, CorpusName: name, Annotator: "test", Session: st, Export: st.export, Out: out, ExportEvery: time.Millisecond})
	drive(t, a, a.Init())
	resize(t, a, w, h)
	return a, out
}
