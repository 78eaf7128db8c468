-- State that several Braeburn instances on one database must share (issue 4): each key's rolling
-- hour of requests and the request journal. SQLite keeps both in the memory of its one process.

-- A key's rolling hour: per-second counts, and their running total so a request costs O(1).
CREATE TABLE rate_windows (
  key_id TEXT PRIMARY KEY,
  total  INTEGER NOT NULL
);
CREATE TABLE rate_seconds (
  key_id TEXT NOT NULL,
  second BIGINT NOT NULL,
  count  INTEGER NOT NULL,
  PRIMARY KEY (key_id, second)
);

-- Counts one request of p_key at epoch second p_second against p_limit in one round trip. The row
-- lock on rate_windows serialises one key's requests across instances; seconds that left the
-- window are subtracted as they are deleted. Refused requests are not counted (protocol.md §3).
CREATE FUNCTION bb_rate_acquire(p_key TEXT, p_second BIGINT, p_limit INTEGER,
    OUT allowed BOOLEAN, OUT remaining INTEGER, OUT retry_after BIGINT) AS $$
DECLARE
  v_total   INTEGER;
  v_expired BIGINT;
  v_oldest  BIGINT;
BEGIN
  SELECT total INTO v_total FROM rate_windows WHERE key_id = p_key FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO rate_windows (key_id, total) VALUES (p_key, 0) ON CONFLICT (key_id) DO NOTHING;
    SELECT total INTO v_total FROM rate_windows WHERE key_id = p_key FOR UPDATE;
  END IF;
  WITH gone AS (DELETE FROM rate_seconds WHERE key_id = p_key AND second <= p_second - 3600 RETURNING count)
    SELECT coalesce(sum(count), 0) INTO v_expired FROM gone;
  v_total := greatest(v_total - v_expired, 0);
  IF v_total >= p_limit THEN
    SELECT min(second) INTO v_oldest FROM rate_seconds WHERE key_id = p_key;
    UPDATE rate_windows SET total = v_total WHERE key_id = p_key;
    allowed := false;
    remaining := 0;
    retry_after := greatest(coalesce(v_oldest + 3600 - p_second, 1), 1);
    RETURN;
  END IF;
  INSERT INTO rate_seconds (key_id, second, count) VALUES (p_key, p_second, 1)
    ON CONFLICT (key_id, second) DO UPDATE SET count = rate_seconds.count + 1;
  UPDATE rate_windows SET total = v_total + 1 WHERE key_id = p_key;
  allowed := true;
  remaining := p_limit - v_total - 1;
  retry_after := 0;
END
$$ LANGUAGE plpgsql;

-- The request journal of every instance, newest = highest seq; trimmed to the configured size.
CREATE TABLE request_journal (
  seq             BIGSERIAL PRIMARY KEY,
  request_id      TEXT NOT NULL,
  time            TEXT NOT NULL,
  method          TEXT NOT NULL,
  path            TEXT NOT NULL,
  query           TEXT,
  status          INTEGER NOT NULL,
  issuer_id       TEXT,
  key_id          TEXT,
  error_code      TEXT,
  diagnosis       TEXT,
  duration_micros BIGINT NOT NULL
);
