-- post_counters, the table that grows fastest (a row per post per hourly read), partitioned by month of
-- observed_at. Its key (post_id, observed_at) already holds the partition key, nothing references it,
-- and the crawler's ON CONFLICT (post_id, observed_at) target stays valid. Rows outside every monthly
-- partition land in post_counters_default; ensure_monthly_partitions moves them into the month's
-- partition when it creates it. Posts, comments and snapshots are not partitioned: see CAPACITY.md.

ALTER TABLE post_counters RENAME TO post_counters_unpartitioned;
ALTER INDEX post_counters_pkey RENAME TO post_counters_unpartitioned_pkey;
ALTER TABLE post_counters_unpartitioned RENAME CONSTRAINT post_counters_post_id_fkey TO post_counters_unpartitioned_post_id_fkey;

CREATE TABLE post_counters (
  post_id      bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  observed_at  timestamptz NOT NULL,
  likes        integer NOT NULL,
  reposts      integer NOT NULL,
  comments     integer NOT NULL,
  views        integer,
  PRIMARY KEY (post_id, observed_at)
) PARTITION BY RANGE (observed_at);
CREATE TABLE post_counters_default PARTITION OF post_counters DEFAULT;

INSERT INTO post_counters (post_id, observed_at, likes, reposts, comments, views)
SELECT post_id, observed_at, likes, reposts, comments, views FROM post_counters_unpartitioned;
DROP TABLE post_counters_unpartitioned;

-- Creates the monthly partitions (UTC months, named <parent>_yYYYYmMM) of `parent`, range-partitioned
-- on `key`, from the month of from_at to the month of upto, moving rows of each new month out of the
-- default partition first. Idempotent; returns how many partitions it created.
CREATE FUNCTION ensure_monthly_partitions(parent text, key text, from_at timestamptz, upto timestamptz) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  month_start timestamptz := date_trunc('month', from_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  month_end timestamptz;
  partition text;
  created integer := 0;
BEGIN
  WHILE month_start <= upto LOOP
    month_end := ((month_start AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC';
    partition := format('%s_y%s', parent, to_char(month_start AT TIME ZONE 'UTC', 'YYYY"m"MM'));
    IF to_regclass(partition) IS NULL THEN
      EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', partition, parent);
      EXECUTE format('WITH moved AS (DELETE FROM %I WHERE %I >= $1 AND %I < $2 RETURNING *) INSERT INTO %I SELECT * FROM moved',
                     parent || '_default', key, key, partition) USING month_start, month_end;
      EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', parent, partition, month_start, month_end);
      created := created + 1;
    END IF;
    month_start := month_end;
  END LOOP;
  RETURN created;
END $$;

SELECT ensure_monthly_partitions('post_counters', 'observed_at', now(), now() + interval '1 month');
