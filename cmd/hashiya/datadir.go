package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

const sampleDir = "sample" // the embedded corpus's directory in dataDir

// dataDir is where the reader keeps its work unless told otherwise:
// $XDG_DATA_HOME/hashiya, else ~/.local/share/hashiya (XDG Base Directory spec). Not the
// working directory: running the reader, or the README's first command, in a source
// tree must leave no file in it.
func dataDir() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "hashiya"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no place for the annotations: set XDG_DATA_HOME or HOME, or give --out and --db (%v)", err)
	}
	return filepath.Join(home, ".local", "share", "hashiya"), nil
}

// corpusDir names a corpus's directory in dataDir: "sample" for the embedded corpus,
// else the corpus's name made safe for a file name and 8 hex digits of its absolute
// paths, so two corpora of one name (two news.jsonl) keep their work apart.
func corpusDir(args []string) string {
	if len(args) == 0 {
		return sampleDir
	}
	abs := make([]string, len(args))
	for i, a := range args {
		p, err := filepath.Abs(a)
		if err != nil {
			p = a
		}
		abs[i] = filepath.Clean(p)
	}
	sum := sha256.Sum256([]byte(strings.Join(abs, "\x00")))
	name := strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == 0 || r < 0x20 || r == ':' {
			return '_'
		}
		return r
	}, corpusName(args))
	if r := []rune(name); len(r) > 40 {
		name = string(r[:40])
	}
	name = strings.Trim(name, ". ")
	if name == "" {
		name = "corpus"
	}
	return name + "-" + hex.EncodeToString(sum[:4])
}

// readerFiles is where the reader's work goes: the training file (--out) and the
// database (--db). Either one not given: the training file goes to the corpus's
// directory in dataDir (made if missing), the database beside the training file.
func readerFiles(args []string, out, db string) (string, string, error) {
	if out == "" {
		dir, err := dataDir()
		if err != nil {
			return "", "", err
		}
		dir = filepath.Join(dir, corpusDir(args))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", "", err
		}
		out = filepath.Join(dir, "annotations.jsonl")
	}
	return out, dbPath(db, out), nil
}

// oldDefaultNotice warns when the working directory holds the training file of the
// earlier default (./annotations.jsonl) while the work now goes elsewhere.
func oldDefaultNotice(outGiven bool, out string) string {
	if outGiven {
		return ""
	}
	if _, err := os.Stat("annotations.jsonl"); errors.Is(err, os.ErrNotExist) || err != nil {
		return ""
	}
	return fmt.Sprintf("./annotations.jsonl (the default of earlier versions) is not read: the work goes to %s; give --out annotations.jsonl to go on with it", out)
}
