-- crawl_fresh_ticks  One row per tick of a network's fresh pass (comments of recent posts re-read
--                    between hourly passes): how many posts were due, how many were enqueued within
--                    the tick's share of the request budget (`capacity`), how many were left for a
--                    later tick, and the requests and failed attempts its jobs made (added as each job
--                    ends). Monitors and the benchmark read the pass's share of the budget from here.
CREATE TABLE crawl_fresh_ticks (
  network     text NOT NULL CHECK (network IN ('vk', 'ok', 'telegram')),
  tick_at     timestamptz NOT NULL,
  due         integer NOT NULL CHECK (due >= 0),
  enqueued    integer NOT NULL CHECK (enqueued >= 0),
  deferred    integer NOT NULL CHECK (deferred >= 0),
  capacity    integer NOT NULL CHECK (capacity >= 0),
  requests    integer NOT NULL DEFAULT 0,
  errors      integer NOT NULL DEFAULT 0,
  planned_at  timestamptz NOT NULL,
  PRIMARY KEY (network, tick_at)
);
