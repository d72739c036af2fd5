-- Crawl storage: what the crawler saw on official accounts, and how the crawl itself is doing.
--
-- account_snapshots  Profile states of an account. A new row only when the normalised profile
--                    (content_hash of `profile`) changed, or on a new Europe/Saratov day, so there is
--                    at least one row per crawled day. `profile` is the normalised SourceProfile
--                    (name, description, website, phones, emails, address, hasWorkingHours, links,
--                    membersCount, wall, verified, hasAvatar, hasCover, status); `raw` is the
--                    network's own answer kept as evidence. `last_seen_at` is the last crawl that saw
--                    the same state that day.
-- posts              One row per post of an account (upserted). Current counters, text (bounded,
--                    `text_truncated`), `first_seen_at`/`last_seen_at`, `comments_read_at` (last time its
--                    comments were read).
-- post_counters      Counters over time: one row per post per crawl run that saw it (`observed_at`
--                    is the run's start).
-- post_edits         A row each time a post was seen edited (text changed or a new `edited_at`); `previous_text` is the text before.
-- comments           Public comments with thread structure: `thread_root_id` (top-level comment of the
--                    thread, null for top-level), `reply_to_comment_id` (the comment answered). Authors only
--                    as HMAC-SHA256 pseudonyms (`author_pseudonym`, `reply_to_user_pseudonym`; the key lives
--                    outside the database). `from_page` marks the page's own replies (VK from_id ==
--                    -group_id). Citizen text bounded to 4,000 characters (`text_truncated`). A comment the
--                    network reports deleted, or that is missing on re-read, keeps its row and text as
--                    evidence with `deleted_at` and `deletion_reason` ('deleted' | 'missing').
-- comment_edits      A row each time a comment's text changed between crawls; `previous_text` is the old text.
-- crawl_watermarks   Per account: the newest post seen by a completed posts crawl, so re-crawls stop early.
-- crawl_health       Per account: last run, last success (any / profile / posts), last error with its kind
--                    and message, consecutive failures, next scheduled run.
-- crawl_alerts       Problems needing a human (e.g. 'auth': the network rejected the token). One open row per
--                    (kind, network, token_fingerprint); `token_fingerprint` is a short SHA-256 prefix, never
--                    the token. `resolved_at` is set when crawling resumes with another token.
-- Account status (private / deleted / blocked / not_found) is written to accounts.status and
-- accounts.status_changed_at (0001).

CREATE TABLE account_snapshots (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id    bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  captured_at   timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  captured_day  date NOT NULL,
  content_hash  text NOT NULL,
  status        text NOT NULL CHECK (status IN ('active', 'private', 'deleted', 'blocked', 'not_found')),
  profile       jsonb NOT NULL,
  raw           jsonb NOT NULL
);
CREATE INDEX account_snapshots_account_idx ON account_snapshots (account_id, captured_at DESC, id DESC);

CREATE TABLE posts (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id       bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  external_id      text NOT NULL,
  url              text NOT NULL,
  published_at     timestamptz NOT NULL,
  edited_at        timestamptz,
  text             text NOT NULL,
  text_truncated   boolean NOT NULL DEFAULT false,
  is_pinned        boolean NOT NULL DEFAULT false,
  is_ad            boolean NOT NULL DEFAULT false,
  likes            integer NOT NULL DEFAULT 0,
  reposts          integer NOT NULL DEFAULT 0,
  comments_count   integer NOT NULL DEFAULT 0,
  views            integer,
  comments_open    boolean,
  first_seen_at    timestamptz NOT NULL,
  last_seen_at     timestamptz NOT NULL,
  comments_read_at timestamptz,
  UNIQUE (account_id, external_id)
);
CREATE INDEX posts_account_published_idx ON posts (account_id, published_at DESC);

CREATE TABLE post_counters (
  post_id      bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  observed_at  timestamptz NOT NULL,
  likes        integer NOT NULL,
  reposts      integer NOT NULL,
  comments     integer NOT NULL,
  views        integer,
  PRIMARY KEY (post_id, observed_at)
);

CREATE TABLE post_edits (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  post_id         bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  seen_at         timestamptz NOT NULL,
  edited_at       timestamptz,
  previous_text   text NOT NULL
);
CREATE INDEX post_edits_post_idx ON post_edits (post_id);

CREATE TABLE comments (
  id                            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  post_id                       bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  account_id                    bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  external_id                   text NOT NULL,
  url                           text NOT NULL,
  author_pseudonym              text NOT NULL CHECK (author_pseudonym ~ '^[0-9a-f]{64}$'),
  from_page                     boolean NOT NULL,
  published_at                  timestamptz NOT NULL,
  text                          text NOT NULL CHECK (length(text) <= 4000),
  text_truncated                boolean NOT NULL DEFAULT false,
  thread_root_external_id       text,
  thread_root_id                bigint REFERENCES comments (id) ON DELETE SET NULL,
  reply_to_comment_external_id  text,
  reply_to_comment_id           bigint REFERENCES comments (id) ON DELETE SET NULL,
  reply_to_user_pseudonym       text CHECK (reply_to_user_pseudonym IS NULL OR reply_to_user_pseudonym ~ '^[0-9a-f]{64}$'),
  first_seen_at                 timestamptz NOT NULL,
  last_seen_at                  timestamptz NOT NULL,
  edited_seen_at                timestamptz,
  deleted_at                    timestamptz,
  deletion_reason               text CHECK (deletion_reason IN ('deleted', 'missing')),
  UNIQUE (post_id, external_id),
  CHECK ((deleted_at IS NULL) = (deletion_reason IS NULL))
);
CREATE INDEX comments_account_published_idx ON comments (account_id, published_at);
CREATE INDEX comments_thread_root_idx ON comments (thread_root_id) WHERE thread_root_id IS NOT NULL;
CREATE INDEX comments_reply_to_idx ON comments (reply_to_comment_id) WHERE reply_to_comment_id IS NOT NULL;

CREATE TABLE comment_edits (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  comment_id      bigint NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  seen_at         timestamptz NOT NULL,
  previous_text   text NOT NULL CHECK (length(previous_text) <= 4000)
);
CREATE INDEX comment_edits_comment_idx ON comment_edits (comment_id);

CREATE TABLE crawl_watermarks (
  account_id               bigint PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  newest_post_external_id  text NOT NULL,
  newest_post_at           timestamptz NOT NULL,
  updated_at               timestamptz NOT NULL
);

CREATE TABLE crawl_health (
  account_id            bigint PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  last_run_at           timestamptz,
  last_success_at       timestamptz,
  last_profile_at       timestamptz,
  last_posts_at         timestamptz,
  last_error_at         timestamptz,
  last_error_kind       text,
  last_error            text,
  consecutive_failures  integer NOT NULL DEFAULT 0,
  next_run_at           timestamptz,
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crawl_health_failing_idx ON crawl_health (consecutive_failures) WHERE consecutive_failures > 0;

CREATE TABLE crawl_alerts (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind               text NOT NULL CHECK (kind IN ('auth', 'not_supported')),
  network            text NOT NULL CHECK (network IN ('vk', 'ok', 'telegram')),
  token_fingerprint  text NOT NULL,
  message            text NOT NULL,
  first_raised_at    timestamptz NOT NULL,
  last_raised_at     timestamptz NOT NULL,
  occurrences        integer NOT NULL DEFAULT 1,
  resolved_at        timestamptz
);
CREATE UNIQUE INDEX crawl_alerts_open_idx ON crawl_alerts (kind, network, token_fingerprint) WHERE resolved_at IS NULL;
