-- The reference triggers of 0040 (foreign keys to the partitioned posts and comments) looked the
-- referenced ids up with `id IN (SELECT …)`, leaving the join to the planner. Before a new month's
-- partition has statistics (the default n_distinct of 200 makes every id look shared by hundreds of
-- rows), the planner chose a hash semi-join over a sequential scan of every partition: each
-- crawled page's counters check read all posts, and bench:scale's first 100× pass slowed as the
-- table grew. The referenced rows are now probed one id at a time through the partitions' primary
-- keys (a LATERAL lookup cannot be turned into a scan of the whole table), and the cascades match
-- the deleted ids as an array, which the planner answers from the referencing column's index.

CREATE OR REPLACE FUNCTION check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  referenced text := CASE TG_LEVEL WHEN 'ROW' THEN format('SELECT ($1 ->> %L)::bigint AS id', TG_ARGV[1])
                                   ELSE format('SELECT DISTINCT %I AS id FROM inserted_rows WHERE %I IS NOT NULL', TG_ARGV[1], TG_ARGV[1]) END;
  missing bigint;
BEGIN
  EXECUTE format('WITH referenced AS (%s),
                       present AS (SELECT found.id FROM referenced r CROSS JOIN LATERAL (SELECT p.id FROM %I p WHERE p.id = r.id FOR KEY SHARE) found)
                  SELECT r.id FROM referenced r WHERE r.id IS NOT NULL AND r.id NOT IN (SELECT id FROM present) LIMIT 1', referenced, TG_ARGV[0])
    INTO missing USING to_jsonb(NEW);
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'insert or update on table "%" violates foreign key: %=% is not present in table "%"', TG_TABLE_NAME, TG_ARGV[1], missing, TG_ARGV[0]
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION cascade_reference() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_ARGV[2] = 'cascade' THEN
    EXECUTE format('DELETE FROM %I WHERE %I = ANY (ARRAY(SELECT id FROM deleted_rows))', TG_ARGV[0], TG_ARGV[1]);
  ELSE
    EXECUTE format('UPDATE %I SET %I = NULL WHERE %I = ANY (ARRAY(SELECT id FROM deleted_rows))', TG_ARGV[0], TG_ARGV[1], TG_ARGV[1]);
  END IF;
  RETURN NULL;
END $$;
