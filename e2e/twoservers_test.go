package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/internal/pgtest"
	"github.com/hashiya/hashiya/tui"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// startSite runs one `hashiya serve` of a multi-server team on the shared database db: its
// own port, host key, training file and log (one per site, as a team would run them).
func startSite(t *testing.T, bin, dir, site, db string, port int) *server {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--listen", "127.0.0.1:"+strconv.Itoa(port),
		"--team", filepath.Join(dir, "team.toml"), "--host-key", filepath.Join(dir, "host_"+site),
		"--db", db, "--out", filepath.Join(dir, site+".jsonl"), "--log", filepath.Join(dir, site+".log"))
	return runServer(t, cmd, dir)
}

// runServer starts a prepared serve command and waits for the line naming its host key
// (startServer builds the usual command line; other tests bring their own).
func runServer(t *testing.T, cmd *exec.Cmd, dir string) *server {
	t.Helper()
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+dir, "XDG_STATE_HOME="+dir, "XDG_DATA_HOME="+dir)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, exited: make(chan error, 1)}
	lines := make(chan string, 16)
	var said []string
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		s.exited <- cmd.Wait()
	}()
	t.Cleanup(func() { cmd.Process.Kill() })
	deadline := time.After(30 * time.Second)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("hashiya serve ended before listening: %v\n%s", <-s.exited, strings.Join(said, "\n"))
			}
			said = append(said, l)
			if m := hostKeyRE.FindStringSubmatch(l); m != nil {
				s.hostKey = m[1]
				go func() {
					for range lines {
					}
				}()
				return s
			}
		case <-deadline:
			t.Fatalf("hashiya serve never said it was listening:\n%s", strings.Join(said, "\n"))
		}
	}
}

// tmuxKey is tmux's name for a key as a key.Binding spells it.
func tmuxKey(k string) string {
	switch k {
	case "space":
		return "Space"
	case "enter":
		return "Enter"
	case "tab":
		return "Tab"
	case "esc":
		return "Escape"
	}
	if c, ok := strings.CutPrefix(k, "ctrl+"); ok {
		return "C-" + c
	}
	return k
}

// press sends a binding's first key, as the help screen names it.
func (s *session) press(b key.Binding) {
	s.t.Helper()
	s.keys(tmuxKey(b.Keys()[0]))
}

// labelKey is the key that tags with label in the default schema.
func labelKey(t *testing.T, label string) string {
	t.Helper()
	for _, l := range annotations.DefaultSchema().Labels {
		if l.Name == label {
			return l.Key
		}
	}
	t.Fatalf("no label %s in the default schema", label)
	return ""
}

// edit is one tag the screen confirmed: the annotator, the label and which word of the
// first document (the n-th token, counted from 0).
type edit struct {
	who   string
	label string
	word  int
}

// annotator is one member's ssh session and what its screen has confirmed so far.
type annotator struct {
	name  string
	s     *session
	word  int // the word the cursor is on
	saved int // the count in the last "saved N edit(s)"
	tags  []edit
	// refused counts the edits the screen said were not saved (and were tried again).
	refused int
}

// tag moves the cursor to word and tags it with label, trying again while the screen
// says the edit was not saved; it returns once the screen confirms it. An edit that is
// neither confirmed nor refused within the limit fails the test: a fault must show.
func (a *annotator) tag(t *testing.T, word int, label string) {
	t.Helper()
	km := tui.DefaultKeyMap()
	for ; a.word < word; a.word++ {
		a.s.press(km.NextWord)
	}
	want := fmt.Sprintf("saved %d edit", a.saved+1)
	deadline := time.Now().Add(90 * time.Second)
	for attempt := 1; ; attempt++ {
		a.s.keys(labelKey(t, label))
		refused := false
		// The store retries a write for a while before it gives up: the limit is above it.
		for wait := time.Now().Add(45 * time.Second); time.Now().Before(wait); time.Sleep(50 * time.Millisecond) {
			scr := a.s.capture()
			if strings.Contains(scr, want) {
				a.saved++
				a.tags = append(a.tags, edit{a.name, label, word})
				return
			}
			if strings.Contains(scr, "NOT SAVED") {
				refused = true
				break
			}
		}
		if !refused {
			t.Fatalf("%s's edit %d (%s on word %d) was neither confirmed nor refused in 45 s:\n%s",
				a.name, a.saved+1, label, word, a.s.capture())
		}
		a.refused++
		t.Logf("%s: attempt %d refused on screen, trying again:\n%s", a.name, attempt, statusLines(a.s.capture()))
		if time.Now().After(deadline) {
			t.Fatalf("%s's edit was refused for 90 s; last screen:\n%s", a.name, a.s.capture())
		}
		// The refusal stays on screen until the next status: clear it so that the next
		// attempt's outcome is its own.
		a.clearRefusal()
		time.Sleep(500 * time.Millisecond)
	}
}

// statusLines is the bottom of a screen, where the status bar is.
func statusLines(scr string) string {
	lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-3):], "\n")
}

// waitForGone polls until the screen no longer holds s.
func (s *session) waitForGone(txt string) {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if !strings.Contains(s.capture(), txt) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("the screen still shows %q after 20 s:\n%s", txt, s.capture())
}

// faults is what the scenario does to the database server (a pgtest.Cluster); SQLite has none.
type faults interface {
	Restart() error
	Stop() error
	StartAgain() error
}

// twoServersOneDatabase is issue 14's end-to-end "done when": two `hashiya serve` on one
// database, sara on the first and bob on the second with the real ssh client, tagging
// on both. With a database server (pg), it is restarted while sara's edit is in flight,
// then stopped while bob tags and started again; both sessions tag on afterwards. Every
// edit a screen confirmed is then in one `hashiya export --db`, exactly once, at the
// offsets of the word tagged.
func twoServersOneDatabase(t *testing.T, db string, pg faults) {
	bin, srvA, srvB, saraS, bobS := startTwoSites(t, db)
	sara, bob := &annotator{name: "sara", s: saraS}, &annotator{name: "bob", s: bobS}
	for _, a := range []*annotator{sara, bob} {
		a.s.waitFor("annotator: " + a.name)
		a.s.waitForRE(focusedLoadedRE)
	}

	sara.tag(t, 0, "PERSON")
	bob.tag(t, 1, "ORG")
	if pg != nil {
		// sara's next edit goes in, and at once the database goes down and comes back.
		sara.keyOnly(t, 2, "GPE")
		if err := pg.Restart(); err != nil {
			t.Fatalf("restarting PostgreSQL: %v", err)
		}
		sara.settle(t, "GPE", "across the restart")
		// bob tags while the database is down: the screen may not confirm it before the
		// database is back; it holds the edit or says it is not saved.
		if err := pg.Stop(); err != nil {
			t.Fatalf("stopping PostgreSQL: %v", err)
		}
		bob.keyOnly(t, 3, "GPE")
		refused := bob.outage(t)
		if err := pg.StartAgain(); err != nil {
			t.Fatalf("starting PostgreSQL again: %v", err)
		}
		if refused {
			bob.tag(t, 3, "GPE")
		} else {
			bob.settle(t, "GPE", "held while PostgreSQL was down")
		}
	} else {
		sara.tag(t, 2, "GPE")
		bob.tag(t, 3, "GPE")
	}
	// The sessions go on where they were, without a reconnect.
	sara.tag(t, 4, "ORG")
	bob.tag(t, 5, "PERSON")

	km := tui.DefaultKeyMap()
	for _, a := range []*annotator{sara, bob} {
		a.s.press(km.Quit)
		a.s.waitFor("SSH-EXIT=0")
	}
	srvA.stop(t)
	srvB.stop(t)
	t.Logf("edits refused on screen and tried again: sara %d, bob %d", sara.refused, bob.refused)
	checkExport(t, bin, db, append(sara.tags, bob.tags...))
}

// connectWide is connect on a terminal wide enough for the header to name the annotator
// beside a long database name (a PostgreSQL database on a Unix socket).
func connectWide(t *testing.T, dir, key string, port int) *session {
	t.Helper()
	cmd := "ssh " + strings.Join(sshArgs(dir, key, port), " ") + "; echo SSH-EXIT=$?; sleep 60"
	return startSession(t, 160, 40, sshEnv(dir), cmd)
}

// keyOnly moves to word and presses label's key, without waiting for the outcome.
func (a *annotator) keyOnly(t *testing.T, word int, label string) {
	t.Helper()
	km := tui.DefaultKeyMap()
	for ; a.word < word; a.word++ {
		a.s.press(km.NextWord)
	}
	a.s.keys(labelKey(t, label))
}

// outage watches the screen while the database is down, for at most 90 s: it must not
// confirm the edit; true when it says the edit was not saved.
func (a *annotator) outage(t *testing.T) bool {
	t.Helper()
	saved := fmt.Sprintf("saved %d edit", a.saved+1)
	for wait := time.Now().Add(90 * time.Second); time.Now().Before(wait); time.Sleep(100 * time.Millisecond) {
		scr := a.s.capture()
		if strings.Contains(scr, saved) {
			t.Fatalf("%s's edit was confirmed while PostgreSQL was down:\n%s", a.name, scr)
		}
		if strings.Contains(scr, "NOT SAVED") {
			a.refused++
			t.Logf("%s: refused on screen while PostgreSQL was down:\n%s", a.name, statusLines(scr))
			a.clearRefusal()
			return true
		}
	}
	t.Logf("%s: the edit was still held after 90 s of the database down", a.name)
	return false
}

// clearRefusal replaces the refusal on the status line with a message that touches no
// data (an annotator asking for the others' work), so that the next status is the next
// edit's: moving the cursor leaves the status as it is.
func (a *annotator) clearRefusal() {
	a.s.press(tui.DefaultKeyMap().Others)
	a.s.waitFor(notReviewer)
	a.s.waitForGone("NOT SAVED")
}

// notReviewer is what an annotator is told on asking for the others' annotations.
const notReviewer = "only reviewers and admins see the other annotators' annotations"

// settle waits for the outcome of the edit whose key went in before a fault: confirmed,
// or refused on screen and then tried again until it is.
func (a *annotator) settle(t *testing.T, label, when string) {
	t.Helper()
	want := fmt.Sprintf("saved %d edit", a.saved+1)
	for wait := time.Now().Add(60 * time.Second); time.Now().Before(wait); time.Sleep(50 * time.Millisecond) {
		scr := a.s.capture()
		if strings.Contains(scr, want) {
			a.saved++
			a.tags = append(a.tags, edit{a.name, label, a.word})
			return
		}
		if strings.Contains(scr, "NOT SAVED") {
			a.refused++
			t.Logf("%s: the edit %s was refused on screen:\n%s", a.name, when, statusLines(scr))
			a.clearRefusal()
			a.tag(t, a.word, label)
			return
		}
	}
	t.Fatalf("%s's edit %s was neither confirmed nor refused in 60 s:\n%s", a.name, when, a.s.capture())
}

// exported is the part of a Prodigy record the check reads.
type exported struct {
	Text      string `json:"text"`
	Annotator string `json:"_annotator_id"`
	Meta      struct {
		ID string `json:"id"`
	} `json:"meta"`
	Spans []struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Label string `json:"label"`
		Text  string `json:"text"`
	} `json:"spans"`
}

// firstDocID is the sample's first document, where every tag of the scenario goes.
const firstDocID = "000_2cbddc3528754449.txt"

// checkExport exports the database and wants each confirmed edit in it exactly once, with
// the offsets (code points) of the word tagged and that word's text, and nothing else.
func checkExport(t *testing.T, bin, db string, want []edit) {
	t.Helper()
	cmd := exec.Command(bin, "export", "--format", "prodigy", "--db", db)
	cmd.Dir = t.TempDir()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("hashiya export --db: %v\n%s", err, stderr.String())
	}
	keepArtifactBytes(t, "export.jsonl", out)
	type spanKey struct {
		who, label string
		start, end int
	}
	got := map[spanKey]int{}
	var words []annotations.Token
	for i, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var r exported
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("export line %d: %v\n%s", i+1, err, line)
		}
		if r.Meta.ID != firstDocID {
			if len(r.Spans) > 0 {
				t.Errorf("spans of %s in %s, which nobody tagged", r.Annotator, r.Meta.ID)
			}
			continue
		}
		if words == nil {
			words = annotations.Tokenize(r.Text)
		}
		text := []rune(r.Text)
		for _, sp := range r.Spans {
			if sp.Start < 0 || sp.End > len(text) || string(text[sp.Start:sp.End]) != sp.Text {
				t.Errorf("%s's %s [%d,%d) %q is not the text at its offsets", r.Annotator, sp.Label, sp.Start, sp.End, sp.Text)
			}
			got[spanKey{r.Annotator, sp.Label, sp.Start, sp.End}]++
		}
	}
	if words == nil {
		t.Fatalf("the export has no record of %s (%d bytes exported)", firstDocID, len(out))
	}
	for _, e := range want {
		w := words[e.word]
		k := spanKey{e.who, e.label, w.Start, w.End}
		if got[k] != 1 {
			t.Errorf("%s's confirmed %s on word %d %q [%d,%d): %d times in the export, want once", e.who, e.label, e.word, w.Text, w.Start, w.End, got[k])
		}
		delete(got, k)
	}
	for k, n := range got {
		t.Errorf("the export has %s's %s [%d,%d) %d times, which no screen confirmed", k.who, k.label, k.start, k.end, n)
	}
}

// TestTwoServersOneSQLiteFile runs the two-server scenario on one SQLite file (no restart:
// SQLite has no server to restart).
func TestTwoServersOneSQLiteFile(t *testing.T) {
	dir := t.TempDir()
	twoServersOneDatabase(t, filepath.Join(dir, "project.db"), nil)
}

// keepArtifactBytes writes b under the artifacts directory, as keepArtifact does for files.
func keepArtifactBytes(t *testing.T, name string, b []byte) {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	keepArtifact(t, p)
}

// startTwoSites makes a team of sara and bob, starts two servers ("a" and "b") on
// database db, and connects sara to the first and bob to the second over ssh.
func startTwoSites(t *testing.T, db string) (bin string, srvA, srvB *server, sara, bob *session) {
	t.Helper()
	need(t, "ssh")
	need(t, "ssh-keygen")
	need(t, "tmux")
	bin = buildHashiya(t)
	dir := t.TempDir()
	for _, who := range []string{"sara", "bob"} {
		keygen(t, filepath.Join(dir, who), who+"@e2e", "")
		out, err := exec.Command(bin, "team", "add", who, "--key", filepath.Join(dir, who+".pub"), "--team", filepath.Join(dir, "team.toml")).CombinedOutput()
		if err != nil {
			t.Fatalf("team add %s: %v\n%s", who, err, out)
		}
	}
	portA, portB := freePort(t), freePort(t)
	srvA = startSite(t, bin, dir, "a", db, portA)
	srvB = startSite(t, bin, dir, "b", db, portB)
	sara = connectWide(t, dir, filepath.Join(dir, "sara"), portA)
	bob = connectWide(t, dir, filepath.Join(dir, "bob"), portB)
	return bin, srvA, srvB, sara, bob
}
