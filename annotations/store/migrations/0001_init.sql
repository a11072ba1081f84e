-- Documents (text stored once per project), annotators, their sessions and
-- leases, the append-only operation log and each annotator's current state.
CREATE TABLE documents (
	id          INTEGER PRIMARY KEY,
	doc_id      TEXT NOT NULL UNIQUE,
	text        TEXT NOT NULL,
	text_sha256 TEXT NOT NULL,
	source      TEXT NOT NULL DEFAULT '',
	lang        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE annotators (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE
);

CREATE TABLE sessions (
	id        INTEGER PRIMARY KEY,
	annotator INTEGER NOT NULL REFERENCES annotators(id),
	name      TEXT NOT NULL,
	host      TEXT NOT NULL,
	pid       INTEGER NOT NULL,
	started   INTEGER NOT NULL, -- unix ms
	ended     INTEGER
);

-- One lease per annotator: the session that may write its work.
CREATE TABLE leases (
	annotator INTEGER PRIMARY KEY REFERENCES annotators(id),
	session   INTEGER NOT NULL REFERENCES sessions(id),
	host      TEXT NOT NULL,
	pid       INTEGER NOT NULL,
	heartbeat INTEGER NOT NULL -- unix ms
);

-- Append-only: every committed operation, its mutations and their inverse.
CREATE TABLE ops (
	seq       INTEGER PRIMARY KEY AUTOINCREMENT,
	annotator INTEGER NOT NULL REFERENCES annotators(id),
	session   INTEGER NOT NULL REFERENCES sessions(id),
	ts        INTEGER NOT NULL, -- unix ms
	doc       INTEGER NOT NULL REFERENCES documents(id),
	name      TEXT NOT NULL,
	op        TEXT NOT NULL, -- the operation as JSON (documents by ID, never their text)
	change    TEXT NOT NULL, -- its mutations as JSON
	inverse   TEXT NOT NULL  -- the mutations that undo it
);
CREATE INDEX ops_doc ON ops(doc, annotator);

-- Current state, per annotator and document.
CREATE TABLE doc_state (
	annotator  INTEGER NOT NULL REFERENCES annotators(id),
	doc        INTEGER NOT NULL REFERENCES documents(id),
	session    INTEGER NOT NULL REFERENCES sessions(id), -- of the last change
	updated    INTEGER NOT NULL,                          -- unix ms of the last change
	next_span  INTEGER NOT NULL,
	next_claim INTEGER NOT NULL,
	PRIMARY KEY (annotator, doc)
);

CREATE TABLE spans (
	annotator INTEGER NOT NULL,
	doc       INTEGER NOT NULL,
	span_id   TEXT NOT NULL,
	start     INTEGER NOT NULL,
	"end"     INTEGER NOT NULL,
	label     TEXT NOT NULL,
	body      TEXT NOT NULL, -- the span as in records
	PRIMARY KEY (annotator, doc, span_id),
	FOREIGN KEY (annotator, doc) REFERENCES doc_state(annotator, doc)
);

CREATE TABLE claims (
	annotator INTEGER NOT NULL,
	doc       INTEGER NOT NULL,
	claim_id  TEXT NOT NULL,
	start     INTEGER NOT NULL,
	"end"     INTEGER NOT NULL,
	cluster   TEXT NOT NULL DEFAULT '',
	body      TEXT NOT NULL, -- the claim as in records, links included
	PRIMARY KEY (annotator, doc, claim_id),
	FOREIGN KEY (annotator, doc) REFERENCES doc_state(annotator, doc)
);
CREATE INDEX claims_cluster ON claims(annotator, cluster) WHERE cluster <> '';

CREATE TABLE answers (
	annotator INTEGER NOT NULL,
	doc       INTEGER NOT NULL,
	answer    TEXT NOT NULL CHECK (answer IN ('accept', 'reject', 'ignore')),
	PRIMARY KEY (annotator, doc),
	FOREIGN KEY (annotator, doc) REFERENCES doc_state(annotator, doc)
);
