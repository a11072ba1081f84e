package main

import (
	"strings"
	"testing"
)

func TestLabelsCmd(t *testing.T) {
	withConfig(t, "") // not the config of whoever runs the tests
	out, _, err := run(t, newLabelsCmd())
	if err != nil || !strings.Contains(out, "PERSON") || !strings.Contains(out, "BOILERPLATE") {
		t.Fatalf("%v\n%s", err, out)
	}
	out, _, err = run(t, newLabelsCmd(), "--labels", "../../annotations/testdata/labels.toml")
	if err != nil || !strings.Contains(out, "WEAPON") {
		t.Fatalf("%v\n%s", err, out)
	}
}
