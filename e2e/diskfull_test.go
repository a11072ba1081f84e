package e2e

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// smallDisk mounts a 2 MB tmpfs for the test (root only) and returns its path.
func smallDisk(t *testing.T) string {
	t.Helper()
	if os.Geteuid() != 0 {
		if os.Getenv("CI") != "" {
			t.Fatal("the disk-full test needs root in CI to mount a tmpfs")
		}
		t.Skip("not root: cannot mount a size-limited tmpfs")
	}
	dir := filepath.Join(t.TempDir(), "disk")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Fatalf("mount tmpfs: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

// fill writes a file until the disk has no room left.
func fill(t *testing.T, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 4096)
	for {
		if _, err := f.Write(buf); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			return
		}
	}
}

// TestDiskFullRefusesEditKeepsConfirmed runs the reader on a database on a full disk:
// the edit is refused on screen, the confirmed one is kept, and the edit goes through
// once space is back.
func TestDiskFullRefusesEditKeepsConfirmed(t *testing.T) {
	bin := buildHashiya(t)
	disk := smallDisk(t)
	dir := t.TempDir()
	out := filepath.Join(disk, "annotations.jsonl")
	s := startSession(t, 120, 40, annotatorEnv(dir), readerCmd(bin, out))
	s.waitFor("▸1/5")
	s.waitMatch(firstDocRead)
	s.keys("1")
	s.waitFor("saved 1 edit")
	filler := filepath.Join(disk, "filler")
	fill(t, filler)
	s.keys("w", "1")
	scr := s.waitFor("NOT SAVED")
	if !strings.Contains(scr, "full") && !strings.Contains(scr, "space") {
		t.Errorf("the refusal does not say the disk is full:\n%s", scr)
	}
	if strings.Contains(scr, "saved 2 edit") {
		t.Fatalf("an edit on a full disk was confirmed:\n%s", scr)
	}
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	s.keys("1")
	s.waitFor("saved 2 edit")
	s.keys("q")
	s.waitFor("HASHIYA-EXIT=0")
	persons := 0
	for _, r := range readRecords(t, out) {
		for _, sp := range r.Spans {
			if sp.Label == "PERSON" {
				persons++
			}
		}
	}
	if persons != 2 {
		t.Fatalf("%d PERSON spans in %s, want the 2 confirmed", persons, out)
	}
}
