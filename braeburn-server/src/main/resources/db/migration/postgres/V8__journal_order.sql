-- The shared journal shows the newest requests first by the time they were made: instances write
-- their entries in batches, so insertion order (seq) is not request order across instances.
ALTER TABLE request_journal ADD COLUMN at_micros BIGINT NOT NULL DEFAULT 0;
CREATE INDEX request_journal_by_time ON request_journal(at_micros DESC, seq DESC);
