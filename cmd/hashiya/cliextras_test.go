package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/hashiya/hashiya/annotations/export"
)

func runArgs(t *testing.T, args ...string) string {
	t.Helper()
	root := newRootCmd()
	var out, errw bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errw)
	if err := executeArgs(context.Background(), root, args); err != nil {
		t.Fatalf("hashiya %q: %v\n%s", args, err, errw.String())
	}
	return out.String()
}

// --help printed every line padded with spaces to the terminal's width.
func TestHelpHasNoTrailingSpaces(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"export", "--help"}, {"help", "import"}} {
		out := runArgs(t, args...)
		if !strings.Contains(out, "hashiya") {
			t.Fatalf("%q printed no help:\n%s", args, out)
		}
		for i, line := range strings.Split(sgr.ReplaceAllString(out, ""), "\n") {
			if strings.HasSuffix(line, " ") {
				t.Errorf("%q: line %d ends in spaces: %q", args, i+1, line)
			}
		}
	}
}

// Shell completion offered file names after --format; it offers the formats.
func TestCompletionOffersFormatValues(t *testing.T) {
	got := runArgs(t, "__complete", "export", "--format", "")
	for _, f := range export.Formats {
		if !strings.Contains(got, f+"\n") {
			t.Errorf("export --format completion lacks %s:\n%s", f, got)
		}
	}
	if got := runArgs(t, "__complete", "import", "--format", ""); !strings.HasPrefix(got, "auto\n") || !strings.Contains(got, "doccano\n") {
		t.Errorf("import --format completion:\n%s", got)
	}
	if got := runArgs(t, "__complete", "--bidi", ""); got[:len("app\nterminal\n")] != "app\nterminal\n" {
		t.Errorf("--bidi completion:\n%s", got)
	}
}
