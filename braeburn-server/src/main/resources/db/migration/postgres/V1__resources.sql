-- Braeburn store, PostgreSQL flavour of sqlite/V1__resources.sql.
CREATE TABLE teams (
  issuer_id  TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE api_keys (
  key_id     TEXT PRIMARY KEY,
  issuer_id  TEXT NOT NULL REFERENCES teams(issuer_id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  role       TEXT NOT NULL,
  key_type   TEXT NOT NULL,
  public_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX api_keys_by_team ON api_keys(issuer_id);

CREATE TABLE resources (
  seq        BIGSERIAL PRIMARY KEY,
  team_id    TEXT NOT NULL,
  type       TEXT NOT NULL,
  id         TEXT NOT NULL,
  attributes JSONB NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (team_id, type, id)
);
CREATE INDEX resources_by_type ON resources(team_id, type, seq);

CREATE TABLE links (
  team_id  TEXT NOT NULL,
  src_type TEXT NOT NULL,
  src_id   TEXT NOT NULL,
  rel      TEXT NOT NULL,
  dst_seq  BIGINT NOT NULL,
  dst_type TEXT NOT NULL,
  dst_id   TEXT NOT NULL,
  PRIMARY KEY (team_id, src_type, src_id, rel, dst_seq)
);
CREATE INDEX links_by_target ON links(team_id, dst_type, dst_id);
