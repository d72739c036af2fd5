-- Digital bulletin: issues per period (with correction revisions), ordered sections and blocks,
-- the editorial workflow draft → in_review → published, contacts with opt-out, a delivery status
-- per e-mail recipient, acknowledgement links for agencies and the printed PDF of each issue.

-- One row of settings: when the scheduler prepares the next draft (cron pattern in a time zone).
CREATE TABLE bulletin_settings (
  id                 boolean PRIMARY KEY DEFAULT true CHECK (id),
  schedule_pattern   text NOT NULL DEFAULT '0 6 1 * *' CHECK (length(schedule_pattern) BETWEEN 9 AND 100),
  schedule_timezone  text NOT NULL DEFAULT 'Europe/Saratov',
  schedule_enabled   boolean NOT NULL DEFAULT true,
  updated_at         timestamptz NOT NULL DEFAULT now()
);
INSERT INTO bulletin_settings DEFAULT VALUES;

CREATE TABLE bulletin_issues (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  period_key         text NOT NULL CHECK (period_key ~ '^[0-9a-z_-]{4,40}$'),
  period_start       date NOT NULL,
  period_end         date NOT NULL CHECK (period_end > period_start),
  period_label       text NOT NULL CHECK (length(period_label) BETWEEN 1 AND 100),
  revision           integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
  slug               text NOT NULL UNIQUE CHECK (slug ~ '^[0-9a-z_-]{4,60}$'),
  title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  state              text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'in_review', 'published')),
  corrects_issue_id  bigint REFERENCES bulletin_issues (id),
  correction_note    text CHECK (correction_note IS NULL OR length(correction_note) BETWEEN 1 AND 5000),
  -- The input the draft was generated from, kept so that every figure stays reproducible.
  dataset            jsonb NOT NULL,
  created_by         bigint REFERENCES users (id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  submitted_at       timestamptz,
  published_at       timestamptz,
  published_by       bigint REFERENCES users (id),
  UNIQUE (period_key, revision),
  -- A correction is a later revision of a published issue and always carries its visible note.
  CHECK ((revision = 1) = (corrects_issue_id IS NULL)),
  CHECK ((corrects_issue_id IS NULL) = (correction_note IS NULL)),
  CHECK ((state = 'published') = (published_at IS NOT NULL))
);
-- At most one unpublished revision per period at a time.
CREATE UNIQUE INDEX bulletin_issues_one_open_revision_idx ON bulletin_issues (period_key) WHERE state <> 'published';
CREATE INDEX bulletin_issues_published_idx ON bulletin_issues (published_at DESC) WHERE state = 'published';

-- Sections are a snapshot: organization_id has no foreign key so that an organization later
-- removed from the registry never breaks the archive of what was published about it.
CREATE TABLE bulletin_sections (
  issue_id         bigint NOT NULL REFERENCES bulletin_issues (id) ON DELETE CASCADE,
  key              text NOT NULL CHECK (key ~ '^(public|org-[0-9]+)$'),
  position         integer NOT NULL CHECK (position >= 0),
  audience         text NOT NULL CHECK (audience IN ('public', 'agency')),
  organization_id  bigint,
  title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  PRIMARY KEY (issue_id, key),
  CHECK ((audience = 'agency') = (organization_id IS NOT NULL))
);
CREATE INDEX bulletin_sections_organization_idx ON bulletin_sections (organization_id) WHERE organization_id IS NOT NULL;

CREATE TABLE bulletin_blocks (
  issue_id     bigint NOT NULL,
  section_key  text NOT NULL,
  key          text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9-]{0,120}$'),
  position     integer NOT NULL CHECK (position >= 0),
  kind         text NOT NULL CHECK (kind IN ('heading', 'paragraph', 'table', 'figure', 'list', 'note')),
  -- The whole block as validated by the domain's block schema (its kind and key repeated inside).
  content      jsonb NOT NULL,
  origin       text NOT NULL DEFAULT 'generated' CHECK (origin IN ('generated', 'editor')),
  edited_by    bigint REFERENCES users (id),
  edited_at    timestamptz,
  PRIMARY KEY (issue_id, key),
  FOREIGN KEY (issue_id, section_key) REFERENCES bulletin_sections (issue_id, key) ON DELETE CASCADE,
  -- Deferred so that a reorder can move every block of a section in one transaction.
  CONSTRAINT bulletin_blocks_position_unique UNIQUE (issue_id, section_key, position) DEFERRABLE INITIALLY DEFERRED
);

-- Recommendations an issue carried to its agencies; they become "sent" when it is published.
CREATE TABLE bulletin_issue_recommendations (
  issue_id           bigint NOT NULL REFERENCES bulletin_issues (id) ON DELETE CASCADE,
  recommendation_id  bigint NOT NULL,
  organization_id    bigint NOT NULL,
  PRIMARY KEY (issue_id, recommendation_id)
);
CREATE INDEX bulletin_issue_recommendations_recommendation_idx ON bulletin_issue_recommendations (recommendation_id);

CREATE TABLE bulletin_contacts (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id    bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  email              text NOT NULL CHECK (length(email) <= 320 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  name               text NOT NULL DEFAULT '' CHECK (length(name) <= 300),
  unsubscribe_token  text NOT NULL UNIQUE,
  unsubscribed_at    timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX bulletin_contacts_organization_email_idx ON bulletin_contacts (organization_id, lower(email));

CREATE TABLE bulletin_deliveries (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  issue_id         bigint NOT NULL REFERENCES bulletin_issues (id),
  contact_id       bigint NOT NULL REFERENCES bulletin_contacts (id) ON DELETE CASCADE,
  organization_id  bigint NOT NULL,
  email            text NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'retrying', 'sent', 'failed', 'skipped')),
  attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error       text,
  message_id       text,
  transport        text CHECK (transport IS NULL OR transport IN ('smtp', 'outbox')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz,
  UNIQUE (issue_id, contact_id),
  CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX bulletin_deliveries_issue_status_idx ON bulletin_deliveries (issue_id, status);

-- One acknowledgement link per agency and issue, sent in the agency's e-mail.
CREATE TABLE bulletin_acknowledgements (
  issue_id          bigint NOT NULL REFERENCES bulletin_issues (id),
  organization_id   bigint NOT NULL,
  token             text NOT NULL UNIQUE,
  acknowledged_at   timestamptz,
  acknowledged_by   bigint REFERENCES users (id),
  PRIMARY KEY (issue_id, organization_id)
);

CREATE TABLE bulletin_pdfs (
  issue_id    bigint PRIMARY KEY REFERENCES bulletin_issues (id),
  pdf         bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- A published issue is immutable: its row cannot change or disappear, only a new revision can
-- correct it. State moves only along draft → in_review → published (or back to draft from review).
CREATE FUNCTION bulletin_issue_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.state <> 'draft' THEN
      RAISE EXCEPTION 'a bulletin issue starts as a draft';
    END IF;
    RETURN NEW;
  END IF;
  IF OLD.state = 'published' THEN
    RAISE EXCEPTION 'bulletin issue % is published and immutable', OLD.slug USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  IF NEW.state <> OLD.state AND (OLD.state, NEW.state) NOT IN (('draft', 'in_review'), ('in_review', 'draft'), ('in_review', 'published')) THEN
    RAISE EXCEPTION 'bulletin issue % cannot move from % to %', OLD.slug, OLD.state, NEW.state USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER bulletin_issues_guard BEFORE INSERT OR UPDATE OR DELETE ON bulletin_issues
  FOR EACH ROW EXECUTE FUNCTION bulletin_issue_guard();

-- The content of a published issue (sections, blocks, carried recommendations) is frozen too.
CREATE FUNCTION bulletin_content_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_OP <> 'INSERT' AND EXISTS (SELECT 1 FROM bulletin_issues WHERE id = OLD.issue_id AND state = 'published'))
     OR (TG_OP <> 'DELETE' AND EXISTS (SELECT 1 FROM bulletin_issues WHERE id = NEW.issue_id AND state = 'published')) THEN
    RAISE EXCEPTION 'bulletin issue content is published and immutable (%)', TG_TABLE_NAME USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER bulletin_sections_guard BEFORE INSERT OR UPDATE OR DELETE ON bulletin_sections
  FOR EACH ROW EXECUTE FUNCTION bulletin_content_guard();
CREATE TRIGGER bulletin_blocks_guard BEFORE INSERT OR UPDATE OR DELETE ON bulletin_blocks
  FOR EACH ROW EXECUTE FUNCTION bulletin_content_guard();
CREATE TRIGGER bulletin_issue_recommendations_guard BEFORE INSERT OR UPDATE OR DELETE ON bulletin_issue_recommendations
  FOR EACH ROW EXECUTE FUNCTION bulletin_content_guard();
