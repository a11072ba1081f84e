package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/tui"
	gossh "golang.org/x/crypto/ssh"
)

var keys = tui.DefaultKeyMap()

func TestNextKeyGoesToTheNextUnansweredAssignedDocument(t *testing.T) {
	f := newFixture(t, 1, "sara", "bob")
	srv := f.start(f.config())
	mine := srv.Assigned("sara")
	if len(mine) < 2 {
		t.Fatalf("sara has %v of the sample's 5 documents; the test needs two", mine)
	}
	r := f.openReader(f.clientConfig("sara", f.keys["sara"]))
	r.waitFor(fmt.Sprintf("mine 0/%d", len(mine)))
	r.press(keys.NextAssigned.Keys()[0])
	r.waitFor(fmt.Sprintf("doc %d,", mine[0]+1))
	r.press(keys.Accept.Keys()[0])
	r.waitFor(fmt.Sprintf("mine 1/%d", len(mine)))
	r.waitFor(fmt.Sprintf("team 1/%d", 5)) // overlap 1: five assignments in all
	r.press(keys.NextAssigned.Keys()[0])
	r.waitFor(fmt.Sprintf("doc %d,", mine[1]+1))
	r.press(keys.Quit.Keys()[0])
	if err := r.wait(); err != nil {
		t.Fatal(err)
	}
}

// TestRoutingStableAcrossRestarts: a second server on the same files routes the same,
// and the first one's answers count in the second's "next".
func TestRoutingStableAcrossRestarts(t *testing.T) {
	f := newFixture(t, 2, "sara", "bob", "leila")
	a, err := New(f.config())
	if err != nil {
		t.Fatal(err)
	}
	first := a.Assigned("sara")
	sess, err := f.db.Session("sara")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := a.cfg.Corpus.Load(first[0])
	if err != nil {
		t.Fatal(err)
	}
	info := annotations.DocInfo{ID: doc.ID, Text: string(doc.Text)}
	if _, err := sess.Apply(annotations.AddSpan{Doc: info, Label: "PERSON", Start: 0, End: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := sess.Apply(annotations.Answer{Doc: doc.ID, Answer: "accept"}); err != nil {
		t.Fatal(err)
	}
	sess.Close()
	b, err := New(f.config())
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(b.Assigned("sara")) != fmt.Sprint(first) {
		t.Fatalf("after a restart sara has %v, before %v", b.Assigned("sara"), first)
	}
	next, ok, err := b.teamFor(Member{Name: "sara", Role: RoleAnnotator}, nil).Next(-1)
	if err != nil || !ok || next == first[0] {
		t.Fatalf("next after a restart: %d %v %v; want the first unanswered of %v (not %d, answered)", next, ok, err, first, first[0])
	}
}

// TestReviewerSeesOthersAnnotatorDoesNot: sara tags a word; a reviewer's O lists it,
// bob's (an annotator) is refused.
func TestReviewerSeesOthersAnnotatorDoesNot(t *testing.T) {
	f := newFixture(t, 0, "sara", "bob", "rev:reviewer")
	f.start(f.config())
	sara := f.openReader(f.clientConfig("sara", f.keys["sara"]))
	sara.waitReady("sara")
	sara.press("1") // the first label of the default schema on the word under the cursor
	sara.waitFor("saved 1 edit")
	rev := f.openReader(f.clientConfig("rev", f.keys["rev"]))
	rev.waitReady("rev")
	rev.press(keys.Others.Keys()[0])
	rev.waitFor("sara  PERSON  0–")
	bob := f.openReader(f.clientConfig("bob", f.keys["bob"]))
	bob.waitReady("bob")
	bob.press(keys.Others.Keys()[0])
	bob.waitFor(errNotReviewer.Error())
	for _, r := range []*reader{sara, rev, bob} {
		r.press(keys.Quit.Keys()[0], keys.Quit.Keys()[0]) // close the list (rev), then quit
		if err := r.wait(); err != nil {
			t.Fatal(err)
		}
	}
}

// panickyTeam panics in Progress, which a reader calls at start.
type panickyTeam struct{ tui.Team }

func (panickyTeam) Progress() (string, error) { panic("injected") }

func TestPanicEndsThatSessionOnly(t *testing.T) {
	f := newFixture(t, 0, "sara", "bob")
	cfg := f.config()
	srv := f.start(cfg)
	srv.newTeam = func(m Member) tui.Team {
		t := memberTeam{s: srv, m: m}
		if m.Name == "bob" {
			return panickyTeam{t}
		}
		return t
	}
	sara := f.openReader(f.clientConfig("sara", f.keys["sara"]))
	sara.waitReady("sara")
	bob := f.openReader(f.clientConfig("bob", f.keys["bob"]))
	if st := exitStatus(bob.wait()); st == 0 {
		t.Fatalf("bob's session panicked and ended with status 0")
	}
	if out := bob.out.String(); !strings.HasSuffix(out, terminalGivenBack) {
		t.Errorf("after the panic bob's terminal was not given back its modes; output ends %q", out[max(0, len(out)-60):])
	}
	if !strings.Contains(f.logBuf.String(), "annotator=bob") || !strings.Contains(f.logBuf.String(), "panic") {
		t.Errorf("the panic is not logged for bob:\n%s", f.logBuf.String())
	}
	sara.press("1")
	sara.waitFor("saved 1 edit") // sara's session goes on
	// bob can come back: his store session was released.
	srv.newTeam = nil
	again := f.openReader(f.clientConfig("bob", f.keys["bob"]))
	again.waitReady("bob")
	again.press(keys.Quit.Keys()[0])
	sara.press(keys.Quit.Keys()[0])
	if err := again.wait(); err != nil {
		t.Fatal(err)
	}
	if err := sara.wait(); err != nil {
		t.Fatal(err)
	}
}

func TestPerKeySessionLimit(t *testing.T) {
	f := newFixture(t, 0, "sara")
	f.start(f.config())
	first := f.openReader(f.clientConfig("sara", f.keys["sara"]))
	first.waitReady("sara")
	second := f.openReader(f.clientConfig("sara", f.keys["sara"]))
	if st := exitStatus(second.wait()); st != 1 {
		t.Fatalf("a second session of one key: exit %d, want 1", st)
	}
	if !strings.Contains(second.screen(), "already has 1 session(s) open") {
		t.Errorf("the second session was not told why:\n%s", second.screen())
	}
	first.press(keys.Quit.Keys()[0])
	if err := first.wait(); err != nil {
		t.Fatal(err)
	}
}

func TestIdleSessionClosed(t *testing.T) {
	f := newFixture(t, 0, "sara")
	cfg := f.config()
	cfg.IdleTimeout = 300 * time.Millisecond
	f.start(cfg)
	r := f.openReader(f.clientConfig("sara", f.keys["sara"]))
	r.waitReady("sara")
	r.wait() // ends without a key: the connection was idle
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(f.logBuf.String(), "disconnect") {
		if time.Now().After(deadline) {
			t.Fatalf("no disconnect logged:\n%s", f.logBuf.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestShutdownTellsSessionsAndKeepsEveryEdit is what SIGTERM does in hashiya serve.
func TestShutdownTellsSessionsAndKeepsEveryEdit(t *testing.T) {
	f := newFixture(t, 0, "sara", "bob")
	cfg := f.config()
	srv := f.start(cfg)
	var rs []*reader
	for _, who := range []string{"sara", "bob"} {
		r := f.openReader(f.clientConfig(who, f.keys[who]))
		r.waitReady(who)
		r.press("1")
		r.waitFor("saved 1 edit")
		rs = append(rs, r)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	for _, r := range rs {
		if err := r.wait(); err != nil {
			t.Errorf("a session ended by shutdown: %v", err)
		}
		if !strings.Contains(r.screen(), "the server is stopping") {
			t.Errorf("a session was not told of the shutdown:\n%s", r.screen())
		}
	}
	b, err := os.ReadFile(cfg.Out)
	if err != nil {
		t.Fatal(err)
	}
	for _, who := range []string{"sara", "bob"} {
		if !strings.Contains(string(b), `"_annotator_id":"`+who+`"`) {
			t.Errorf("the training file has no record of %s:\n%s", who, b)
		}
	}
}

// colourSGR matches an SGR sequence that sets a foreground or background colour.
var colourSGR = regexp.MustCompile(`\x1b\[(?:[0-9]+;)*(?:3[0-8]|9[0-7]|4[0-8]|10[0-7])(?:;[0-9]+)*m`)

// TestColoursFollowTheSessionNotTheServer: the server runs with a truecolor
// environment; a client that sends NO_COLOR gets no colour at all, one with TERM
// xterm-256color alone gets no 24-bit colour.
func TestColoursFollowTheSessionNotTheServer(t *testing.T) {
	t.Setenv("COLORTERM", "truecolor")
	t.Setenv("NO_COLOR", "")
	f := newFixture(t, 0, "sara", "bob")
	f.start(f.config())
	plain := f.openReaderEnv(f.clientConfig("sara", f.keys["sara"]), "NO_COLOR", "1")
	plain.waitReady("sara")
	if m := colourSGR.FindString(plain.out.String()); m != "" {
		t.Errorf("NO_COLOR from the client, yet colours were sent: %q", m)
	}
	c256 := f.openReader(f.clientConfig("bob", f.keys["bob"]))
	c256.waitReady("bob")
	out := c256.out.String()
	if strings.Contains(out, "38;2;") || strings.Contains(out, "48;2;") {
		t.Errorf("a 256-colour client got 24-bit colour: the server's COLORTERM leaked in")
	}
	if !strings.Contains(out, "38;5;") && !strings.Contains(out, "48;5;") {
		t.Errorf("a 256-colour client got no 256-colour SGR at all")
	}
	for _, r := range []*reader{plain, c256} {
		r.press(keys.Quit.Keys()[0])
		r.wait()
	}
}

// terminalGivenBack is what a reader writes last: the painter's modes undone (kitty
// keyboard, modifyOtherKeys, bracketed paste, autowrap, cursor, alternate screen), then
// BDSM back to implicit.
const terminalGivenBack = "\x1b[<u\x1b[>4;0m\x1b[?2004l\x1b[?7h\x1b[?25h\x1b[?1049l\x1b[8h"

func TestResizeAndTerminalGivenBackAtQuit(t *testing.T) {
	f := newFixture(t, 0, "sara")
	f.start(f.config())
	r := f.openReader(f.clientConfig("sara", f.keys["sara"]))
	r.waitReady("sara")
	r.waitFor("doc 1,2,3 of 5") // 120 columns: three panes
	if err := r.sess.WindowChange(30, 60); err != nil {
		t.Fatal(err)
	}
	r.waitFor("1:000_") // 60 columns: one pane and a tab strip («1:000_…» is the first tab)
	r.press(keys.Quit.Keys()[0])
	if err := r.wait(); err != nil {
		t.Fatal(err)
	}
	if out := r.out.String(); !strings.HasSuffix(out, terminalGivenBack) {
		t.Errorf("at quit the terminal was not given back its modes; output ends %q", out[max(0, len(out)-60):])
	}
}

// TestOneAnnotatorTwoKeysShareTheirWork: two keys of one member, two sessions at once;
// both edit through the one store session the annotator may hold.
func TestOneAnnotatorTwoKeysShareTheirWork(t *testing.T) {
	f := newFixture(t, 0, "sara")
	second := newSigner(t)
	pub := filepath.Join(f.dir, "sara2.pub")
	os.WriteFile(pub, gossh.MarshalAuthorizedKey(second.PublicKey()), 0o644)
	if _, err := AddMember(f.team, "sara", "", pub); err != nil {
		t.Fatal(err)
	}
	f.start(f.config())
	a := f.openReader(f.clientConfig("sara", f.keys["sara"]))
	a.waitReady("sara")
	b := f.openReader(f.clientConfig("sara", second))
	b.waitReady("sara")
	a.press("1")
	a.waitFor("saved 1 edit")
	b.press("w", "2")
	b.waitFor("saved 1 edit")
	a.press(keys.Quit.Keys()[0])
	if err := a.wait(); err != nil {
		t.Fatal(err)
	}
	b.press("w", "3") // the first session's end left the second's store session open
	b.waitFor("GPE «")
	b.press(keys.Quit.Keys()[0])
	if err := b.wait(); err != nil {
		t.Fatal(err)
	}
}
