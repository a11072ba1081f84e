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

// relabel rewrites the PERSON span of the annotated file as label.
func relabel(t *testing.T, path, label string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "relabelled.jsonl")
	os.WriteFile(out, bytes.ReplaceAll(b, []byte(`"label":"PERSON"`), []byte(`"label":"`+label+`"`)), 0o644)
	return out
}

func TestValidateCmdPassedLabelsOutsideSchema(t *testing.T) {
	bad := relabel(t, annotated(t), "WEAPON")
	if _, _, err := run(t, newValidateCmd(), bad); err != nil {
		t.Fatalf("without --labels any label passes: %v", err)
	}
	labels := filepath.Join(t.TempDir(), "news.toml")
	os.WriteFile(labels, []byte("[[labels]]\nname='PERSON'\nkey='1'\ncolor='#000000'\n[[labels]]\nname='GPE'\nkey='2'\ncolor='#000001'\n"), 0o644)
	out, _, err := run(t, newValidateCmd(), "--labels", labels, bad)
	if err == nil || !strings.Contains(out, bad+":1: spans[0] s1 [13,16): label \"WEAPON\" is not in "+labels) {
		t.Fatalf("label outside the schema: %v\n%s", err, out)
	}
	if out, _, err := run(t, newValidateCmd(), "--labels", labels, annotated(t)); err != nil {
		t.Fatalf("good file against its schema: %v\n%s", err, out)
	}
}

func TestExportRefusesWhatValidateRefuses(t *testing.T) {
	in := annotated(t)
	b, _ := os.ReadFile(in)
	dangling := filepath.Join(t.TempDir(), "dangling.jsonl")
	os.WriteFile(dangling, bytes.Replace(b, []byte(`"claimant":{}`), []byte(`"claimant":{"span_id":"s9"}`), 1), 0o644)
	for _, format := range []string{"doccano", "claims", "prodigy"} {
		_, errOut, err := run(t, newExportCmd(), "--format", format, dangling)
		if err == nil || !strings.Contains(errOut, dangling+":1: claims[0] c1: claimant span_id \"s9\" is not a span") {
			t.Fatalf("%s exported a claimant that does not exist: %v\n%s", format, err, errOut)
		}
	}
}
