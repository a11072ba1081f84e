package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestValidateCmd(t *testing.T) {
	good := annotated(t)
	if out, _, err := run(t, newValidateCmd(), good); err != nil || !strings.Contains(out, "OK") {
		t.Fatalf("good file: %v %s", err, out)
	}
	b, _ := os.ReadFile(good)
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(bad, append(append(b, "{oops\n"...), bytes.ReplaceAll(b, []byte(`"Kim"`), []byte(`"Kin"`))...), 0o644)
	out, _, err := run(t, newValidateCmd(), good, bad)
	if err == nil || !strings.Contains(out, bad+":2: bad JSON") || !strings.Contains(out, bad+":3: spans[0] s1 [13,16)") {
		t.Fatalf("bad file: %v\n%s", err, out)
	}
}
