-- Issue 17, fault injection: the rules (one JSON document each, in the order they were added; the
-- first that matches a request and fires applies) with their counters, shared by every instance on
-- the database so a count is spent once across all of them; and the journal's mark of a request
-- whose answer an injected fault changed.
CREATE TABLE fault_rules (
  id       TEXT PRIMARY KEY,
  position BIGINT NOT NULL,
  rule     TEXT NOT NULL,
  matched  BIGINT NOT NULL DEFAULT 0, -- requests the rule matched (the seeded draw's sequence number)
  injected BIGINT NOT NULL DEFAULT 0  -- faults it injected (spent when it reaches the rule's count)
);
ALTER TABLE request_journal ADD COLUMN fault TEXT;
