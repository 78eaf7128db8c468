-- The virtual clock's setting (one row) and the work scheduled on it (issue 5): state changes that
-- take time at Apple and webhook deliveries. A task is written in the same transaction as the
-- change that caused it, so it is never lost and never runs for a change that was rolled back.
CREATE TABLE clock_state (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  offset_millis INTEGER NOT NULL,
  frozen_at     TEXT
);

CREATE TABLE scheduled_tasks (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  team_id     TEXT NOT NULL,
  kind        TEXT NOT NULL,
  due_at      INTEGER NOT NULL, -- server (virtual) time, epoch milliseconds
  payload     TEXT NOT NULL,
  attempt     INTEGER NOT NULL DEFAULT 0,
  lease_until INTEGER,          -- wall time, epoch milliseconds: an instance is running it
  created_at  TEXT NOT NULL
);
CREATE INDEX scheduled_tasks_by_due ON scheduled_tasks(due_at, id);
CREATE INDEX scheduled_tasks_by_team ON scheduled_tasks(team_id, due_at);
