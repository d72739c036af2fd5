-- "Not measured" is a first-class criterion result: the data it needs was never read (the page was
-- never crawled, was not found, deleted, closed or blocked) or a manual criterion was never scored.
-- account_criterion_scores.reason  Why a criterion has no verdict (not_measured / not_applicable /
--                                   not_enough_data): a code of @most/domain CRITERION_REASONS.
-- account_scores.reason            Why a page as a whole was not measured (page_not_read, page_not_found…).
ALTER TABLE account_criterion_scores DROP CONSTRAINT IF EXISTS account_criterion_scores_status_check;
ALTER TABLE account_criterion_scores ADD CONSTRAINT account_criterion_scores_status_check
  CHECK (status IN ('pass', 'partial', 'fail', 'not_applicable', 'not_enough_data', 'not_measured'));
ALTER TABLE account_criterion_scores ADD COLUMN reason text CHECK (reason IS NULL OR reason ~ '^[a-z_]{1,60}$');
ALTER TABLE account_scores ADD COLUMN reason text CHECK (reason IS NULL OR reason ~ '^[a-z_]{1,60}$');

-- Recommendations written from pages nobody ever read (no profile snapshot, no post) rest on no data:
-- those not yet sent are withdrawn; the next scoring run does not write them again.
DELETE FROM recommendations r
WHERE r.status = 'new'
  AND NOT EXISTS (SELECT 1 FROM account_snapshots s WHERE s.account_id = r.account_id)
  AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.account_id = r.account_id);
