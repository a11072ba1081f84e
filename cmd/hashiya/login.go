package main

import (
	"os"
	"os/user"
)

// loginName is who runs hashiya, the default annotator and reviewer: $USER, else
// $LOGNAME, else the account's name (a container, cron or a bare tmux may set
// neither variable).
func loginName() string {
	for _, v := range []string{"USER", "LOGNAME"} {
		if n := os.Getenv(v); n != "" {
			return n
		}
	}
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return ""
}
