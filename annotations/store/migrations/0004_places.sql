-- Where each annotator was when the reader last saved it (documents in the panes,
-- cursors, scroll): the next session, on any machine, starts there. The reader owns
-- the format (JSON); the database keeps it with the annotator.
CREATE TABLE places (
	annotator INTEGER PRIMARY KEY REFERENCES annotators(id),
	session   INTEGER NOT NULL REFERENCES sessions(id), -- that saved it
	saved     INTEGER NOT NULL,                          -- unix ms
	place     TEXT NOT NULL
);
