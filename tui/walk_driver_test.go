package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/hashiya/hashiya/model"
	"github.com/hashiya/hashiya/text/doctext"
)

// chooser is where the walk's choices come from: a seeded generator, or a fuzzer's bytes.
type chooser interface {
	intn(n int) int // in [0, n)
	done() bool     // no choices left
}

// walkFailure is the first occurrence of one kind of problem in a walk.
type walkFailure struct {
	kind, detail string
	step, keys   int
	last         []string
}

// maxCrashes ends a walk whose reader keeps crashing (every crash is reported once).
const maxCrashes = 50

// historyLen is how many of the last actions a failure report shows.
const historyLen = 30

// walker drives one App with random keys, checking the invariants after every message.
type walker struct {
	t      testing.TB
	corpus *model.Corpus
	out    string // the training file; its journal sits beside it
	store  *testDB
	last   map[string]docState // the committed state at the last check, for after a quit
	app    *App
	keys   *walkKeys
	w, h   int

	steps, keysSent, restarts, reopens int
	crashes                            int
	dead                               bool // crashed too often to go on
	history                            []string
	failures                           []walkFailure
	failed                             map[string]bool
	texts                              map[string]*walkText // by document id
	modes                              map[mode]int         // messages handled in each mode
}

func newWalker(t testing.TB, corpus *model.Corpus, dir string) *walker {
	w := &walker{t: t, corpus: corpus, out: filepath.Join(dir, "annotations.jsonl"), w: 80, h: 24,
		failed: map[string]bool{}, texts: map[string]*walkText{}, modes: map[mode]int{}}
	w.openStore()
	w.start()
	ks, err := newWalkKeys(w.app)
	if err != nil {
		t.Fatal(err)
	}
	w.keys = ks
	return w
}

func (w *walker) openStore() {
	st, err := openSession(w.t, w.out, "walk")
	if err != nil {
		w.t.Fatalf("opening the store: %v", err)
	}
	w.store = st
}

// start makes a new App on the current store, as a restarted reader.
func (w *walker) start() {
	width, height := w.w, w.h
	w.app = New(Options{Corpus: w.corpus, CorpusName: "walk", Annotator: "walk", Session: w.store, Export: w.store.export, Out: w.out, ExportEvery: time.Millisecond})
	w.w, w.h = 80, 24 // a reader draws at 80x24 until the terminal reports its size
	w.deliverCmd(w.app.Init())
	w.deliver(tea.WindowSizeMsg{Width: width, Height: height})
}

// close releases the store at the end of a walk.
func (w *walker) close() {
	if w.store != nil {
		w.store.Close()
	}
}

// note records what the walk does, for the failure report.
func (w *walker) note(s string) {
	w.history = append(w.history, s)
	if len(w.history) > historyLen {
		w.history = w.history[len(w.history)-historyLen:]
	}
}

// fail records the first occurrence of a kind of problem.
func (w *walker) fail(kind, detail string) {
	if w.failed[kind] {
		return
	}
	w.failed[kind] = true
	w.failures = append(w.failures, walkFailure{kind: kind, detail: detail, step: w.steps, keys: w.keysSent,
		last: append([]string(nil), w.history...)})
}

// press sends one key press.
func (w *walker) press(k walkKey) {
	w.keysSent++
	w.note(k.String())
	w.deliver(k.msg)
}

// deliver sends msg through Update and every command it leads to, as the runtime would.
func (w *walker) deliver(msg tea.Msg) {
	cmd, alive := w.update(msg)
	if alive {
		w.deliverCmd(cmd)
	}
}

func (w *walker) deliverCmd(cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0; n++ {
		if n > 10000 {
			w.fail("command loop does not settle", "more than 10000 commands after one message")
			w.restart()
			return
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil || isTimer(c) {
			continue
		}
		msg, ok := runWithin(c, 10*time.Second)
		if !ok {
			w.fail("a command hangs", cmdName(c)+" did not return within 10 s")
			continue
		}
		switch m := msg.(type) {
		case nil:
			continue
		case tea.BatchMsg:
			queue = append(queue, m...)
			continue
		case tea.QuitMsg:
			w.quitAndRestart()
			return
		}
		if fromRuntime(msg) && !isAppMsg(msg) {
			continue
		}
		next, alive := w.update(msg)
		if !alive {
			return
		}
		queue = append(queue, next)
	}
}

// update runs one message through the App and checks the invariants; alive is false
// when it panicked (the walk then restarts the reader, as a user would).
func (w *walker) update(msg tea.Msg) (cmd tea.Cmd, alive bool) {
	if w.dead {
		return nil, false
	}
	w.steps++
	if m, ok := msg.(tea.WindowSizeMsg); ok {
		w.w, w.h = m.Width, m.Height
	}
	defer func() {
		if r := recover(); r != nil {
			w.fail("panic in "+panicSite(), fmt.Sprintf("%v\n%s", r, trimStack(debug.Stack())))
			cmd, alive = nil, false
			w.restart()
		}
	}()
	_, cmd = w.app.Update(msg)
	w.modes[w.app.mode]++
	w.check(changesStore(msg))
	return cmd, true
}

// changesStore tells the messages that follow a change of the store: every store
// operation runs in the editor and reports back with one of them, so checking the store
// after these is checking it after every message, at a fraction of the cost.
func changesStore(msg tea.Msg) bool {
	switch msg.(type) {
	case editDoneMsg, claimAddedMsg, closedMsg:
		return true
	}
	return false
}

// check asserts the invariants of the screen and the panes, and of the store when it
// may have changed.
func (w *walker) check(store bool) {
	a := w.app
	if p := checkFrameSize(ansi.Strip(a.View().Content), w.w, w.h); p != "" {
		w.fail("frame is not width×height", fmt.Sprintf("%dx%d: %s", w.w, w.h, p))
	}
	for i, p := range a.panes {
		if !p.ready() {
			continue
		}
		if kind, detail := checkPane(p, w.text(p.info.ID, p.view.text)); kind != "" {
			w.fail(kind, fmt.Sprintf("pane %d (%s): %s", i, p.info.ID, detail))
		}
	}
	if store {
		w.checkStore()
	}
}

func (w *walker) checkStore() {
	if w.store.closed() {
		return // the App closed it at quit; quitAndRestart compares what it left
	}
	w.last = storeState(w.store, w.docIDs())
	for _, id := range w.docIDs() {
		wt := w.texts[id]
		problems := checkStoreDoc(w.store, w.app.schema, id, wt)
		kinds := make([]string, 0, len(problems))
		for k := range problems {
			kinds = append(kinds, k)
		}
		sort.Strings(kinds)
		for _, k := range kinds {
			w.fail(k, problems[k])
		}
	}
}

// docIDs are the documents the walk has shown: the only ones it can have annotated.
func (w *walker) docIDs() []string {
	ids := make([]string, 0, len(w.texts))
	for id := range w.texts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// text is the cached cluster table of a document; a document whose text changes under
// the same id is a failure of its own.
func (w *walker) text(id string, t doctext.Text) *walkText {
	wt := w.texts[id]
	if wt == nil {
		wt = newWalkText(t.String())
		w.texts[id] = wt
	} else if len(wt.runes) != t.Len() {
		w.fail("document text differs between pane and store", id)
	}
	return wt
}

// reopen closes the store and opens it again under the running App: the state must
// survive exactly.
func (w *walker) reopen() {
	w.note("reopen store")
	w.reopens++
	before := storeState(w.store, w.docIDs())
	if err := w.store.Close(); err != nil {
		w.fail("store close fails", err.Error())
	}
	w.openStore()
	if d := diffStates(before, storeState(w.store, w.docIDs())); d != "" {
		w.fail("reopened store differs", d)
	}
	w.app.session = w.store
	w.checkStore()
}

// quitAndRestart follows a quit: the App closed the store; reopening it must give the
// same state, and a new reader starts on it.
func (w *walker) quitAndRestart() {
	w.note("(quit: restart)")
	before := w.last
	w.store.Close() // the App closed the session; the database goes with the process
	w.openStore()
	if d := diffStates(before, storeState(w.store, w.docIDs())); d != "" {
		w.fail("store after quit differs", d)
	}
	w.restarts++
	w.start()
}

// restart replaces a crashed App, closing its store first as the dying process would
// release it.
func (w *walker) restart() {
	w.note("(crash: restart)")
	w.crashes++
	if w.crashes > maxCrashes {
		w.dead = true
		return
	}
	w.store.Close()
	w.openStore()
	w.restarts++
	w.start()
}

// isTimer tells the commands that only wait on a clock (the debounced flush, cursor
// blinks); the walk delivers the flush itself.
func isTimer(c tea.Cmd) bool {
	n := cmdName(c)
	return strings.HasPrefix(n, "charm.land/bubbletea/v2.Tick") || strings.HasPrefix(n, "charm.land/bubbletea/v2.Every") ||
		strings.Contains(n, "bubbles/v2/cursor.")
}

func cmdName(c tea.Cmd) string { return runtime.FuncForPC(reflect.ValueOf(c).Pointer()).Name() }

// panicSite is the innermost hashiya function on the panicking stack.
func panicSite() string {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	seenPanic := false
	for {
		f, more := frames.Next()
		if strings.HasPrefix(f.Function, "runtime.gopanic") || strings.HasPrefix(f.Function, "runtime.panic") {
			seenPanic = true
		} else if seenPanic && strings.Contains(f.Function, "hashiya/hashiya/") {
			return f.Function[strings.LastIndex(f.Function, "/")+1:]
		}
		if !more {
			return "unknown"
		}
	}
}

func trimStack(b []byte) string {
	lines := strings.Split(string(b), "\n")
	return strings.Join(lines[:min(len(lines), 24)], "\n")
}

// report prints the failures of a walk (named by its seed) so it can be replayed.
func (w *walker) report(name, replay string) {
	for _, f := range w.failures {
		w.t.Errorf("%s\n  %s, step %d (key %d): %s\n  last %d actions: %s\n  replay: %s",
			f.kind, name, f.step, f.keys, f.detail, len(f.last), strings.Join(f.last, " "), replay)
	}
}

// storeDir is where a walk keeps its store: a directory in memory (/dev/shm) where the
// system has one, else the test's temp directory. The walk checks what the reader and
// the store do, not the disk; every edit fsyncs, and on a disk those fsyncs are most of
// the walk's wall time.
func storeDir(t testing.TB) string {
	const shm = "/dev/shm"
	if st, err := os.Stat(shm); err == nil && st.IsDir() {
		if dir, err := os.MkdirTemp(shm, "hashiya-walk-"); err == nil {
			t.Cleanup(func() { os.RemoveAll(dir) })
			return dir
		}
	}
	return t.TempDir()
}
