package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeReviewerReviewsOverSSH: two annotators' versions of one document
// in the project database; a reviewer connects with `ssh -t ... review`,
// accepts the first difference into gold and quits; an annotator asking
// for the review screen is refused; gold's export has the span.
func TestServeReviewerReviewsOverSSH(t *testing.T) {
	need(t, "ssh")
	need(t, "ssh-keygen")
	need(t, "tmux")
	bin := buildHashiya(t)
	dir := t.TempDir()
	// الروسية at [5,12): sara says ORG, reza GPE, a label conflict.
	two := `{"text":"قالت الروسية أمس","meta":{"id":"r1"},"spans":[{"start":5,"end":12,"label":"ORG"}],"answer":"accept","_annotator_id":"sara"}
{"text":"قالت الروسية أمس","meta":{"id":"r1"},"spans":[{"start":5,"end":12,"label":"GPE"}],"answer":"accept","_annotator_id":"reza"}
`
	in := filepath.Join(dir, "two.jsonl")
	os.WriteFile(in, []byte(two), 0o644)
	db := filepath.Join(dir, "project.db")
	if out, err := exec.Command(bin, "import", "--db", db, in).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	team := filepath.Join(dir, "team.toml")
	for _, m := range []struct{ who, role string }{{"reza", "annotator"}, {"rana", "reviewer"}} {
		keygen(t, filepath.Join(dir, m.who), m.who+"@e2e", "")
		out, err := exec.Command(bin, "team", "add", m.who, "--key", filepath.Join(dir, m.who+".pub"), "--role", m.role, "--team", team).CombinedOutput()
		if err != nil {
			t.Fatalf("team add %s: %v\n%s", m.who, err, out)
		}
	}
	port := freePort(t)
	srv := startServer(t, bin, dir, port)

	review := func(who string) *session {
		cmd := "ssh " + strings.Join(sshArgs(dir, filepath.Join(dir, who), port, "-t"), " ") + " review; echo SSH-EXIT=$?; sleep 60"
		return startSession(t, 140, 40, sshEnv(dir), cmd)
	}
	s := review("rana")
	s.waitFor("review · doc 1 of 1 · r1 · not reviewed")
	s.waitFor("label conflict:")
	s.keys("Enter") // the focused pane's first difference
	s.waitFor("accepted into gold:")
	s.waitFor("r1 · in review")
	s.keys("q")
	s.waitFor("SSH-EXIT=0")

	a := review("reza")
	a.waitFor("the review screen is for reviewers and admins; reza is an annotator")
	a.waitFor("SSH-EXIT=1")
	srv.stop(t)

	out, err := exec.Command(bin, "export", "--format", "prodigy", "--db", db, "--annotator", "gold").CombinedOutput()
	if err != nil || !strings.Contains(string(out), `"start":5,"end":12`) || !strings.Contains(string(out), `"_annotator_id":"gold"`) {
		t.Fatalf("gold's export: %v\n%s", err, out)
	}
}
