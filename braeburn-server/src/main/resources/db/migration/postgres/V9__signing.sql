-- PostgreSQL flavour of sqlite/V6__signing.sql: team IDs and Braeburn's certificate authority.
ALTER TABLE teams ADD COLUMN team_id TEXT;
UPDATE teams SET team_id = upper(substr(md5(random()::text || issuer_id), 1, 10)) WHERE team_id IS NULL;
CREATE UNIQUE INDEX teams_by_team_id ON teams(team_id);

CREATE TABLE certificate_authority (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  document   TEXT NOT NULL,
  created_at TEXT NOT NULL
);
