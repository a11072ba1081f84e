// Package record is the training record: one annotator's annotations of one
// document as a JSONL line (Record, BuildRecord), its JSON Schema
// (schema/record.schema.json, kept in step by a test), the checks of one
// record against its own text (CheckRecord), and the validation of whole
// files with references between records (Validate, ReadRecords).
//
// It uses the domain (package annotations) and reads only the io.Reader it
// is given; it must not import a store, an export or the reader.
package record
