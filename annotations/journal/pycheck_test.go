package journal

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPythonOffsetCheck runs scripts/check_offsets.py on a file the store
// wrote, and on a damaged copy: Python's str indices must agree with ours.
func TestPythonOffsetCheck(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("python3 missing in CI; .ci/run installs it")
		}
		t.Skip("python3 not installed")
	}
	script := filepath.Join("..", "..", "scripts", "check_offsets.py")
	_, good := sampleFile(t)
	// Add the emoji/CRLF document too: UTF-16 or byte offsets would fail here.
	s := openT(t, filepath.Dir(good))
	mustSpan(t, s, mixed, "GPE", "بيونج يانج")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, script, good).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "3 records, 4 spans, 1 claims checked: OK") {
		t.Fatalf("check_offsets.py on a good file: %v\n%s", err, out)
	}
	b, _ := os.ReadFile(good)
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(bad, []byte(strings.Replace(string(b), `"start":21`, `"start":22`, 1)), 0o644)
	out, err = exec.Command(py, script, good, bad).CombinedOutput()
	if err == nil || !strings.Contains(string(out), bad+":") || !strings.Contains(string(out), "problem") {
		t.Fatalf("check_offsets.py missed a bad offset: %v\n%s", err, out)
	}
}
