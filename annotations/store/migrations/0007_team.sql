-- Several team servers (hashiya serve) on one database route documents together and
-- know where each annotator is live.

-- Each server by name (its host and listen address), with its --overlap; seen is
-- refreshed while it runs, so a server gone quiet stops taking new documents.
CREATE TABLE team_servers (
	server  TEXT PRIMARY KEY,
	overlap INTEGER NOT NULL, -- annotators per document; 0 = all
	seen    INTEGER NOT NULL  -- unix ms of its last heartbeat
);

-- The annotators each server's team file names.
CREATE TABLE team_members (
	server TEXT NOT NULL REFERENCES team_servers(server),
	name   TEXT NOT NULL,
	PRIMARY KEY (server, name)
);

-- Each document's annotators, decided under the routing row's lock and read by every
-- server: a document started by its annotator stays theirs.
CREATE TABLE assignments (
	doc       TEXT NOT NULL, -- document ID
	annotator TEXT NOT NULL, -- annotator name
	PRIMARY KEY (doc, annotator)
);
CREATE INDEX assignments_annotator ON assignments(annotator);

-- One row: updating it takes the routing lock; version counts changes of assignments.
CREATE TABLE routing (
	id      INTEGER PRIMARY KEY,
	version INTEGER NOT NULL
);
INSERT INTO routing (id, version) VALUES (1, 0);

-- The server each store session of hashiya serve belongs to: where an annotator is live.
CREATE TABLE session_servers (
	session INTEGER PRIMARY KEY REFERENCES sessions(id),
	server  TEXT NOT NULL
);
