-- The bulletin may appear quarterly instead of monthly; the scheduled draft reports on the last full period of this kind.
ALTER TABLE bulletin_settings ADD COLUMN period_kind text NOT NULL DEFAULT 'month' CHECK (period_kind IN ('month', 'quarter'));
