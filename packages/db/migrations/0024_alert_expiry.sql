-- A warning is worthless once the deadline it warns about has passed (e.g. held by quiet hours
-- until after it): such alerts are skipped instead of sent.
ALTER TABLE alerts ADD COLUMN expires_at timestamptz;
