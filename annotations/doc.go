// Package annotations is the annotation domain: spans, claims and their
// numbers, documents' states, labels (the label schema), code-point offsets,
// record tokens, and the operations (Op, Apply, Revert) every store runs to
// change a document. A Session is what the reader needs from a store.
//
// All offsets are Unicode code points (Python str indices), end exclusive.
// An edit that would change nothing returns an ErrUnchanged error.
//
// The package is pure: it does no I/O (no files, no database, no clock) and
// knows nothing about screens or stores. The training record and its checks
// live in annotations/record, exports in annotations/export, stores in
// annotations/store (SQLite) and annotations/journal (the previous release's
// files); none of them may be imported from here.
package annotations
