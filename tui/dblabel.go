package tui

import (
	"net/url"
	"path/filepath"
	"strings"
)

// dbLabel is the database as the header names it: a file's name, or a
// PostgreSQL URL's database and host (its path's last part would be the
// query, a socket directory and all).
func dbLabel(db string) string {
	u, err := url.Parse(db)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return filepath.Base(db)
	}
	name := strings.TrimPrefix(u.Path, "/")
	if name == "" {
		name = u.Query().Get("dbname")
	}
	if h := u.Hostname(); h != "" {
		return name + "@" + h
	}
	return name
}
