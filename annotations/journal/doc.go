// Package journal is the previous release's file store, kept so its files
// can still be imported and validated: every change appends one checksummed
// line to the annotator's journal "<out>.journal/<annotator>.jsonl" and is
// fsynced before the method returns; Flush rewrites the annotations JSONL
// file atomically (temp file, fsync, rename, fsync dir). The journal alone
// is enough to rebuild every record (ReplayJournal, RecordFromParts).
//
// It uses annotations/record and the domain. New code stores annotations in
// annotations/store; the reader does not use this package.
package journal
