-- Scoring: methodology versions, question detection and SLA measurements, scores per account and
-- organization per period, recommendations, disputes and the purge of citizens' comment text.
--
-- methodology_versions      One row per methodology version; `definition` is the whole methodology
--                           (criteria with code, titles ru/en, group, weight, evaluation, applicability,
--                           thresholds; SLA policy; partialShare; minimumCoverage) as validated by
--                           @most/domain `methodologySchema`. v1 is seeded here. A version becomes immutable
--                           when `locked_at` is set or when a published ranking edition uses it
--                           (ranking_editions.methodology_version = version::text); changes make a new version.
-- comment_classifications   Question detection per citizen comment: the classifier's category
--                           (question|request|complaint|gratitude|opinion|greeting|spam|other),
--                           needs_answer, confidence, reasons; a monitor's override (override_* columns,
--                           audited) wins: `effective_needs_answer` / `effective_category` are what scoring uses.
-- response_marks            A monitor's mark on a page reply: 'substantive' or 'intermediate' (first response).
-- question_exclusions       Questions taken out of the SLA sample by an accepted dispute ("answered by phone").
-- question_measurements     SLA outcome per question (a comment whose effective_needs_answer is true):
--                           state answered_in_time|answered_late|open_within_window|breached|excluded,
--                           first page reply and its time, response seconds by the policy's clock, the
--                           substantive reply where marked. `evaluated_at` = min(measurement time,
--                           asked_at + 7 days): replies later than a week never change a state.
--                           Kept when the comment text is purged.
-- manual_assessments        Monitors' scores for manual criteria, valid from a date (latest valid one is used).
-- website_checks            Results of the website-backlink check (the site's HTML links to the account).
-- account_scores            One row per (account, period_kind week|month|quarter, period_start, methodology
--                           version): status ok|not_enough_data, total 0–100 (NULL when not enough data),
--                           earned/possible points, coverage, SLA sample (questions, decided).
-- account_criterion_scores  Per criterion of an account score: status pass|partial|fail|not_applicable|
--                           not_enough_data, measured value, points, max_points, evidence (jsonb array of
--                           {kind: post|comment|snapshot|website|manual|figure, id, url, field, value, note};
--                           never a citizen's identity).
-- criterion_overrides       A criterion result fixed by an accepted dispute, applied on every rescore.
-- organization_scores       One row per (organization, period, version): score 0–100 = mean of its accounts'
--                           totals with enough data; enough_data; accounts_scored/accounts_total; sample_size
--                           (decided questions); criteria jsonb [{code, score 0–100, weight, status, value,
--                           points, maxPoints, accounts}] — the shape ranking editions copy.
-- recommendations           One per unmet criterion of an account score; generated_text from templates,
--                           edited_text by monitors (wins when set); status new → sent → acknowledged →
--                           resolved | not_resolved (set after the next period's measurement). Transitions
--                           are enforced by a trigger.
-- disputes                  An agency member disputes a finding (a question or a criterion); a monitor accepts or
--                           rejects it with a reason. Acceptance changes the evidence and rescores.
-- comment_purges            Log of each purge of citizens' comment text older than the retention period.

CREATE TABLE methodology_versions (
  version      integer PRIMARY KEY CHECK (version > 0),
  title        text NOT NULL,
  definition   jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  created_by   bigint REFERENCES users (id),
  locked_at    timestamptz,
  locked_reason text,
  CHECK ((definition ->> 'version')::integer = version)
);

CREATE FUNCTION methodology_version_in_published_ranking(v integer) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
DECLARE
  used boolean := false;
BEGIN
  IF to_regclass('ranking_editions') IS NOT NULL THEN
    EXECUTE 'SELECT EXISTS (SELECT 1 FROM ranking_editions WHERE status = ''published'' AND methodology_version IN ($1::text, ''v'' || $1::text))'
      INTO used USING v;
  END IF;
  RETURN used;
END;
$$;

CREATE FUNCTION methodology_version_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Locking itself (only locked_at/locked_reason change) is always allowed once.
  IF TG_OP = 'UPDATE' AND OLD.locked_at IS NULL AND NEW.locked_at IS NOT NULL
     AND NEW.version = OLD.version AND NEW.title = OLD.title AND NEW.definition = OLD.definition THEN
    RETURN NEW;
  END IF;
  IF OLD.locked_at IS NOT NULL OR methodology_version_in_published_ranking(OLD.version) THEN
    RAISE EXCEPTION 'methodology version % is used by a published ranking and cannot change; create a new version', OLD.version
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER methodology_versions_immutable BEFORE UPDATE OR DELETE ON methodology_versions
  FOR EACH ROW EXECUTE FUNCTION methodology_version_is_immutable();

INSERT INTO methodology_versions (version, title, definition)
VALUES (1, 'Методика оценки официальных страниц, версия 1', '{"version":1,"title":{"ru":"Методика оценки официальных страниц, версия 1","en":"Official page assessment methodology, version 1"},"effectiveFrom":"2025-01-01","partialShare":0.5,"minimumCoverage":0.5,"sla":{"durationMinutes":1440,"clock":"calendar","timezone":"Europe/Saratov","utcOffsetMinutes":240,"week":[{"openMinute":540,"closeMinute":1080},{"openMinute":540,"closeMinute":1080},{"openMinute":540,"closeMinute":1080},{"openMinute":540,"closeMinute":1080},{"openMinute":540,"closeMinute":1080},null,null],"holidays":[],"extraWorkingDays":[],"extraWorkingDayHours":{"openMinute":540,"closeMinute":1080},"minimumSample":10},"criteria":[{"code":"PROFILE_DESCRIPTION","title":{"ru":"Описание организации","en":"Description of the body"},"description":{"ru":"В описании страницы указано, что это за организация и чем она занимается.","en":"The page description says what the body is and does."},"group":"profile","weight":2,"evaluation":{"kind":"automatic","metric":"profile_field","parameters":{"field":"description"}},"applicability":{"networks":[],"organizationKinds":[],"sectors":[]},"thresholds":{"direction":"higher","pass":1,"partial":1}},{"code":"PROFILE_WEBSITE","title":{"ru":"Адрес официального сайта","en":"Official website address"},"description":{"ru":"В профиле указан адрес официального сайта организации.","en":"The profile gives the official website address."},"group":"profile","weight":2,"evaluation":{"kind":"automatic","metric":"profile_field","parameters":{"field":"website"}},"applicability":{"networks":[],"organizationKinds":[],"sectors":[]},"thresholds":{"direction":"higher","pass":1,"partial":1}},{"code":"PROFILE_PHONE","title":{"ru":"Телефон","en":"Phone number"},"description":{"ru":"В профиле указан контактный телефон.","en":"The profile gives a contact phone number."},"group":"profile","weight":2,"evaluation":{"kind":"automatic","metric":"profile_field","parameters":{"field":"phone"}},"applicability":{"networks":[],"organizationKinds":[],"sectors":[]},"thresholds":{"direction":"higher","pass":1,"partial":1}},{"code":"PROFILE_EMAIL","title":{"ru":"Электронная почта","en":"E-mail"},"description":{"ru":"В профиле указан адрес электронной почты.","en":"The profile gives an e-mail address."},"group":"profile","weight":2,"evaluation":{"kind":"automatic","metric":"profile_field","parameters":{"field":"email"}},"applicability":{"networks":[],"organizationKinds":[],"sectors":[]},"thresholds":{"direction":"higher","pass":1,"partial":1}},{"code":"PROFILE_WORKING_HOURS","title":{"ru":"Режим работы","en":"Working hours"},"description":{"ru":"В профиле указан режим работы организации.","en":"The profile gives the working hours."},"group":"profile","weight":2,"evaluation":{"kind":"automatic","metric":"profile_field","parameters":{"field":"workingHours"}},"applicability":{"networks":[],"organizationKinds":[],"sectors":[]},"thresholds":{"direction":"higher","pass":1,"partial":1}},{"code":"PROFILE_POSTAL_ADDRESS","title":{"ru":"Почтовый адрес","en":"Postal address"},"description":{"ru":"В профиле указан почтовый адрес.","en":"The profile gives a postal address."},"group":"profile","weight":2,"evaluation":{"kind":"automatic","metric":"profile_field","parameters":{"field":"postalAddress"}},"applicability":{"networks":[],"organizationKinds":[],"sectors":[]},"thresholds":{"direction":"higher","pass":1,"partial":1}},{"code":"PROFILE_HEAD_LINK","title":{"ru":"Ссылка на аккаунт руководителя","en":"Link to the head''s account"},"description":{"ru":"В профиле есть ссылка на официальный аккаунт руководителя.","en":"The profile links to the head''s official account."},"group":"profile","weight":2,"evaluation":{"kind":"automatic","metric":"profile_field","parameters":{"field":"headAccountUrl"}},"applicability":{"networks":[],"organizationKinds":["regional_executive","local_government"],"sectors":[]},"thresholds":{"direction":"higher","pass":1,"partial":1}},{"code":"PROFILE_AVATAR_COVER","title":{"ru":"Аватар и обложка","en":"Avatar and cover"},"description":{"ru":"У страницы установлены аватар и обложка.","en":"The page has an avatar and a cover image."},"group":"profile","weight":2,"evaluation":{"kind":"automatic","metric":"profile_field","parameters":{"field":"avatarAndCover"}},"applicability":{"networks":["vk","ok"],"organizationKinds":[],"sectors":[]},"thresholds":{"direction":"higher","pass":1,"partial":1}},{"code":"WEBSITE_BACKLINK","title":{"ru":"Сайт ссылается на страницу","en":"Website links back to the page"},"description":{"ru":"На официальном сайте организации есть ссылка на эту страницу.","en":"The body''s official website links to this page."},"group":"profile","weight":4,"evaluation":{"kind":"automatic","metric":"website_backlink","parameters":{}},"applicability":{"networks":[],"organizationKinds":[],"sectors":[]},"thresholds":{"direction":"higher","pass":1,"partial":1}},{"code":"COMMENTS_OPEN","title":{"ru":"Комментарии открыты","en":"Comments are open"},"description":{"ru":"Граждане могут оставлять комментарии к записям.","en":"Citizens can comment on posts."},"group":"feedback","weight":4,"evaluation":{"kind":"automatic","metric":"comments_open","parameters":{}},"applicability":{"networks":["vk","ok"],"organizationKinds":[],"sectors":[]},"thresholds":{"direction":"higher","pass":1,"partial":1}},{"code":"POSTING_REGULARITY","title":{"ru":"Регулярность публикаций","en":"Posting regularity"},"description":{"ru":"Не реже 3 публикаций в неделю в среднем за период и ни одного перерыва дольше 7 дней.","en":"At least 3 posts a week on average over the period and no gap longer than 7 days."},"group":"activity","weight":10,"evaluation":{"kind":"automatic","metric":"posting_regularity","parameters":{"postsPerWeek":3,"maxGapDays":7}},"applicability":{"networks":[],"organizationKinds":[],"sectors":[]},"thresholds":{"direction":"higher","pass":2,"partial":1}},{"code":"ER_POST","title":{"ru":"Вовлеченность ERpost относительно отрасли","en":"ERpost relative to the sector"},"description":{"ru":"ERpost = (лайки + репосты + комментарии) / подписчики × 100%, среднее по записям; сравнивается с медианой страниц той же отрасли.","en":"ERpost = (likes + reposts + comments) / followers × 100%, averaged over posts; compared with the median of the same sector."},"group":"engagement","weight":6,"evaluation":{"kind":"automatic","metric":"er_post_vs_peers","parameters":{}},"applicability":{"networks":[],"organizationKinds":[],"sectors":[]},"thresholds":{"direction":"higher","pass":1,"partial":0.5}},{"code":"ER_VIEW","title":{"ru":"Вовлеченность ERview относительно отрасли","en":"ERview relative to the sector"},"description":{"ru":"ERview = (лайки + репосты + комментарии) / просмотры × 100%, среднее по записям; сравнивается с медианой отрасли.","en":"ERview = (likes + reposts + comments) / views × 100%, averaged over posts; compared with the sector median."},"group":"engagement","weight":4,"evaluation":{"kind":"automatic","metric":"er_view_vs_peers","parameters":{}},"applicability":{"networks":[],"organizationKinds":[],"sectors":[]},"thresholds":{"direction":"higher","pass":1,"partial":0.5}},{"code":"RESPONSE_RATE","title":{"ru":"Доля вопросов с ответом","en":"Response rate"},"description":{"ru":"Доля вопросов, жалоб и просьб граждан в комментариях, на которые страница ответила.","en":"Share of citizens'' questions, complaints and requests in comments that the page answered."},"group":"feedback","weight":12,"evaluation":{"kind":"automatic","metric":"response_rate","parameters":{}},"applicability":{"networks":["vk","ok"],"organizationKinds":[],"sectors":[]},"thresholds":{"direction":"higher","pass":0.9,"partial":0.6}},{"code":"SLA_WITHIN_24H","title":{"ru":"Ответ в течение 24 часов","en":"Answered within 24 hours"},"description":{"ru":"Доля вопросов, на которые ответ дан не позднее 24 часов.","en":"Share of questions answered within 24 hours."},"group":"feedback","weight":14,"evaluation":{"kind":"automatic","metric":"share_within_sla","parameters":{}},"applicability":{"networks":["vk","ok"],"organizationKinds":[],"sectors":[]},"thresholds":{"direction":"higher","pass":0.9,"partial":0.7}},{"code":"MEDIAN_FIRST_RESPONSE","title":{"ru":"Медианное время первого ответа","en":"Median first-response time"},"description":{"ru":"Медиана времени от вопроса до первого ответа страницы, в часах.","en":"Median time from a question to the first reply of the page, in hours."},"group":"feedback","weight":6,"evaluation":{"kind":"automatic","metric":"median_first_response_hours","parameters":{}},"applicability":{"networks":["vk","ok"],"organizationKinds":[],"sectors":[]},"thresholds":{"direction":"lower","pass":8,"partial":24}},{"code":"OPERATIONAL_INFO","title":{"ru":"Своевременность оперативной информации","en":"Timeliness of operational information"},"description":{"ru":"Отключения, перекрытия, ЧС публикуются заранее или сразу.","en":"Outages, closures and emergencies are announced in advance or immediately."},"group":"content","weight":6,"evaluation":{"kind":"manual","scale":{"min":0,"max":2},"guidance":{"ru":"0 — нет или с опозданием; 1 — частично; 2 — всегда своевременно.","en":"0 — missing or late; 1 — partly; 2 — always timely."}},"applicability":{"networks":[],"organizationKinds":[],"sectors":[]},"thresholds":{"direction":"higher","pass":2,"partial":1}},{"code":"SUBSTANTIVE_ANSWERS","title":{"ru":"Ответы по существу","en":"Substantive answers"},"description":{"ru":"Ответ сообщает, что и к какому сроку будет сделано или почему это невозможно; отписки не засчитываются.","en":"An answer says what will be done and by when, or why it cannot be; formal replies do not count."},"group":"feedback","weight":8,"evaluation":{"kind":"manual","scale":{"min":0,"max":2},"guidance":{"ru":"0 — в основном отписки; 1 — смешанно; 2 — в основном по существу.","en":"0 — mostly formal; 1 — mixed; 2 — mostly substantive."}},"applicability":{"networks":["vk","ok"],"organizationKinds":[],"sectors":[]},"thresholds":{"direction":"higher","pass":2,"partial":1}},{"code":"LITERACY_STYLE","title":{"ru":"Грамотность и стиль","en":"Literacy and style"},"description":{"ru":"Тексты грамотные, понятные, без канцелярита.","en":"Texts are literate, clear and free of bureaucratese."},"group":"content","weight":4,"evaluation":{"kind":"manual","scale":{"min":0,"max":2},"guidance":{"ru":"0 — много ошибок; 1 — отдельные ошибки; 2 — грамотно и понятно.","en":"0 — many errors; 1 — some errors; 2 — literate and clear."}},"applicability":{"networks":[],"organizationKinds":[],"sectors":[]},"thresholds":{"direction":"higher","pass":2,"partial":1}},{"code":"GOV_BADGE","title":{"ru":"Отметка «Госорганизация»","en":"«Госорганизация» badge"},"description":{"ru":"Страница имеет отметку «Госорганизация» (подтверждается через Госуслуги; в API нет поля — проверяется вручную).","en":"The page carries the «Госорганизация» badge (granted via Gosuslugi; not in the API — checked manually)."},"group":"profile","weight":3,"evaluation":{"kind":"manual","scale":{"min":0,"max":1},"guidance":{"ru":"1 — отметка есть; 0 — нет.","en":"1 — badge present; 0 — absent."}},"applicability":{"networks":["vk","ok"],"organizationKinds":[],"sectors":[]},"thresholds":{"direction":"higher","pass":1,"partial":1}},{"code":"POS_WIDGET","title":{"ru":"Виджет ПОС","en":"Gosuslugi feedback widget (ПОС)"},"description":{"ru":"Над лентой размещен виджет платформы обратной связи Госуслуг.","en":"The Gosuslugi feedback platform widget is placed above the feed."},"group":"feedback","weight":3,"evaluation":{"kind":"manual","scale":{"min":0,"max":1},"guidance":{"ru":"1 — виджет есть; 0 — нет.","en":"1 — widget present; 0 — absent."}},"applicability":{"networks":["vk"],"organizationKinds":[],"sectors":[]},"thresholds":{"direction":"higher","pass":1,"partial":1}}]}'::jsonb);

CREATE TABLE comment_classifications (
  comment_id             bigint PRIMARY KEY REFERENCES comments (id) ON DELETE CASCADE,
  account_id             bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  category               text NOT NULL CHECK (category IN ('question', 'request', 'complaint', 'gratitude', 'opinion', 'greeting', 'spam', 'other')),
  needs_answer           boolean NOT NULL,
  confidence             real NOT NULL CHECK (confidence BETWEEN 0 AND 1),
  reasons                text[] NOT NULL DEFAULT '{}',
  classifier_version     text NOT NULL,
  classified_at          timestamptz NOT NULL,
  override_category      text CHECK (override_category IN ('question', 'request', 'complaint', 'gratitude', 'opinion', 'greeting', 'spam', 'other')),
  override_needs_answer  boolean,
  override_reason        text CHECK (length(override_reason) <= 2000),
  overridden_by          bigint REFERENCES users (id),
  overridden_at          timestamptz,
  effective_needs_answer boolean GENERATED ALWAYS AS (COALESCE(override_needs_answer, needs_answer)) STORED,
  effective_category     text GENERATED ALWAYS AS (COALESCE(override_category, category)) STORED,
  CHECK ((override_needs_answer IS NULL) = (overridden_at IS NULL))
);
CREATE INDEX comment_classifications_review_idx ON comment_classifications (account_id, confidence) WHERE overridden_at IS NULL;

CREATE TABLE response_marks (
  comment_id  bigint PRIMARY KEY REFERENCES comments (id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('substantive', 'intermediate')),
  marked_by   bigint REFERENCES users (id),
  marked_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE question_exclusions (
  comment_id  bigint PRIMARY KEY REFERENCES comments (id) ON DELETE CASCADE,
  reason      text NOT NULL,
  dispute_id  bigint,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Page replies of a post in time order: the SLA matching looks them up per question.
CREATE INDEX comments_page_replies_idx ON comments (post_id, published_at, id) WHERE from_page AND deleted_at IS NULL;

CREATE TABLE question_measurements (
  question_id             bigint PRIMARY KEY REFERENCES comments (id) ON DELETE CASCADE,
  account_id              bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  post_id                 bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  asked_at                timestamptz NOT NULL,
  state                   text NOT NULL CHECK (state IN ('answered_in_time', 'answered_late', 'open_within_window', 'breached', 'excluded')),
  excluded_reason         text,
  clock                   text NOT NULL CHECK (clock IN ('calendar', 'working_hours')),
  deadline_at             timestamptz,
  first_reply_id          bigint REFERENCES comments (id) ON DELETE SET NULL,
  first_reply_at          timestamptz,
  first_response_seconds  double precision,
  substantive_reply_id    bigint REFERENCES comments (id) ON DELETE SET NULL,
  substantive_state       text CHECK (substantive_state IN ('answered_in_time', 'answered_late', 'open_within_window', 'breached')),
  substantive_seconds     double precision,
  evaluated_at            timestamptz NOT NULL,
  measured_at             timestamptz NOT NULL,
  CHECK ((state = 'excluded') = (excluded_reason IS NOT NULL))
);
CREATE INDEX question_measurements_account_idx ON question_measurements (account_id, asked_at);

CREATE TABLE manual_assessments (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id      bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  criterion_code  text NOT NULL,
  score           integer NOT NULL,
  note            text CHECK (length(note) <= 2000),
  valid_from      date NOT NULL,
  assessed_by     bigint REFERENCES users (id),
  assessed_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX manual_assessments_lookup_idx ON manual_assessments (account_id, criterion_code, valid_from DESC, id DESC);

CREATE TABLE website_checks (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id    bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  checked_at    timestamptz NOT NULL,
  page_url      text NOT NULL,
  found         boolean NOT NULL,
  matched_href  text,
  social_links  integer NOT NULL DEFAULT 0,
  error         text
);
CREATE INDEX website_checks_account_idx ON website_checks (account_id, checked_at DESC, id DESC);

CREATE TABLE account_scores (
  account_id           bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  period_kind          text NOT NULL CHECK (period_kind IN ('week', 'month', 'quarter')),
  period_start         date NOT NULL,
  period_end           date NOT NULL,
  methodology_version  integer NOT NULL REFERENCES methodology_versions (version),
  status               text NOT NULL CHECK (status IN ('ok', 'not_enough_data')),
  total                numeric(5, 1) CHECK (total BETWEEN 0 AND 100),
  earned               double precision NOT NULL,
  possible             double precision NOT NULL,
  coverage             double precision NOT NULL,
  questions            integer NOT NULL,
  decided_questions    integer NOT NULL,
  computed_at          timestamptz NOT NULL,
  PRIMARY KEY (account_id, period_kind, period_start, methodology_version),
  CHECK ((status = 'ok') = (total IS NOT NULL))
);
CREATE INDEX account_scores_period_idx ON account_scores (period_kind, period_start, methodology_version);

CREATE TABLE account_criterion_scores (
  account_id           bigint NOT NULL,
  period_kind          text NOT NULL,
  period_start         date NOT NULL,
  methodology_version  integer NOT NULL,
  criterion_code       text NOT NULL,
  status               text NOT NULL CHECK (status IN ('pass', 'partial', 'fail', 'not_applicable', 'not_enough_data')),
  value                double precision,
  points               double precision NOT NULL,
  max_points           double precision NOT NULL,
  evidence             jsonb NOT NULL DEFAULT '[]'::jsonb,
  overridden           boolean NOT NULL DEFAULT false,
  PRIMARY KEY (account_id, period_kind, period_start, methodology_version, criterion_code),
  FOREIGN KEY (account_id, period_kind, period_start, methodology_version)
    REFERENCES account_scores (account_id, period_kind, period_start, methodology_version) ON DELETE CASCADE
);

CREATE TABLE criterion_overrides (
  account_id      bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  period_kind     text NOT NULL CHECK (period_kind IN ('week', 'month', 'quarter')),
  period_start    date NOT NULL,
  criterion_code  text NOT NULL,
  status          text NOT NULL CHECK (status IN ('pass', 'partial', 'fail', 'not_applicable')),
  dispute_id      bigint,
  created_by      bigint REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, period_kind, period_start, criterion_code)
);

CREATE TABLE organization_scores (
  organization_id      bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  period_kind          text NOT NULL CHECK (period_kind IN ('week', 'month', 'quarter')),
  period_start         date NOT NULL,
  period_end           date NOT NULL,
  methodology_version  integer NOT NULL REFERENCES methodology_versions (version),
  score                numeric(6, 2) CHECK (score BETWEEN 0 AND 100),
  enough_data          boolean NOT NULL,
  accounts_scored      integer NOT NULL CHECK (accounts_scored >= 0),
  accounts_total       integer NOT NULL CHECK (accounts_total >= accounts_scored),
  sample_size          integer NOT NULL CHECK (sample_size >= 0),
  criteria             jsonb NOT NULL DEFAULT '[]'::jsonb,
  computed_at          timestamptz NOT NULL,
  PRIMARY KEY (organization_id, period_kind, period_start, methodology_version),
  CHECK (enough_data = (score IS NOT NULL))
);
CREATE INDEX organization_scores_period_idx ON organization_scores (period_kind, period_start, methodology_version);

CREATE TABLE recommendations (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id           bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  period_kind          text NOT NULL CHECK (period_kind IN ('week', 'month', 'quarter')),
  period_start         date NOT NULL,
  methodology_version  integer NOT NULL REFERENCES methodology_versions (version),
  criterion_code       text NOT NULL,
  generated_text       text NOT NULL,
  edited_text          text CHECK (length(edited_text) <= 5000),
  edited_by            bigint REFERENCES users (id),
  edited_at            timestamptz,
  evidence             jsonb NOT NULL DEFAULT '[]'::jsonb,
  potential_points     double precision NOT NULL DEFAULT 0,
  status               text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'sent', 'acknowledged', 'resolved', 'not_resolved')),
  status_changed_at    timestamptz NOT NULL DEFAULT now(),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, period_kind, period_start, methodology_version, criterion_code)
);
CREATE INDEX recommendations_status_idx ON recommendations (status, account_id);

CREATE FUNCTION recommendation_status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = OLD.status THEN
    RETURN NEW;
  END IF;
  IF NOT ((OLD.status = 'new' AND NEW.status IN ('sent', 'resolved'))
       OR (OLD.status = 'sent' AND NEW.status IN ('acknowledged', 'resolved', 'not_resolved'))
       OR (OLD.status = 'acknowledged' AND NEW.status IN ('resolved', 'not_resolved'))) THEN
    RAISE EXCEPTION 'recommendation % cannot go from % to %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  NEW.status_changed_at := now();
  RETURN NEW;
END;
$$;
CREATE TRIGGER recommendations_status_transition BEFORE UPDATE OF status ON recommendations
  FOR EACH ROW EXECUTE FUNCTION recommendation_status_transition();

CREATE TABLE disputes (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id       bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  comment_id       bigint REFERENCES comments (id) ON DELETE SET NULL,
  criterion_code   text,
  period_kind      text CHECK (period_kind IN ('week', 'month', 'quarter')),
  period_start     date,
  reason_kind      text NOT NULL CHECK (reason_kind IN ('answered_elsewhere', 'not_a_question', 'criterion_wrong', 'other')),
  text             text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
  raised_by        bigint REFERENCES users (id),
  raised_at        timestamptz NOT NULL DEFAULT now(),
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
  decided_by       bigint REFERENCES users (id),
  decided_at       timestamptz,
  decision_reason  text CHECK (length(decision_reason) <= 4000),
  corrected_status text CHECK (corrected_status IN ('pass', 'partial', 'fail', 'not_applicable')),
  CHECK (comment_id IS NOT NULL OR (criterion_code IS NOT NULL AND period_kind IS NOT NULL AND period_start IS NOT NULL)),
  CHECK ((status = 'open') = (decided_at IS NULL)),
  CHECK (status = 'open' OR decision_reason IS NOT NULL)
);
CREATE INDEX disputes_open_idx ON disputes (account_id) WHERE status = 'open';

CREATE TABLE comment_purges (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_at           timestamptz NOT NULL,
  cutoff           timestamptz NOT NULL,
  retention_days   integer NOT NULL CHECK (retention_days > 0),
  comments_purged  integer NOT NULL,
  edits_deleted    integer NOT NULL
);
