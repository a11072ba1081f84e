-- Files brought in by hashiya import, so that the same file (by content)
-- is not imported twice.
CREATE TABLE imports (
	id        INTEGER PRIMARY KEY,
	name      TEXT NOT NULL,        -- the path as given
	size      INTEGER NOT NULL,     -- bytes
	sha256    TEXT NOT NULL UNIQUE, -- of the bytes read
	format    TEXT NOT NULL,
	imported  INTEGER NOT NULL,     -- unix ms
	documents INTEGER NOT NULL,
	spans     INTEGER NOT NULL,
	claims    INTEGER NOT NULL,
	answers   INTEGER NOT NULL
);
