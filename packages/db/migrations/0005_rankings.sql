-- Ranking editions: a dated snapshot of organizations' scores for one period and methodology
-- version. Drafts can be rebuilt; a published edition and its rows can never change again.

CREATE TABLE ranking_editions (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug                 text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{2,100}$'),
  title                text NOT NULL CHECK (length(title) BETWEEN 3 AND 300),
  period_start         date NOT NULL,
  period_end           date NOT NULL,
  methodology_version  text NOT NULL,
  -- The version's criteria as used here: [{code, name, weight}].
  criteria             jsonb NOT NULL DEFAULT '[]'::jsonb,
  status               text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  previous_edition_id  bigint REFERENCES ranking_editions (id),
  created_by           bigint REFERENCES users (id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  published_by         bigint REFERENCES users (id),
  published_at         timestamptz,
  CHECK (period_end >= period_start),
  CHECK ((status = 'published') = (published_at IS NOT NULL))
);
CREATE INDEX ranking_editions_published_idx ON ranking_editions (period_end DESC, published_at DESC) WHERE status = 'published';

-- One row per organization; organization fields are copied so the edition reads the same forever.
CREATE TABLE ranking_edition_rows (
  edition_id         bigint NOT NULL REFERENCES ranking_editions (id) ON DELETE CASCADE,
  organization_id    bigint NOT NULL REFERENCES organizations (id),
  organization_code  text NOT NULL,
  organization_name  text NOT NULL,
  kind               text NOT NULL,
  sector             text NOT NULL,
  municipality_code  text,
  municipality_name  text,
  score              numeric(6, 2),
  enough_data        boolean NOT NULL,
  rank               integer CHECK (rank IS NULL OR rank >= 1),
  previous_rank      integer,
  rank_change        integer,
  previous_score     numeric(6, 2),
  score_change       numeric(6, 2),
  accounts_scored    integer NOT NULL CHECK (accounts_scored >= 0),
  accounts_total     integer NOT NULL CHECK (accounts_total >= accounts_scored),
  sample_size        integer NOT NULL CHECK (sample_size >= 0),
  -- [{code, score, weight}] per criterion, to recompute changes on common criteria.
  criteria           jsonb NOT NULL DEFAULT '[]'::jsonb,
  PRIMARY KEY (edition_id, organization_id),
  CHECK (enough_data OR rank IS NULL)
);
CREATE INDEX ranking_edition_rows_organization_idx ON ranking_edition_rows (organization_id);

CREATE FUNCTION ranking_edition_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'ranking edition % is published and cannot change', OLD.slug USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER ranking_editions_immutable BEFORE UPDATE OR DELETE ON ranking_editions
  FOR EACH ROW EXECUTE FUNCTION ranking_edition_is_immutable();

CREATE FUNCTION ranking_edition_rows_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  edition_status text;
BEGIN
  SELECT status INTO edition_status FROM ranking_editions
  WHERE id = CASE WHEN TG_OP = 'INSERT' THEN NEW.edition_id ELSE OLD.edition_id END;
  IF edition_status = 'published' THEN
    RAISE EXCEPTION 'rows of a published ranking edition cannot change' USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER ranking_edition_rows_immutable BEFORE INSERT OR UPDATE OR DELETE ON ranking_edition_rows
  FOR EACH ROW EXECUTE FUNCTION ranking_edition_rows_are_immutable();
