package main

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashiya/hashiya/annotations/store"
	"github.com/spf13/pflag"
)

// defaultDB is the project database beside a training file: annotations.jsonl →
// annotations.db in the same directory.
func defaultDB(out string) string {
	return strings.TrimSuffix(out, filepath.Ext(out)) + ".db"
}

// addDBFlag registers --db on a command; empty means defaultDB of the training file.
func addDBFlag(f *pflag.FlagSet, db *string) {
	f.StringVar(db, "db", "", dbFlagHelp)
}

// dbFlagHelp describes --db on every command that has it.
const dbFlagHelp = "the project database holding every annotator's work: an SQLite file, or a PostgreSQL URL " +
	"(postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?pool_max_conns=10&...]; a team's servers share one); " +
	"default: beside the training file, annotations.jsonl → annotations.db"

// dbShown is a database as errors and the screen show it: a URL without its password.
func dbShown(db string) string { return store.Redact(db) }

// dbMustExist refuses a database file that is not there (a command that reads one never
// creates an empty one); a PostgreSQL database is checked when it is opened.
func dbMustExist(db string) error {
	if store.IsURL(db) {
		return nil
	}
	if _, err := os.Stat(db); err != nil {
		return fmt.Errorf("database %s: %w", db, err)
	}
	return nil
}

// dbStem names files made from a database: its file name without extension, or the
// PostgreSQL database's name.
func dbStem(db string) string {
	if store.IsURL(db) {
		if u, err := url.Parse(db); err == nil && strings.Trim(u.Path, "/") != "" {
			return strings.Trim(u.Path, "/")
		}
		return "postgres"
	}
	return strings.TrimSuffix(filepath.Base(db), filepath.Ext(db))
}

// dbPath is the database a command uses: --db, else the one beside out.
func dbPath(db, out string) string {
	if db != "" {
		return db
	}
	return defaultDB(out)
}
