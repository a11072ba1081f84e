// Package store keeps every annotator's work on a project in one database,
// and writes the training JSONL from it: an SQLite file (modernc.org/sqlite
// through database/sql: pure Go, no cgo), or a PostgreSQL database that
// several servers share (pgx through database/sql; Open takes a postgres://
// URL). Both run the same queries, written once in SQLite's dialect with ?
// placeholders (dialect.go turns them into $n).
//
// The reader talks to a store only through annotations.Session:
//
//	type Session interface {
//		Apply(op Op) (Change, error)   // AddSpan, SetLabel, ..., Undo, Redo
//		Doc(id string) (DocView, error)
//		Annotator() string
//		Close() error
//	}
//
// *Session implements it. Apply computes the change with the pure
// annotations.Apply and commits, in one transaction, the operation log row
// (annotator, session, time, document, the operation as JSON, its mutations
// and their inverse) and the new current state (spans, claims, links,
// answers, the undo position). WAL with synchronous=FULL (SQLite), or
// COMMIT with synchronous_commit on (PostgreSQL), makes the edit durable
// when Apply returns; an error means nothing of it was written.
//
// Open reads no annotations: a document's state is loaded when a session
// first needs it (Doc, or an operation on it), and a session keeps only
// its recent documents decoded. Each document's text is stored once, in
// documents, and referred to by row ID; operation rows name documents by
// ID and never copy their text.
//
// Sessions: DB.Session(annotator) takes the annotator's lease (host, pid,
// heartbeat). Many sessions may share one DB, and several processes one
// file; the same annotator twice is refused with the holder's host and pid,
// and a lease whose process is gone from this host, or whose heartbeat is
// older than StaleAfter, is taken over (the old session then fails with
// ErrLeaseLost rather than write).
//
// Claims are named across documents and annotators by
// annotations.ClaimRef: "DOC#cN" inside one annotator's record (as records
// have always written links), "DOC#cN@ANNOTATOR" across annotators; the
// links table keeps both ends as columns.
//
// Import brings a file's records in as their annotators' operations, in
// one transaction recorded in imports (by content hash, so a file is not
// imported twice). EachRecord streams records from one read snapshot, for
// the training file and every export format. Diagnose and Salvage are
// hashiya doctor: SQLite's checks on a copy of a database, and every
// readable row of a damaged one copied into a new database.
//
// The schema is migrations/NNNN_*.sql, embedded and applied in order in
// one transaction on Open, each recorded in schema_version. PostgreSQL runs
// the same files translated (toPostgres: 64-bit integers, identity keys,
// BYTEA, ON CONFLICT DO NOTHING), or NNNN_name.postgres.sql where SQLite's
// SQL has no translation.
//
// On PostgreSQL (postgres.go, pgwrite.go) a write is one READ COMMITTED
// transaction on a pooled connection (at most pool_max_conns, default 10),
// durable at COMMIT (synchronous_commit on). A transaction-scoped advisory
// lock per annotator makes each annotator's writes one at a time across
// servers; documents and annotators are inserted with ON CONFLICT, so
// annotators on two servers may store one document at once. A write whose
// connection broke (a server restart) is run again with backoff for up to
// RetryFor; a COMMIT whose answer was lost is looked up by transaction ID,
// and ops.uid refuses an operation logged twice. Exports read a REPEATABLE
// READ, read-only snapshot through a cursor.
package store
