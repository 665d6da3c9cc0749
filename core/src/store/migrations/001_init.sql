-- Fenghuo schema, version 1. Runs unchanged on PostgreSQL 15+ and PGlite. Unqualified names: the
-- connection's search_path chooses the schema (tests use one schema per file).

CREATE TABLE cities (
  id          text PRIMARY KEY,
  name_zh     text NOT NULL,
  name_en     text NOT NULL,
  timezone    text NOT NULL DEFAULT 'Asia/Shanghai',
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Owner units (权属单位), departments and governments that receive alarms and warnings.
CREATE TABLE units (
  city_id     text NOT NULL REFERENCES cities(id),
  id          text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('owner', 'department', 'government')),
  name_zh     text NOT NULL,
  name_en     text NOT NULL,
  contact     jsonb NOT NULL DEFAULT '{}',
  webhook_url text,
  PRIMARY KEY (city_id, id)
);

-- Monitored objects, protection targets (防护目标) and hazards (重大危险源).
CREATE TABLE objects (
  city_id     text NOT NULL REFERENCES cities(id),
  id          text NOT NULL,
  kind        text NOT NULL,
  role        text NOT NULL CHECK (role IN ('monitored', 'target', 'hazard')),
  risk_type   text,
  name_zh     text NOT NULL,
  name_en     text NOT NULL,
  owner_unit  text,
  geometry    jsonb NOT NULL,
  lon         double precision NOT NULL,
  lat         double precision NOT NULL,
  attributes  jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (city_id, id),
  FOREIGN KEY (city_id, owner_unit) REFERENCES units(city_id, id)
);

-- Metric keys get a small integer so that a reading row stays narrow.
CREATE TABLE metrics (
  id   smallserial PRIMARY KEY,
  key  text NOT NULL UNIQUE
);

CREATE TABLE sensors (
  sid          serial PRIMARY KEY,
  city_id      text NOT NULL REFERENCES cities(id),
  id           text NOT NULL,
  object_id    text NOT NULL,
  risk_type    text NOT NULL,
  metrics      text[] NOT NULL,
  lon          double precision NOT NULL,
  lat          double precision NOT NULL,
  interval_sec integer,
  attributes   jsonb NOT NULL DEFAULT '{}',
  last_seen    timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (city_id, id),
  FOREIGN KEY (city_id, object_id) REFERENCES objects(city_id, id)
);

-- Readings: one row per sensor, metric and instant; idempotent on that key. Partitioned by month
-- (partitions are created ahead of the data by the store); the key serves time-range queries.
CREATE TABLE readings (
  sid     integer NOT NULL,
  metric  smallint NOT NULL,
  ts      timestamptz NOT NULL,
  value   double precision NOT NULL,
  PRIMARY KEY (sid, metric, ts)
) PARTITION BY RANGE (ts);

-- City overrides of a plugin's default tiers: for the whole risk type, one object or one sensor
-- (the most specific wins).
CREATE TABLE threshold_overrides (
  id           bigserial PRIMARY KEY,
  city_id      text NOT NULL REFERENCES cities(id),
  risk_type    text NOT NULL,
  metric       text NOT NULL,
  object_id    text,
  sensor_id    text,
  levels       jsonb NOT NULL,
  duration_sec integer,
  hysteresis   double precision,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX threshold_overrides_scope ON threshold_overrides
  (city_id, risk_type, metric, coalesce(object_id, ''), coalesce(sensor_id, ''));

-- Alarms (报警): at most one open alarm per sensor and metric.
CREATE TABLE alarms (
  id              bigserial PRIMARY KEY,
  city_id         text NOT NULL,
  sid             integer NOT NULL REFERENCES sensors(sid),
  sensor_id       text NOT NULL,
  object_id       text NOT NULL,
  risk_type       text NOT NULL,
  metric          text NOT NULL,
  kind            text NOT NULL DEFAULT 'threshold' CHECK (kind IN ('threshold', 'offline')),
  level           text NOT NULL CHECK (level IN ('alarm', 'blue', 'yellow', 'orange', 'red')),
  max_level       text NOT NULL,
  status          text NOT NULL CHECK (status IN ('raised', 'acknowledged', 'cleared', 'closed', 'false_alarm')),
  cause           text NOT NULL,
  value           double precision,
  limit_value     double precision,
  reading_ts      timestamptz,
  raised_at       timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  acknowledged_at timestamptz,
  acknowledged_by text,
  cleared_at      timestamptz,
  closed_at       timestamptz
);
CREATE UNIQUE INDEX alarms_one_open ON alarms (sid, metric) WHERE status IN ('raised', 'acknowledged');
CREATE INDEX alarms_city_time ON alarms (city_id, raised_at DESC);

-- Warnings (预警): the analysed risk of an alarm; re-analysed (revision + 1) when the alarm steps up.
CREATE TABLE warnings (
  id              bigserial PRIMARY KEY,
  city_id         text NOT NULL,
  alarm_id        bigint NOT NULL REFERENCES alarms(id),
  risk_type       text NOT NULL,
  object_id       text NOT NULL,
  tier            text NOT NULL CHECK (tier IN ('blue', 'yellow', 'orange', 'red')),
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'lifted')),
  impact          jsonb,
  impact_radius_m double precision,
  targets         jsonb NOT NULL DEFAULT '[]',
  findings        jsonb NOT NULL DEFAULT '[]',
  actions         jsonb NOT NULL DEFAULT '[]',
  title_zh        text NOT NULL,
  title_en        text NOT NULL,
  body_zh         text NOT NULL,
  body_en         text NOT NULL,
  instructions_zh text NOT NULL,
  instructions_en text NOT NULL,
  revision        integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (alarm_id)
);
CREATE INDEX warnings_city_time ON warnings (city_id, created_at DESC);

-- The event archive (预警事件档案): every step of every event, one timeline per alarm.
CREATE TABLE archive_events (
  id         bigserial PRIMARY KEY,
  city_id    text NOT NULL,
  alarm_id   bigint,
  warning_id bigint,
  kind       text NOT NULL,
  actor      text NOT NULL DEFAULT 'system',
  at         timestamptz NOT NULL DEFAULT now(),
  data       jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX archive_events_alarm ON archive_events (alarm_id, at);
CREATE INDEX archive_events_city ON archive_events (city_id, at DESC);

-- In-app notifications to units, and webhook deliveries with their attempts.
CREATE TABLE notifications (
  id         bigserial PRIMARY KEY,
  city_id    text NOT NULL,
  unit_id    text NOT NULL,
  alarm_id   bigint,
  warning_id bigint,
  kind       text NOT NULL,
  title      text NOT NULL,
  body       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at    timestamptz
);
CREATE INDEX notifications_unit ON notifications (city_id, unit_id, created_at DESC);

CREATE TABLE webhook_deliveries (
  id           bigserial PRIMARY KEY,
  city_id      text NOT NULL,
  unit_id      text NOT NULL,
  url          text NOT NULL,
  payload      jsonb NOT NULL,
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts     integer NOT NULL DEFAULT 0,
  last_error   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz
);

-- Durable jobs: the outbox for BullMQ and the queue of the embedded runner. A job is written in the
-- same transaction as the change that causes it, so a crash never loses one.
CREATE TABLE jobs (
  id           bigserial PRIMARY KEY,
  name         text NOT NULL,
  data         jsonb NOT NULL,
  run_at       timestamptz NOT NULL DEFAULT now(),
  attempts     integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  locked_until timestamptz,
  last_error   text,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_due ON jobs (run_at);

-- Weather observations a city records (ctx.weather).
CREATE TABLE weather (
  city_id text NOT NULL,
  ts      timestamptz NOT NULL,
  data    jsonb NOT NULL,
  PRIMARY KEY (city_id, ts)
);

-- API tokens: who is asking, for which city, in which role. Only the SHA-256 of a token is kept.
CREATE TABLE api_tokens (
  token_sha256 text PRIMARY KEY,
  city_id      text NOT NULL REFERENCES cities(id),
  role         text NOT NULL CHECK (role IN ('admin', 'operator', 'viewer', 'device')),
  name         text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
