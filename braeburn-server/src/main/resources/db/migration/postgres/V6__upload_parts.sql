-- Uploaded files (issue 5): a reservation per asset (buildUploadFiles, appScreenshots …) whose
-- parts clients PUT to Braeburn's own upload URLs, and images Braeburn serves under /_assets/.
-- The URL token is the credential (no JWT on upload or image URLs, protocol.md §6.2), so a token
-- is looked up without a team; everything else carries team_id like every other table. Parts live
-- in the database so that every instance sharing it accepts any part and processes any upload.
CREATE TABLE upload_files (
  token      TEXT PRIMARY KEY,
  team_id    TEXT NOT NULL,
  purpose    TEXT NOT NULL,   -- UPLOAD: parts PUT by a client; IMAGE: a picture served under /_assets/
  asset_type TEXT NOT NULL,   -- the resource the file belongs to
  asset_id   TEXT NOT NULL,
  file_size  BIGINT NOT NULL,
  part_size  BIGINT NOT NULL,
  expires_at BIGINT NOT NULL, -- server (virtual) time, epoch milliseconds: upload URLs stop working
  committed  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX upload_files_by_asset ON upload_files(team_id, asset_type, asset_id);

CREATE TABLE upload_parts (
  token       TEXT NOT NULL REFERENCES upload_files(token) ON DELETE CASCADE,
  part_number INTEGER NOT NULL,
  size        BIGINT NOT NULL,
  md5         TEXT NOT NULL,
  bytes       BYTEA NOT NULL,
  PRIMARY KEY (token, part_number)
);
