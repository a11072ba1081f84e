-- Where each item of the gold version came from: the annotator named 'gold' holds the
-- adjudicated spans, claims and answers like any other annotator; this table says, per
-- item of gold's version, which annotators had it, who decided and when.
CREATE TABLE gold_provenance (
	doc        INTEGER NOT NULL REFERENCES documents(id),
	kind       TEXT NOT NULL CHECK (kind IN ('span', 'claim', 'answer')),
	item       TEXT NOT NULL,    -- gold's span or claim id, or the answer
	sources    TEXT NOT NULL,    -- the annotators who had it, comma-separated, sorted
	decided_by TEXT NOT NULL,    -- the reviewer, or 'auto' for what every annotator agreed on
	decided    INTEGER NOT NULL, -- unix ms
	PRIMARY KEY (doc, kind, item)
);
