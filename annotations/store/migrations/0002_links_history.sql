-- Links as rows, so a reviewer can query them across documents and
-- annotators; filled from the links the claims already hold ("DOC#cN").
CREATE TABLE links (
	annotator    INTEGER NOT NULL,
	from_doc     INTEGER NOT NULL,
	from_claim   TEXT NOT NULL,
	to_doc       TEXT NOT NULL,            -- document ID
	to_annotator TEXT NOT NULL DEFAULT '', -- '' = the same annotator
	to_claim     TEXT NOT NULL,
	relation     TEXT NOT NULL,
	PRIMARY KEY (annotator, from_doc, from_claim, to_doc, to_annotator, to_claim),
	FOREIGN KEY (annotator, from_doc, from_claim) REFERENCES claims(annotator, doc, claim_id) ON DELETE CASCADE
);
CREATE INDEX links_to ON links(to_doc, to_claim);

INSERT INTO links (annotator, from_doc, from_claim, to_doc, to_claim, relation)
SELECT c.annotator, c.doc, c.claim_id,
	substr(rtrim(json_extract(l.value, '$.to'), '0123456789'), 1,
		length(rtrim(json_extract(l.value, '$.to'), '0123456789')) - 2),
	substr(json_extract(l.value, '$.to'), length(rtrim(json_extract(l.value, '$.to'), '0123456789'))),
	json_extract(l.value, '$.relation')
FROM claims c, json_each(c.body, '$.links') l
WHERE json_extract(l.value, '$.to') GLOB '*#c[0-9]*';

-- Undo history per annotator and document, surviving a restart: steps
-- 0..undo_pos-1 can be undone, undo_pos.. redone.
CREATE TABLE history (
	annotator INTEGER NOT NULL,
	doc       INTEGER NOT NULL,
	pos       INTEGER NOT NULL,
	seq       INTEGER NOT NULL REFERENCES ops(seq),
	PRIMARY KEY (annotator, doc, pos),
	FOREIGN KEY (annotator, doc) REFERENCES doc_state(annotator, doc)
);
ALTER TABLE doc_state ADD COLUMN undo_pos INTEGER NOT NULL DEFAULT 0;
