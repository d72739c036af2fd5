-- "Report a suspicious page": visitors' reports from "is this official?", waiting in the monitors'
-- queue until a monitor decides. The reporter is kept only as a salted hash of the client address,
-- for the hourly limit; decisions are also written to the audit log.

CREATE TABLE page_reports (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  url            text NOT NULL CHECK (length(url) BETWEEN 1 AND 500),
  canonical_url  text,
  network        text,
  reason         text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  reporter_hash  text NOT NULL,
  status         text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'confirmed_official', 'not_official', 'dismissed')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  decided_at     timestamptz,
  decided_by     bigint REFERENCES users (id) ON DELETE SET NULL,
  decision_note  text NOT NULL DEFAULT '' CHECK (length(decision_note) <= 500),
  CHECK ((status = 'new') = (decided_at IS NULL))
);

CREATE INDEX page_reports_queue ON page_reports (status, created_at DESC);
CREATE INDEX page_reports_reporter ON page_reports (reporter_hash, created_at);
