-- Issue 17, fault injection: the rules (one JSON document each, in the order they were added; the
-- first that matches a request and fires applies) with their counters. The journal lives in memory
-- on SQLite, so it needs no column here (postgres/V11 adds one).
CREATE TABLE fault_rules (
  id       TEXT PRIMARY KEY,
  position BIGINT NOT NULL,
  rule     TEXT NOT NULL,
  matched  BIGINT NOT NULL DEFAULT 0, -- requests the rule matched (the seeded draw's sequence number)
  injected BIGINT NOT NULL DEFAULT 0  -- faults it injected (spent when it reaches the rule's count)
);
