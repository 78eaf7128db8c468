-- Issue 3: a team-wide "agreements missing" switch (every request answers Apple's 403
-- FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED) and a per-key hourly request limit
-- (NULL: the server's default; 0: unlimited). api_keys.role holds a comma-separated list:
-- a team key has one role, an individual key the roles of its user.
ALTER TABLE teams ADD COLUMN agreements_missing INTEGER NOT NULL DEFAULT 0;
ALTER TABLE api_keys ADD COLUMN hourly_limit INTEGER;
