-- Alerts before the deadline. Rules are data a monitor changes; every alert is one row per
-- (rule, subject, recipient, channel), unique by its idempotency key, so restarts, retries and
-- parallel workers can only ever find the row already there.

CREATE TABLE alert_rules (
  kind        text PRIMARY KEY CHECK (kind IN ('deadline_warning', 'deadline_breach', 'morning_digest', 'new_recommendation',
                                               'dispute_decided', 'page_failing', 'token_refused', 'schedule_missing')),
  enabled     boolean NOT NULL DEFAULT true,
  threshold   integer,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  bigint REFERENCES users (id) ON DELETE SET NULL
);
INSERT INTO alert_rules (kind, threshold) VALUES
  ('deadline_warning', 18), ('deadline_breach', NULL), ('morning_digest', 9), ('new_recommendation', NULL),
  ('dispute_decided', NULL), ('page_failing', 3), ('token_refused', NULL), ('schedule_missing', NULL);

-- Per-user delivery settings: the e-mail opt-out link, quiet hours (local minutes, may wrap midnight),
-- the linked Telegram chat and the pending one-time link code (its SHA-256 only).
CREATE TABLE alert_settings (
  user_id                  bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  unsubscribe_token        text NOT NULL UNIQUE,
  email_unsubscribed_at    timestamptz,
  quiet_start_minute       integer CHECK (quiet_start_minute BETWEEN 0 AND 1439),
  quiet_end_minute         integer CHECK (quiet_end_minute BETWEEN 0 AND 1439),
  telegram_chat_id         text,
  telegram_linked_at       timestamptz,
  telegram_code_hash       text UNIQUE,
  telegram_code_expires_at timestamptz,
  updated_at               timestamptz NOT NULL DEFAULT now(),
  CHECK ((quiet_start_minute IS NULL) = (quiet_end_minute IS NULL))
);

-- A user's choice per kind and channel; no row = the default (on).
CREATE TABLE alert_subscriptions (
  user_id  bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind     text NOT NULL REFERENCES alert_rules (kind),
  channel  text NOT NULL CHECK (channel IN ('in_app', 'email', 'telegram')),
  enabled  boolean NOT NULL,
  PRIMARY KEY (user_id, kind, channel)
);

-- pending → sending (claimed, committed before the send) → sent | retrying | failed.
-- A send interrupted by a crash stays 'sending' and becomes 'unknown' after its lease: never sent
-- twice, and shown to monitors. In-app alerts are 'sent' when created.
CREATE TABLE alerts (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  idempotency_key  text NOT NULL UNIQUE,
  user_id          bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind             text NOT NULL,
  channel          text NOT NULL CHECK (channel IN ('in_app', 'email', 'telegram')),
  subject          text NOT NULL,
  title            text NOT NULL,
  body             text NOT NULL,
  link             text NOT NULL,
  due_at           timestamptz NOT NULL,
  next_attempt_at  timestamptz NOT NULL,
  status           text NOT NULL CHECK (status IN ('pending', 'sending', 'retrying', 'sent', 'failed', 'unknown', 'skipped')),
  attempts         integer NOT NULL DEFAULT 0,
  claimed_at       timestamptz,
  last_error       text,
  sent_at          timestamptz,
  read_at          timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alerts_due_idx ON alerts (next_attempt_at) WHERE status IN ('pending', 'retrying');
CREATE INDEX alerts_sending_idx ON alerts (claimed_at) WHERE status = 'sending';
CREATE INDEX alerts_inbox_idx ON alerts (user_id, created_at DESC) WHERE channel = 'in_app';
CREATE INDEX alerts_problems_idx ON alerts (created_at DESC) WHERE status IN ('retrying', 'failed', 'unknown');

-- The Bot API's getUpdates offset, shared by every worker.
CREATE TABLE alert_telegram_state (
  id             boolean PRIMARY KEY DEFAULT true CHECK (id),
  update_offset  bigint NOT NULL DEFAULT 0
);
INSERT INTO alert_telegram_state DEFAULT VALUES;
