-- crawl_runs  One row per crawl run of a network; `run_at` is the run's start as carried in its job
--             ids. `account_ids` is null for a run over the whole registry, or the pages an operator
--             asked to crawl now. The crawl workers add to `requests` (one per job attempt that asks
--             the network), `errors` (failed attempts) and `jobs` as each job ends; `started_at` /
--             `last_job_at` bound the work. `finished_at` and `summary` are written once, when no job of
--             the run is left (the run's summary, also logged by the worker).
CREATE TABLE crawl_runs (
  network      text NOT NULL CHECK (network IN ('vk', 'ok', 'telegram')),
  run_at       timestamptz NOT NULL,
  account_ids  bigint[],
  jobs         integer NOT NULL DEFAULT 0,
  requests     integer NOT NULL DEFAULT 0,
  errors       integer NOT NULL DEFAULT 0,
  started_at   timestamptz,
  last_job_at  timestamptz,
  finished_at  timestamptz,
  summary      jsonb,
  PRIMARY KEY (network, run_at)
);
