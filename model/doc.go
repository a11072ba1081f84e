// Package model is hashiya's data layer: it opens corpora (text files, JSONL, gzipped
// JSONL, the embedded sample), loads documents on demand, detects their language and
// searches them with Arabic/Persian-aware normalization.
//
// Every offset into a document is a code point of Document.Text (a Python str index), not
// a byte; byte offsets appear only in Warnings, where they point into the file on disk. The
// text is held once, as UTF-8 with a sparse index (text/doctext), not as a []rune: a 50 MB
// document costs 50 MB.
//
// The package knows nothing about screens: it must not import Bubble Tea or layout code.
package model

import (
	"fmt"
	"path/filepath"
	"strconv"

	"github.com/hashiya/hashiya/text/doctext"
)

// Document is one loaded document. Documents returned by Corpus.Load are shared with
// the corpus's cache: treat them as read-only.
type Document struct {
	ID     string         // the JSONL "id", else "<file>:<line>" (JSONL) or the file's base name
	Source string         // the file path, or "path:line" for a JSONL document
	Text   doctext.Text   // exactly what was read (minus a UTF-8 BOM), made valid UTF-8; CRLF is kept
	Meta   map[string]any // JSONL "meta" object plus any other unknown top-level fields; nil for text files
	Lang   string         // "ar", "fa", "ur", "he", "en" or "und" (DetectLang)

	// Warnings are the problems met while reading this document (invalid UTF-8, very long
	// paragraphs, ...). They are also reported by Corpus.Warnings once the document is loaded.
	Warnings []Warning
}

// RTL reports whether the document's title and paragraphs default to right-to-left.
func (d *Document) RTL() bool { return Direction(d.Lang) }

// Warning is a non-fatal problem with the input: the corpus still opens.
type Warning struct {
	File   string // path as given (or as found in a directory)
	Line   int    // 1-based line in File; 0 when the warning is about the whole file
	Offset int64  // byte offset in File the warning points at; -1 when not relevant
	Msg    string // says what happened and what was done about it
}

// String formats w like a compiler message: "corpus.jsonl:17: line has no "text" field,
// skipped" (or "file: msg" when Line is 0). Byte offsets, when relevant, are in Msg.
func (w Warning) String() string {
	if w.Line > 0 {
		return w.File + ":" + strconv.Itoa(w.Line) + ": " + w.Msg
	}
	return w.File + ": " + w.Msg
}

// Range is a half-open range [Start, End) of code-point offsets into Document.Text.
type Range struct{ Start, End int }

func warnf(file string, line int, off int64, format string, args ...any) Warning {
	return Warning{File: file, Line: line, Offset: off, Msg: fmt.Sprintf(format, args...)}
}

// defaultID is the id of a JSONL document that has none.
func defaultID(file string, line int) string {
	return filepath.Base(file) + ":" + strconv.Itoa(line)
}

// mb formats a byte count the way warnings show it ("50.0 MB", decimal megabytes).
func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }
