package serve

import (
	"strings"
	"testing"

	"charm.land/wish/v2/testsession"
	"github.com/hashiya/hashiya/annotations"
	"github.com/hashiya/hashiya/model"
	gossh "golang.org/x/crypto/ssh"
)

// openCommand is openReader asking for command instead of the shell, as
// `ssh -t -p PORT HOST command` does.
func (f *fixture) openCommand(cfg *gossh.ClientConfig, command string) *reader {
	f.t.Helper()
	sess, err := testsession.NewClientSession(f.t, f.addr, cfg)
	if err != nil {
		f.t.Fatal(err)
	}
	r := &reader{t: f.t, sess: sess, out: &syncBuffer{}, done: make(chan error, 1)}
	sess.Stdout = r.out
	sess.Stderr = r.out
	if r.in, err = sess.StdinPipe(); err != nil {
		f.t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 40, 160, gossh.TerminalModes{}); err != nil {
		f.t.Fatal(err)
	}
	if err := sess.Start(command); err != nil {
		f.t.Fatal(err)
	}
	go func() { r.done <- sess.Wait() }()
	return r
}

// typed is a binding's first key as a terminal sends it.
func typed(k string) string {
	switch k {
	case "enter":
		return "\r"
	case "space":
		return " "
	}
	return k
}

// seedTwoVersions gives sara and bob each a different span in the first
// sample document: two differences for the review screen.
func seedTwoVersions(t *testing.T, f *fixture) string {
	t.Helper()
	doc, err := model.Sample().Load(0)
	if err != nil {
		t.Fatal(err)
	}
	info := annotations.DocInfo{ID: doc.ID, Text: doc.Text.String()}
	for name, sp := range map[string][2]int{"sara": {0, 3}, "bob": {5, 9}} {
		s, err := f.db.Session(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Apply(annotations.AddSpan{Doc: info, Label: "PERSON", Start: sp[0], End: sp[1]}); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	return doc.ID
}

func TestReviewerGetsTheReviewScreenAndAcceptsIntoGold(t *testing.T) {
	f := newFixture(t, 0, "sara", "bob", "rev:reviewer")
	docID := seedTwoVersions(t, f)
	f.start(f.config())
	rev := f.openCommand(f.clientConfig("rev", f.keys["rev"]), reviewCommand)
	rev.waitFor("review · doc 1 of 1 · " + docID + " · not reviewed")
	rev.waitFor("▶ bob") // panes in annotator order; bob's is focused
	rev.press(typed(keys.ReviewAcceptItem.Keys()[0]))
	rev.waitFor("accepted into gold")
	rev.press(typed(keys.ReviewQuit.Keys()[0]))
	if err := rev.wait(); err != nil {
		t.Fatalf("the review session ended with %v:\n%s", err, rev.screen())
	}
	if !strings.Contains(f.logBuf.String(), "annotator=rev role=reviewer screen=review") {
		t.Fatalf("the log does not say rev opened the review screen:\n%s", f.logBuf.String())
	}
	prov, err := f.db.Provenance(docID)
	if err != nil || len(prov) != 1 {
		t.Fatalf("gold's provenance: %+v %v", prov, err)
	}
	if p := prov[0]; p.Kind != "span" || strings.Join(p.Sources, ",") != "bob" || p.DecidedBy != "rev" {
		t.Fatalf("gold's item %+v: want bob's span decided by rev", p)
	}
}

func TestAnnotatorRefusedTheReviewScreen(t *testing.T) {
	f := newFixture(t, 0, "sara", "bob")
	docID := seedTwoVersions(t, f)
	f.start(f.config())
	bob := f.openCommand(f.clientConfig("bob", f.keys["bob"]), reviewCommand)
	err := bob.wait()
	if exitStatus(err) != 1 {
		t.Fatalf("an annotator's review: exit %v, want status 1", err)
	}
	if want := "the review screen is for reviewers and admins; bob is an annotator"; !strings.Contains(bob.screen(), want) {
		t.Fatalf("an annotator was told %q, want %q", bob.screen(), want)
	}
	prov, _ := f.db.Provenance(docID)
	if len(prov) != 0 {
		t.Fatalf("gold has %+v", prov)
	}
}
