-- The number of resources of each (team, type), so that an unfiltered top-level listing reads its
-- meta.paging.total in O(1) instead of counting the collection (SqlStoreTx.list). Triggers on
-- resources keep it exact for every write path (creates, deletes, resets, snapshot loads, bulk
-- admin loads) inside the writing transaction: a reader sees the count that matches its snapshot.
-- A row may stay at n = 0 after its last resource is deleted; it reads as 0 either way.
CREATE TABLE resource_counts (
  team_id TEXT NOT NULL,
  type    TEXT NOT NULL,
  n       INTEGER NOT NULL,
  PRIMARY KEY (team_id, type)
) WITHOUT ROWID;

-- PostgreSQL keeps a transaction's changes here until its commit (see postgres/V7__resource_counts.sql);
-- on SQLite it stays empty. It exists so that both stores read a count with the same SQL
-- (ListQueryBuilder.storedCount): n plus the sum of the visible deltas.
CREATE TABLE resource_count_deltas (
  team_id TEXT NOT NULL,
  type    TEXT NOT NULL,
  n       INTEGER NOT NULL
);
CREATE INDEX resource_count_deltas_by_type ON resource_count_deltas(team_id, type);

CREATE TRIGGER resource_counts_insert AFTER INSERT ON resources
BEGIN
  INSERT INTO resource_counts (team_id, type, n) VALUES (NEW.team_id, NEW.type, 1)
    ON CONFLICT (team_id, type) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER resource_counts_delete AFTER DELETE ON resources
BEGIN
  UPDATE resource_counts SET n = n - 1 WHERE team_id = OLD.team_id AND type = OLD.type;
END;

-- Resources never change team or type (SqlStoreTx.updateAttributes sets attributes only); should
-- a statement ever do so, the count moves with the row. Fires only when the SET names either column.
CREATE TRIGGER resource_counts_move AFTER UPDATE OF team_id, type ON resources
  WHEN OLD.team_id IS NOT NEW.team_id OR OLD.type IS NOT NEW.type
BEGIN
  UPDATE resource_counts SET n = n - 1 WHERE team_id = OLD.team_id AND type = OLD.type;
  INSERT INTO resource_counts (team_id, type, n) VALUES (NEW.team_id, NEW.type, 1)
    ON CONFLICT (team_id, type) DO UPDATE SET n = n + 1;
END;

INSERT INTO resource_counts (team_id, type, n)
  SELECT team_id, type, COUNT(*) FROM resources GROUP BY team_id, type;
