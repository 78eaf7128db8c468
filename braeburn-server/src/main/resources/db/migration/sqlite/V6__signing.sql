-- Issue 14, signing: every team's developer-program team ID (ten upper-case letters and digits;
-- teams made before get a random hex one, a subset of that alphabet) and Braeburn's certificate
-- authority, made once per database (one row, id 1, a JSON document of certificates and PKCS#8
-- keys; see family/signing/ca/CaDocument). Instances insert it if absent and re-read, so two
-- starting together end up with the same one.
ALTER TABLE teams ADD COLUMN team_id TEXT;
UPDATE teams SET team_id = upper(substr(hex(randomblob(5)), 1, 10)) WHERE team_id IS NULL;
CREATE UNIQUE INDEX teams_by_team_id ON teams(team_id);

CREATE TABLE certificate_authority (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  document   TEXT NOT NULL,
  created_at TEXT NOT NULL
);
