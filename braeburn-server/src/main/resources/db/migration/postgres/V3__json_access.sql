-- Typed reads of jsonb attributes that behave like SQLite's json_extract (PostgresDialect):
-- a number (or null when the value is not one), and a boolean as 1/0.
CREATE FUNCTION bb_number(j jsonb) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN jsonb_typeof(j) = 'number' THEN (j #>> '{}')::numeric END
$$;

CREATE FUNCTION bb_flag(j jsonb) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN jsonb_typeof(j) = 'boolean' THEN CASE WHEN j = 'true'::jsonb THEN 1 ELSE 0 END END
$$;
