-- posts, comments and account_snapshots, which grow without bound, range-partitioned by month (like
-- post_counters in 0034; partitions <table>_yYYYYmMM in UTC months plus <table>_default for rows outside
-- every created month, kept ahead by ensure_monthly_partitions).
--
-- Partition keys, dates the network sets once and that every upsert carries:
--   posts              published_at   key (id, published_at), unique (account_id, external_id, published_at)
--   comments           published_at   key (id, published_at), unique (post_id, external_id, published_at)
--   account_snapshots  captured_at    key (id, captured_at)
-- Ids stay unique on their own (identity columns); the crawler's ON CONFLICT targets gain published_at.
--
-- PostgreSQL needs the partition key in any key a foreign key references, so the foreign keys that
-- referenced posts(id) and comments(id) (post_counters, post_edits, comments, comment_edits,
-- comment_classifications, response_marks, question_exclusions, question_measurements, disputes) are
-- replaced by triggers with the same behaviour (emulate_foreign_key below): a referencing row must name
-- an existing row (locked FOR KEY SHARE, as a foreign key does), and deleting the referenced rows
-- cascades or sets null as before.
--
-- Existing rows are copied into the partitioned tables (monthly partitions from the oldest row's month,
-- at most 36 months back, to next month; older rows go to the default partition). The old tables'
-- indexes (0002, 0004), triggers (0033) and foreign keys to accounts are recreated from their own
-- definitions; their primary and unique keys gain the partition key.

-- Replaces `tbl` by a table of the same columns, defaults and checks range-partitioned by month of
-- `key`, with its rows, its default partition, and its keys, indexes, triggers and foreign keys (but
-- those to posts, comments or itself, emulated below).
CREATE FUNCTION replace_with_monthly_partitioned(tbl text, key text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  old text := tbl || '_unpartitioned';
  keys text[];
  rebuilt text[];
  idx record;
  statement text;
BEGIN
  SELECT COALESCE(array_agg(regexp_replace(pg_get_constraintdef(oid), '\)$', ', ' || quote_ident(key) || ')') ORDER BY contype), '{}')
    INTO keys FROM pg_constraint WHERE conrelid = tbl::regclass AND contype IN ('p', 'u');
  SELECT COALESCE(array_agg(def), '{}') INTO rebuilt FROM (
    SELECT pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
    WHERE i.indrelid = tbl::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
    UNION ALL
    SELECT format('ALTER TABLE %I ADD CONSTRAINT %I %s', tbl, c.conname, pg_get_constraintdef(c.oid)) FROM pg_constraint c JOIN pg_class r ON r.oid = c.confrelid
    WHERE c.conrelid = tbl::regclass AND c.contype = 'f' AND r.relname NOT IN ('posts', 'comments', 'posts_unpartitioned')
    UNION ALL
    SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE t.tgrelid = tbl::regclass AND NOT t.tgisinternal) defs;

  EXECUTE format('ALTER TABLE %I RENAME TO %I', tbl, old);
  FOR idx IN SELECT indexrelid::regclass::text AS name FROM pg_index WHERE indrelid = old::regclass LOOP
    EXECUTE format('ALTER INDEX %I RENAME TO %I', idx.name, idx.name || '_unpartitioned');
  END LOOP;
  EXECUTE format('ALTER SEQUENCE %s RENAME TO %I', pg_get_serial_sequence(old, 'id'), old || '_id_seq');
  EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING IDENTITY) PARTITION BY RANGE (%I)', tbl, old, key);
  EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', tbl || '_default', tbl);
  EXECUTE format('SELECT ensure_monthly_partitions(%L, %L, GREATEST(COALESCE(min(%I), now()), now() - interval ''36 months''), now() + interval ''1 month'') FROM %I',
                 tbl, key, key, old);
  EXECUTE format('INSERT INTO %I OVERRIDING SYSTEM VALUE SELECT * FROM %I', tbl, old);
  EXECUTE format('SELECT setval(%L, COALESCE((SELECT max(id) FROM %I), 0) + 1, false)', pg_get_serial_sequence(tbl, 'id'), tbl);
  FOREACH statement IN ARRAY keys LOOP
    EXECUTE format('ALTER TABLE %I ADD %s', tbl, statement);
  END LOOP;
  FOREACH statement IN ARRAY rebuilt LOOP
    EXECUTE statement;
  END LOOP;
END $$;

SELECT replace_with_monthly_partitioned('account_snapshots', 'captured_at');
SELECT replace_with_monthly_partitioned('posts', 'published_at');
SELECT replace_with_monthly_partitioned('comments', 'published_at');
DROP FUNCTION replace_with_monthly_partitioned(text, text);

-- Drops the old tables with the foreign keys that referenced them.
DROP TABLE comments_unpartitioned, posts_unpartitioned, account_snapshots_unpartitioned CASCADE;

-- Foreign keys to a partitioned table's id, kept by triggers. The referenced rows are locked FOR KEY
-- SHARE, as a foreign key does, so that a concurrent delete waits.
-- Referencing side (arguments: referenced table, referencing column), one function for both triggers:
-- after an insert, once per statement over the inserted rows (a crawler's batch of comments costs one
-- look-up, not one per row); after an update, per row, only when the column changed.
CREATE FUNCTION check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  referenced text := CASE TG_LEVEL WHEN 'ROW' THEN format('SELECT ($1 ->> %L)::bigint AS id', TG_ARGV[1])
                                   ELSE format('SELECT DISTINCT %I AS id FROM inserted_rows', TG_ARGV[1]) END;
  missing bigint;
BEGIN
  EXECUTE format('WITH referenced AS (%s), present AS (SELECT p.id FROM %I p WHERE p.id IN (SELECT id FROM referenced) FOR KEY SHARE)
                  SELECT r.id FROM referenced r WHERE r.id IS NOT NULL AND r.id NOT IN (SELECT id FROM present) LIMIT 1', referenced, TG_ARGV[0])
    INTO missing USING to_jsonb(NEW);
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'insert or update on table "%" violates foreign key: %=% is not present in table "%"', TG_TABLE_NAME, TG_ARGV[1], missing, TG_ARGV[0]
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;

-- Referenced side (statement trigger on the partitioned table, arguments: referencing table, column,
-- 'cascade' | 'set null'): what ON DELETE did.
CREATE FUNCTION cascade_reference() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_ARGV[2] = 'cascade' THEN
    EXECUTE format('DELETE FROM %I WHERE %I IN (SELECT id FROM deleted_rows)', TG_ARGV[0], TG_ARGV[1]);
  ELSE
    EXECUTE format('UPDATE %I SET %I = NULL WHERE %I IN (SELECT id FROM deleted_rows)', TG_ARGV[0], TG_ARGV[1], TG_ARGV[1]);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION emulate_foreign_key(child text, col text, parent text, on_delete text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION check_references(%L, %L)',
                 child || '_' || col || '_ref_ins', child, parent, col);
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE OF %I ON %I FOR EACH ROW WHEN (NEW.%I IS NOT NULL AND NEW.%I IS DISTINCT FROM OLD.%I) EXECUTE FUNCTION check_references(%L, %L)',
                 child || '_' || col || '_ref_upd', col, child, col, col, col, parent, col);
  EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS deleted_rows FOR EACH STATEMENT EXECUTE FUNCTION cascade_reference(%L, %L, %L)',
                 child || '_' || col || '_ref_del', parent, child, col, on_delete);
END $$;

SELECT emulate_foreign_key('post_counters', 'post_id', 'posts', 'cascade');
SELECT emulate_foreign_key('post_edits', 'post_id', 'posts', 'cascade');
SELECT emulate_foreign_key('comments', 'post_id', 'posts', 'cascade');
SELECT emulate_foreign_key('question_measurements', 'post_id', 'posts', 'cascade');
SELECT emulate_foreign_key('comments', 'thread_root_id', 'comments', 'set null');
SELECT emulate_foreign_key('comments', 'reply_to_comment_id', 'comments', 'set null');
SELECT emulate_foreign_key('comment_edits', 'comment_id', 'comments', 'cascade');
SELECT emulate_foreign_key('comment_classifications', 'comment_id', 'comments', 'cascade');
SELECT emulate_foreign_key('response_marks', 'comment_id', 'comments', 'cascade');
SELECT emulate_foreign_key('question_exclusions', 'comment_id', 'comments', 'cascade');
SELECT emulate_foreign_key('question_measurements', 'question_id', 'comments', 'cascade');
SELECT emulate_foreign_key('question_measurements', 'first_reply_id', 'comments', 'set null');
SELECT emulate_foreign_key('question_measurements', 'substantive_reply_id', 'comments', 'set null');
SELECT emulate_foreign_key('disputes', 'comment_id', 'comments', 'set null');
DROP FUNCTION emulate_foreign_key(text, text, text, text);

-- A comments partition whose whole month is past the retention period has had its citizens' text
-- purged (purgeCommentText); this trigger, created on that partition, keeps it so: text written there
-- later (a re-read of an old post) is blanked on arrival. Its presence marks the partition as purged.
CREATE FUNCTION blank_purged_comment_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT NEW.from_page THEN
    NEW.text := '';
    NEW.text_truncated := false;
  END IF;
  RETURN NEW;
END $$;
