-- PostgreSQL flavour of sqlite/V2__access.sql.
ALTER TABLE teams ADD COLUMN agreements_missing INTEGER NOT NULL DEFAULT 0;
ALTER TABLE api_keys ADD COLUMN hourly_limit INTEGER;
