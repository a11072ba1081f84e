package main

import (
	"os/user"
	"testing"
)

// Without USER and LOGNAME the reader refused to start ("annotator \"\"").
func TestAnnotatorWithoutUserVariableIsTheAccountName(t *testing.T) {
	u, err := user.Current()
	if err != nil || u.Username == "" {
		t.Fatalf("no account name to compare with: %v", err)
	}
	t.Setenv("USER", "")
	t.Setenv("LOGNAME", "")
	if got := loginName(); got != u.Username {
		t.Fatalf("loginName() = %q, want the account's %q", got, u.Username)
	}
	t.Setenv("LOGNAME", "sara")
	if got := loginName(); got != "sara" {
		t.Fatalf("with LOGNAME=sara: %q", got)
	}
	t.Setenv("USER", "omid")
	if got := loginName(); got != "omid" {
		t.Fatalf("with USER=omid: %q", got)
	}
}
