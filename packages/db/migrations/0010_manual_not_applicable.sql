-- A monitor may judge that a manual criterion does not apply to a page (no score, leaves the denominator).
ALTER TABLE manual_assessments ALTER COLUMN score DROP NOT NULL;
ALTER TABLE manual_assessments ADD CONSTRAINT manual_assessments_not_applicable_has_note
  CHECK (score IS NOT NULL OR length(trim(coalesce(note, ''))) > 0);
