-- A recommendation resting on data that was never read is withdrawn (new/sent/acknowledged → withdrawn),
-- never left standing: "0 публикаций" of a page nobody opened is no advice. Mirrors
-- RECOMMENDATION_TRANSITIONS in @most/domain.
ALTER TABLE recommendations DROP CONSTRAINT recommendations_status_check;
ALTER TABLE recommendations ADD CONSTRAINT recommendations_status_check
  CHECK (status IN ('new', 'sent', 'acknowledged', 'resolved', 'not_resolved', 'withdrawn'));

CREATE OR REPLACE FUNCTION recommendation_status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = OLD.status THEN
    RETURN NEW;
  END IF;
  IF NOT ((OLD.status = 'new' AND NEW.status IN ('sent', 'acknowledged', 'resolved', 'withdrawn'))
       OR (OLD.status = 'sent' AND NEW.status IN ('acknowledged', 'resolved', 'not_resolved', 'withdrawn'))
       OR (OLD.status = 'acknowledged' AND NEW.status IN ('resolved', 'not_resolved', 'withdrawn'))) THEN
    RAISE EXCEPTION 'recommendation % cannot go from % to %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  NEW.status_changed_at := now();
  RETURN NEW;
END;
$$;

-- Standing recommendations whose criterion the same period now scores "not measured" because the page
-- (or the part it needs) was never read (scoring keeps this up from now on; PAGE_UNREAD_REASONS in
-- @most/domain), and any of a page of which nothing was ever read.
UPDATE recommendations r SET status = 'withdrawn', updated_at = now()
WHERE r.status IN ('new', 'sent', 'acknowledged')
  AND (EXISTS (SELECT 1 FROM account_criterion_scores s
               WHERE s.account_id = r.account_id AND s.period_kind = r.period_kind AND s.period_start = r.period_start
                 AND s.methodology_version = r.methodology_version AND s.criterion_code = r.criterion_code
                 AND s.reason IN ('page_not_read', 'page_not_found', 'page_deleted', 'page_private', 'page_blocked', 'profile_not_read', 'posts_not_read', 'comments_not_read'))
    OR NOT (EXISTS (SELECT 1 FROM account_snapshots x WHERE x.account_id = r.account_id)
         OR EXISTS (SELECT 1 FROM posts p WHERE p.account_id = r.account_id)
         OR EXISTS (SELECT 1 FROM crawl_health h WHERE h.account_id = r.account_id AND h.last_posts_at IS NOT NULL)));
