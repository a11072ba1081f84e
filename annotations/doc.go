// Package annotations stores, validates and exports span, claim and document
// annotations made in hashiya. Its output is training data, so the package is
// built around one rule: an accepted edit is never lost or silently altered.
//
// Every Store method that changes state appends one checksummed line to the
// annotator's journal and fsyncs it before returning nil. Flush then rewrites
// the annotations JSONL file atomically (temp file, fsync, rename, fsync dir).
// The journal alone is enough to rebuild every record. An edit that would change
// nothing returns an ErrUnchanged error and writes nothing, not even an undo step.
//
// All offsets are Unicode code points (Python str indices), end exclusive.
// UTF-16 offsets exist only in exports that ask for them.
//
// The package knows nothing about screens; the TUI talks to it through Store,
// Schema, Tokenize, FindNumber and ParseNumber.
package annotations
