-- Before scoring stored the real sample of organizations below the minimum sample (decided
-- questions), organization_scores.sample_size was 0 for them, and editions built then copied the 0.
-- Such a row takes the sample of its source organization_scores row: same organization, period
-- (editions name the period's last day, scoring the first day after it) and methodology version
-- ("1" or "v1"). Only where the source still shows every figure the edition published (score,
-- enough data, pages scored and total): a period rescored with other results since then is not
-- the edition's source, and its row keeps 0. Nothing but sample_size changes.

-- Published rows are frozen by a trigger; this one correction passes it inside this transaction.
ALTER TABLE ranking_edition_rows DISABLE TRIGGER ranking_edition_rows_immutable;

UPDATE ranking_edition_rows r
SET sample_size = s.sample_size
FROM ranking_editions e, organization_scores s
WHERE e.id = r.edition_id
  AND r.sample_size = 0
  AND s.sample_size > 0
  AND s.organization_id = r.organization_id
  AND s.period_start = e.period_start
  AND s.period_end = e.period_end + 1
  AND s.methodology_version = CASE WHEN e.methodology_version ~* '^v?[0-9]{1,9}$' THEN substring(e.methodology_version FROM '[0-9]+')::integer END
  AND s.score IS NOT DISTINCT FROM r.score
  AND s.enough_data = r.enough_data
  AND s.accounts_scored = r.accounts_scored
  AND s.accounts_total = r.accounts_total;

ALTER TABLE ranking_edition_rows ENABLE TRIGGER ranking_edition_rows_immutable;
