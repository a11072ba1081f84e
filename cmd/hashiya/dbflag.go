package main

import (
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"
)

// defaultDB is the project database beside a training file: annotations.jsonl →
// annotations.db in the same directory.
func defaultDB(out string) string {
	return strings.TrimSuffix(out, filepath.Ext(out)) + ".db"
}

// addDBFlag registers --db on a command; empty means defaultDB of the training file.
func addDBFlag(f *pflag.FlagSet, db *string) {
	f.StringVar(db, "db", "", "the project database (SQLite) holding every annotator's work; default: beside the training file, annotations.jsonl → annotations.db")
}

// dbPath is the database a command uses: --db, else the one beside out.
func dbPath(db, out string) string {
	if db != "" {
		return db
	}
	return defaultDB(out)
}
