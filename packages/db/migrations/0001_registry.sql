-- Core registry: municipalities, organizations, their official accounts, users, audit log.

CREATE TABLE municipalities (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('municipal_district', 'urban_district', 'region')),
  population  integer CHECK (population IS NULL OR population >= 0),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organizations (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code             text NOT NULL UNIQUE,
  full_name        text NOT NULL CHECK (length(full_name) BETWEEN 3 AND 1000),
  short_name       text NOT NULL CHECK (length(short_name) BETWEEN 2 AND 300),
  kind             text NOT NULL CHECK (kind IN ('regional_executive', 'local_government', 'subordinate_institution')),
  sector           text NOT NULL CHECK (sector IN ('education', 'health', 'social_protection', 'culture', 'sport',
                                                   'housing_utilities', 'roads_transport', 'other')),
  municipality_id  bigint REFERENCES municipalities (id),
  parent_id        bigint REFERENCES organizations (id),
  website          text,
  inn              text CHECK (inn IS NULL OR inn ~ '^([0-9]{10}|[0-9]{12})$'),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX organizations_municipality_idx ON organizations (municipality_id);
CREATE INDEX organizations_parent_idx ON organizations (parent_id);

CREATE TABLE accounts (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id  bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  network          text NOT NULL CHECK (network IN ('vk', 'ok', 'telegram')),
  canonical_url    text NOT NULL UNIQUE,
  handle           text NOT NULL,
  external_id      text,
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'private', 'deleted', 'blocked', 'not_found')),
  is_official      boolean NOT NULL DEFAULT true,
  status_changed_at timestamptz,
  added_at         timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  removed_at       timestamptz
);
CREATE INDEX accounts_organization_idx ON accounts (organization_id);
CREATE UNIQUE INDEX accounts_network_external_id_idx ON accounts (network, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE users (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email            text NOT NULL,
  display_name     text NOT NULL DEFAULT '',
  password_hash    text,
  role             text NOT NULL CHECK (role IN ('admin', 'monitor', 'agency', 'instructor', 'trainee')),
  organization_id  bigint REFERENCES organizations (id),
  disabled_at      timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'agency' OR organization_id IS NOT NULL)
);
CREATE UNIQUE INDEX users_email_idx ON users (lower(email));

CREATE TABLE audit_log (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT now(),
  actor_id     bigint REFERENCES users (id),
  actor_label  text NOT NULL,
  action       text NOT NULL,
  entity_type  text NOT NULL,
  entity_id    text,
  details      jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);

-- The audit log is append-only: updates and deletes are refused by the database itself.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
