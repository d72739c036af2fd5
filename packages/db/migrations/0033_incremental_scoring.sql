-- Incremental rescoring: which accounts changed since a period was last scored.
--
-- account_changes   Per account, the last time (and transaction) something scoring reads changed: a new or changed
--                   post (counters, date, ad flag, comments read), a new or changed comment, a new
--                   profile snapshot, the page's status, the first posts crawl, a manual score, a
--                   website check, an override, a classification override or exclusion. Written by
--                   statement-level triggers (one INSERT per statement, not per row) with
--                   clock_timestamp(); a crawl that re-reads an unchanged post writes nothing here.
--                   changed_xid is the writing transaction: a pass rescores the accounts whose change
--                   its previous pass's snapshot could not see (committed after it, or in flight).
-- score_watermarks  Per scored period and methodology version: when it was last scored (any pass)
--                   and last scored in full, the snapshot (pg_snapshot as text) taken as the last pass
--                   began, and the sector peer medians (ER) of the last full pass, which incremental
--                   passes reuse so that one page's new likes do not rescore its sector.

CREATE TABLE account_changes (
  account_id  bigint PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  changed_at  timestamptz NOT NULL,
  changed_xid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX account_changes_changed_idx ON account_changes (changed_at);

CREATE TABLE score_watermarks (
  period_kind          text NOT NULL CHECK (period_kind IN ('week', 'month', 'quarter')),
  period_start         date NOT NULL,
  methodology_version  integer NOT NULL REFERENCES methodology_versions (version),
  scored_at            timestamptz NOT NULL,
  full_at              timestamptz NOT NULL,
  peers                jsonb NOT NULL,
  snapshot             text NOT NULL,
  PRIMARY KEY (period_kind, period_start, methodology_version)
);

-- Marks the accounts of the rows in the transition table `changed` (column account_id), in id order
-- so that concurrent writers lock rows of account_changes in the same order.
CREATE FUNCTION note_changed_accounts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO account_changes (account_id, changed_at)
  SELECT account_id, clock_timestamp() FROM (SELECT DISTINCT account_id FROM changed WHERE account_id IS NOT NULL ORDER BY account_id) d
  ON CONFLICT (account_id) DO UPDATE SET changed_at = EXCLUDED.changed_at, changed_xid = EXCLUDED.changed_xid;
  RETURN NULL;
END $$;

CREATE TRIGGER posts_inserted_changes AFTER INSERT ON posts REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION note_changed_accounts();
CREATE TRIGGER comments_inserted_changes AFTER INSERT ON comments REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION note_changed_accounts();
CREATE TRIGGER account_snapshots_inserted_changes AFTER INSERT ON account_snapshots REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION note_changed_accounts();
CREATE TRIGGER website_checks_inserted_changes AFTER INSERT ON website_checks REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION note_changed_accounts();
CREATE TRIGGER manual_assessments_inserted_changes AFTER INSERT ON manual_assessments REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION note_changed_accounts();
CREATE TRIGGER criterion_overrides_inserted_changes AFTER INSERT ON criterion_overrides REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION note_changed_accounts();

-- Updates: only rows whose scored columns changed (the crawler touches last_seen_at on every read).
CREATE FUNCTION note_changed_posts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO account_changes (account_id, changed_at)
  SELECT account_id, clock_timestamp() FROM (
    SELECT DISTINCT n.account_id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.account_id, n.url, n.published_at, n.likes, n.reposts, n.comments_count, n.views, n.is_ad, n.comments_read_at IS NULL)
      IS DISTINCT FROM (o.account_id, o.url, o.published_at, o.likes, o.reposts, o.comments_count, o.views, o.is_ad, o.comments_read_at IS NULL)
    ORDER BY n.account_id) d
  ON CONFLICT (account_id) DO UPDATE SET changed_at = EXCLUDED.changed_at, changed_xid = EXCLUDED.changed_xid;
  RETURN NULL;
END $$;
CREATE TRIGGER posts_updated_changes AFTER UPDATE ON posts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION note_changed_posts();

CREATE FUNCTION note_changed_comments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO account_changes (account_id, changed_at)
  SELECT account_id, clock_timestamp() FROM (
    SELECT DISTINCT n.account_id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.url, n.published_at, n.text, n.from_page, n.author_pseudonym, n.thread_root_id, n.reply_to_comment_id, n.reply_to_user_pseudonym, n.deleted_at)
      IS DISTINCT FROM (o.url, o.published_at, o.text, o.from_page, o.author_pseudonym, o.thread_root_id, o.reply_to_comment_id, o.reply_to_user_pseudonym, o.deleted_at)
    ORDER BY n.account_id) d
  ON CONFLICT (account_id) DO UPDATE SET changed_at = EXCLUDED.changed_at, changed_xid = EXCLUDED.changed_xid;
  RETURN NULL;
END $$;
CREATE TRIGGER comments_updated_changes AFTER UPDATE ON comments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION note_changed_comments();

CREATE FUNCTION note_changed_account_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO account_changes (account_id, changed_at)
  SELECT id, clock_timestamp() FROM (
    SELECT DISTINCT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.status, n.removed_at, n.organization_id, n.network) IS DISTINCT FROM (o.status, o.removed_at, o.organization_id, o.network)
    ORDER BY n.id) d
  ON CONFLICT (account_id) DO UPDATE SET changed_at = EXCLUDED.changed_at, changed_xid = EXCLUDED.changed_xid;
  RETURN NULL;
END $$;
CREATE TRIGGER accounts_updated_changes AFTER UPDATE ON accounts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION note_changed_account_rows();

CREATE FUNCTION note_changed_crawl_health() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO account_changes (account_id, changed_at)
  SELECT account_id, clock_timestamp() FROM (
    SELECT DISTINCT n.account_id FROM new_rows n LEFT JOIN old_rows o ON o.account_id = n.account_id
    WHERE n.last_posts_at IS NOT NULL AND o.last_posts_at IS NULL
    ORDER BY n.account_id) d
  ON CONFLICT (account_id) DO UPDATE SET changed_at = EXCLUDED.changed_at, changed_xid = EXCLUDED.changed_xid;
  RETURN NULL;
END $$;
CREATE TRIGGER crawl_health_updated_changes AFTER UPDATE ON crawl_health REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION note_changed_crawl_health();

-- Classification overrides, exclusions and response marks name a comment: its account changed.
CREATE FUNCTION note_changed_classifications() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO account_changes (account_id, changed_at)
  SELECT account_id, clock_timestamp() FROM (
    SELECT DISTINCT n.account_id FROM new_rows n JOIN old_rows o ON o.comment_id = n.comment_id
    WHERE (n.override_needs_answer, n.override_category) IS DISTINCT FROM (o.override_needs_answer, o.override_category)
    ORDER BY n.account_id) d
  ON CONFLICT (account_id) DO UPDATE SET changed_at = EXCLUDED.changed_at, changed_xid = EXCLUDED.changed_xid;
  RETURN NULL;
END $$;
CREATE TRIGGER comment_classifications_updated_changes AFTER UPDATE ON comment_classifications REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION note_changed_classifications();

CREATE FUNCTION note_changed_comment_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO account_changes (account_id, changed_at)
  SELECT account_id, clock_timestamp() FROM (
    SELECT DISTINCT c.account_id FROM changed x JOIN comments c ON c.id = x.comment_id ORDER BY c.account_id) d
  ON CONFLICT (account_id) DO UPDATE SET changed_at = EXCLUDED.changed_at, changed_xid = EXCLUDED.changed_xid;
  RETURN NULL;
END $$;
CREATE TRIGGER question_exclusions_inserted_changes AFTER INSERT ON question_exclusions REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION note_changed_comment_rows();
CREATE TRIGGER question_exclusions_deleted_changes AFTER DELETE ON question_exclusions REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION note_changed_comment_rows();
CREATE TRIGGER response_marks_inserted_changes AFTER INSERT ON response_marks REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION note_changed_comment_rows();
CREATE TRIGGER response_marks_updated_changes AFTER UPDATE ON response_marks REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION note_changed_comment_rows();
CREATE TRIGGER response_marks_deleted_changes AFTER DELETE ON response_marks REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION note_changed_comment_rows();
