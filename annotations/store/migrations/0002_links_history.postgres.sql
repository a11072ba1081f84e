-- 0002_links_history.sql for PostgreSQL: the same tables (translated as
-- every migration is); the links already in claims are read with
-- PostgreSQL's JSON functions instead of SQLite's json_each and GLOB.
CREATE TABLE links (
	annotator    BIGINT NOT NULL,
	from_doc     BIGINT NOT NULL,
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
	substr(rtrim(l.value ->> 'to', '0123456789'), 1,
		length(rtrim(l.value ->> 'to', '0123456789')) - 2),
	substr(l.value ->> 'to', length(rtrim(l.value ->> 'to', '0123456789'))),
	l.value ->> 'relation'
FROM claims c, jsonb_array_elements(CASE WHEN jsonb_typeof(c.body::jsonb -> 'links') = 'array'
		THEN c.body::jsonb -> 'links' ELSE '[]'::jsonb END) l
WHERE (l.value ->> 'to') ~ '#c[0-9]';

-- Undo history per annotator and document, surviving a restart: steps
-- 0..undo_pos-1 can be undone, undo_pos.. redone.
CREATE TABLE history (
	annotator BIGINT NOT NULL,
	doc       BIGINT NOT NULL,
	pos       BIGINT NOT NULL,
	seq       BIGINT NOT NULL REFERENCES ops(seq),
	PRIMARY KEY (annotator, doc, pos),
	FOREIGN KEY (annotator, doc) REFERENCES doc_state(annotator, doc)
);
ALTER TABLE doc_state ADD COLUMN undo_pos BIGINT NOT NULL DEFAULT 0;
