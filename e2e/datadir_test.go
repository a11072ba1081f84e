package e2e

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// treeFiles lists the files under root, .git aside.
func treeFiles(t *testing.T, root string) map[string]bool {
	t.Helper()
	files := map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Name() == ".git" {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			files[p] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// The README's first command, `go run ./cmd/hashiya`, run in the source tree wrote
// annotations.jsonl and its database there. The reader started in the tree with no
// --out or --db, an edit made and saved, leaves the tree as it was; the work is in
// $XDG_DATA_HOME/hashiya/sample, and the first screen says so.
func TestReaderInTheSourceTreeLeavesNoFileThere(t *testing.T) {
	bin := buildHashiya(t)
	need(t, "tmux")
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	before := treeFiles(t, root)
	home := t.TempDir()
	data := filepath.Join(home, "data")
	env := []string{"HOME=" + home, "XDG_DATA_HOME=" + data, "XDG_CONFIG_HOME=" + home, "XDG_STATE_HOME=" + home, "USER=e2e", "TERM=tmux-256color"}
	s := &session{t: t, sock: filepath.Join(t.TempDir(), "tmux.sock")}
	args := []string{"-S", s.sock, "-f", "/dev/null", "new-session", "-d", "-c", root, "-x", strconv.Itoa(140), "-y", strconv.Itoa(30)}
	for _, e := range env {
		args = append(args, "-e", e)
	}
	args = append(args, bin+"; echo HASHIYA-EXIT=$?; sleep 60")
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "-S", s.sock, "kill-server").Run() })

	// The status line saying where the work goes comes with the first frames, not
	// always with the first one: wait for it rather than read it once.
	s.waitFor("▸1/5")
	s.waitFor("annotations → ~/data/hashiya/sample/annotations.db")
	s.waitMatch(firstDocRead)
	s.keys("1")
	s.waitFor("saved 1 edit")
	s.keys("q")
	s.waitFor("HASHIYA-EXIT=0")

	for _, f := range []string{"annotations.jsonl", "annotations.db"} {
		if _, err := os.Stat(filepath.Join(data, "hashiya", "sample", f)); err != nil {
			t.Errorf("the work is not in the data directory: %v", err)
		}
	}
	for f := range treeFiles(t, root) {
		if !before[f] {
			t.Errorf("the reader left %s in the source tree", f)
		}
	}
}
