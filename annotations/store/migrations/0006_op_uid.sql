-- A unique ID per operation, given before its transaction is sent: a write
-- retried after a lost connection (PostgreSQL) can never log, or apply,
-- the same operation twice. Rows logged before have none.
ALTER TABLE ops ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX ops_uid ON ops(uid);
