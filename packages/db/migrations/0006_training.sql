-- Training (ДПО): courses, cohorts, enrolments, coursework, attendance, certificates.

-- Personal data a ФИС ФРДО row needs; kept apart from the login account.
CREATE TABLE trainee_profiles (
  user_id          bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  surname          text NOT NULL CHECK (length(surname) BETWEEN 1 AND 200),
  given_name       text NOT NULL CHECK (length(given_name) BETWEEN 1 AND 200),
  patronymic       text CHECK (patronymic IS NULL OR length(patronymic) <= 200),
  birth_date       date,
  sex              text CHECK (sex IN ('male', 'female')),
  snils            text CHECK (snils ~ '^[0-9]{11}$'),
  citizenship      text NOT NULL DEFAULT '643' CHECK (citizenship ~ '^[0-9]{3}$'),
  education_level  text CHECK (education_level IN ('higher', 'secondary_vocational')),
  diploma_surname  text,
  diploma_series   text,
  diploma_number   text,
  job_title        text,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE courses (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title               text NOT NULL CHECK (length(title) BETWEEN 3 AND 500),
  kind                text NOT NULL CHECK (kind IN ('qualification_upgrade', 'professional_retraining')),
  total_hours         integer NOT NULL,
  description_md      text NOT NULL DEFAULT '' CHECK (length(description_md) <= 20000),
  professional_field  text,
  qualification_name  text,
  archived_at         timestamptz,
  created_by          bigint REFERENCES users (id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  -- Minimum length, order No. 266 of 24.03.2025, p. 18.
  CHECK ((kind = 'qualification_upgrade' AND total_hours >= 16) OR (kind = 'professional_retraining' AND total_hours >= 250))
);

CREATE TABLE course_modules (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  course_id  bigint NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  position   integer NOT NULL,
  title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  hours      numeric(6, 2) NOT NULL DEFAULT 0 CHECK (hours >= 0),
  UNIQUE (course_id, position)
);

CREATE TABLE lessons (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  module_id   bigint NOT NULL REFERENCES course_modules (id) ON DELETE CASCADE,
  position    integer NOT NULL,
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  content_md  text NOT NULL DEFAULT '' CHECK (length(content_md) <= 200000),
  -- [{ "title": "...", "url": "https://..." }]
  links       jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(links) = 'array'),
  UNIQUE (module_id, position)
);

-- Files live under DATA_DIR; the database keeps what is needed to serve and check them.
CREATE TABLE stored_files (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  storage_path  text NOT NULL UNIQUE,
  file_name     text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  content_type  text NOT NULL,
  size_bytes    integer NOT NULL CHECK (size_bytes >= 0),
  sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by   bigint REFERENCES users (id),
  uploaded_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE lesson_files (
  lesson_id  bigint NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
  file_id    bigint NOT NULL REFERENCES stored_files (id),
  PRIMARY KEY (lesson_id, file_id)
);

-- Assignments and the final assessment (is_final). Due dates are days after the cohort start,
-- so one course serves many cohorts.
CREATE TABLE assignments (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  course_id        bigint NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  module_id        bigint REFERENCES course_modules (id) ON DELETE SET NULL,
  title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  instructions_md  text NOT NULL DEFAULT '' CHECK (length(instructions_md) <= 50000),
  required         boolean NOT NULL DEFAULT true,
  is_final         boolean NOT NULL DEFAULT false,
  due_day          integer NOT NULL DEFAULT 0 CHECK (due_day >= 0),
  max_score        numeric(7, 2) NOT NULL CHECK (max_score > 0),
  pass_score       numeric(7, 2) NOT NULL CHECK (pass_score >= 0),
  -- [{ "criterion": "...", "points": 10 }]
  rubric           jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(rubric) = 'array'),
  CHECK (pass_score <= max_score)
);
CREATE INDEX assignments_course_idx ON assignments (course_id);
CREATE UNIQUE INDEX assignments_one_final_idx ON assignments (course_id) WHERE is_final;

CREATE TABLE cohorts (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  course_id            bigint NOT NULL REFERENCES courses (id),
  title                text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  starts_on            date NOT NULL,
  ends_on              date NOT NULL,
  form_of_study        text NOT NULL CHECK (form_of_study IN ('full_time', 'part_time', 'distance')),
  funding_source       text NOT NULL DEFAULT 'regional' CHECK (funding_source IN ('federal', 'regional', 'local', 'paid')),
  capacity             integer NOT NULL CHECK (capacity > 0),
  enrolment_opens_at   timestamptz NOT NULL,
  enrolment_closes_at  timestamptz NOT NULL,
  completion_rule      jsonb NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on),
  CHECK (enrolment_closes_at >= enrolment_opens_at)
);
CREATE INDEX cohorts_course_idx ON cohorts (course_id);

CREATE TABLE cohort_instructors (
  cohort_id  bigint NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
  user_id    bigint NOT NULL REFERENCES users (id),
  PRIMARY KEY (cohort_id, user_id)
);

CREATE TABLE cohort_sessions (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  cohort_id  bigint NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
  title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  starts_at  timestamptz NOT NULL,
  hours      numeric(5, 2) NOT NULL CHECK (hours > 0 AND hours <= 24),
  mode       text NOT NULL CHECK (mode IN ('online', 'offline')),
  link       text CHECK (link IS NULL OR link ~ '^https?://'),
  place      text,
  CHECK ((mode = 'online' AND link IS NOT NULL) OR (mode = 'offline' AND place IS NOT NULL))
);
CREATE INDEX cohort_sessions_cohort_idx ON cohort_sessions (cohort_id, starts_at);

CREATE TABLE enrolments (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  cohort_id        bigint NOT NULL REFERENCES cohorts (id),
  user_id          bigint NOT NULL REFERENCES users (id),
  -- The organization the trainee works for: the outcome report follows its accounts.
  organization_id  bigint NOT NULL REFERENCES organizations (id),
  state            text NOT NULL CHECK (state IN ('applied', 'enrolled', 'active', 'completed', 'failed', 'withdrawn', 'suspended')),
  state_since      timestamptz NOT NULL,
  state_reason     text,
  applied_at       timestamptz NOT NULL,
  enrolled_at      timestamptz,
  started_at       timestamptz,
  finished_at      timestamptz,
  manual_mark      boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (cohort_id, user_id)
);
CREATE INDEX enrolments_user_idx ON enrolments (user_id);
CREATE INDEX enrolments_organization_idx ON enrolments (organization_id);

-- The history of states (the audit log has the same entries with the actor).
CREATE TABLE enrolment_events (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enrolment_id  bigint NOT NULL REFERENCES enrolments (id) ON DELETE CASCADE,
  from_state    text,
  to_state      text NOT NULL,
  at            timestamptz NOT NULL,
  reason        text,
  actor_id      bigint REFERENCES users (id)
);
CREATE INDEX enrolment_events_enrolment_idx ON enrolment_events (enrolment_id, at);

CREATE TABLE lesson_progress (
  enrolment_id  bigint NOT NULL REFERENCES enrolments (id) ON DELETE CASCADE,
  lesson_id     bigint NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
  completed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enrolment_id, lesson_id)
);

CREATE TABLE submissions (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  assignment_id  bigint NOT NULL REFERENCES assignments (id),
  enrolment_id   bigint NOT NULL REFERENCES enrolments (id) ON DELETE CASCADE,
  attempt        integer NOT NULL CHECK (attempt >= 1),
  text_body      text NOT NULL DEFAULT '' CHECK (length(text_body) <= 100000),
  submitted_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (assignment_id, enrolment_id, attempt)
);

CREATE TABLE submission_files (
  submission_id  bigint NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  file_id        bigint NOT NULL REFERENCES stored_files (id),
  PRIMARY KEY (submission_id, file_id)
);

CREATE TABLE grades (
  submission_id         bigint PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
  grader_id             bigint REFERENCES users (id),
  score                 numeric(7, 2) NOT NULL CHECK (score >= 0),
  passed                boolean NOT NULL,
  feedback              text NOT NULL DEFAULT '' CHECK (length(feedback) <= 20000),
  rubric_scores         jsonb NOT NULL DEFAULT '[]'::jsonb,
  resubmission_allowed  boolean NOT NULL DEFAULT false,
  graded_at             timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE attendance (
  session_id    bigint NOT NULL REFERENCES cohort_sessions (id) ON DELETE CASCADE,
  enrolment_id  bigint NOT NULL REFERENCES enrolments (id) ON DELETE CASCADE,
  status        text NOT NULL CHECK (status IN ('present', 'absent', 'excused')),
  hours         numeric(5, 2) NOT NULL CHECK (hours >= 0),
  marked_by     bigint REFERENCES users (id),
  marked_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, enrolment_id)
);

-- One numbering sequence per document type and one for the register.
CREATE SEQUENCE certificate_number_qualification_certificate_seq;
CREATE SEQUENCE certificate_number_retraining_diploma_seq;
CREATE SEQUENCE certificate_number_training_record_seq;
CREATE SEQUENCE certificate_registration_seq;

CREATE TABLE certificates (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enrolment_id         bigint NOT NULL REFERENCES enrolments (id),
  document_type        text NOT NULL CHECK (document_type IN ('qualification_certificate', 'retraining_diploma', 'training_record')),
  series               text NOT NULL,
  number               text NOT NULL,
  registration_number  text NOT NULL UNIQUE,
  issue_date           date NOT NULL,
  verification_code    text NOT NULL UNIQUE CHECK (verification_code ~ '^[0-9A-Z]{12}$'),
  -- What the document says, frozen at issue.
  holder_name          text NOT NULL,
  programme_title      text NOT NULL,
  programme_kind       text NOT NULL,
  hours                integer NOT NULL,
  issued_by            bigint REFERENCES users (id),
  revoked_at           timestamptz,
  revoked_reason       text,
  revoked_by           bigint REFERENCES users (id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (document_type, series, number),
  CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
);
CREATE UNIQUE INDEX certificates_one_valid_per_enrolment_idx ON certificates (enrolment_id) WHERE revoked_at IS NULL;
