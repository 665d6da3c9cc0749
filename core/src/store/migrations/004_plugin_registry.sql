-- The plugin registry: publisher keys the platform trusts, every uploaded plugin version (kept for ever,
-- bundle included), each city's choice per plugin (enabled, pinned version, config, quarantine), an audit
-- log of every change, and operator alarms (the platform's own faults, such as a quarantined plugin).

-- Publisher keys (Ed25519, PEM) whose signatures the platform accepts. A revoked key no longer verifies
-- new uploads; versions it signed earlier stay installed.
CREATE TABLE plugin_publishers (
  key_id      text PRIMARY KEY,
  name        text NOT NULL,
  public_key  text NOT NULL,
  trusted_by  text NOT NULL,
  trusted_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);

-- The platform's own signing keys: the key this installation signs the plugins it ships with (plugins/),
-- so that they are installed through the same verification as a vendor's upload.
CREATE TABLE platform_keys (
  name         text PRIMARY KEY,
  key_id       text NOT NULL,
  private_key  text NOT NULL,
  public_key   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE plugin_versions (
  plugin_id     text NOT NULL,
  version       text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('risk-type', 'sensor')),
  manifest      jsonb NOT NULL,
  bundle        text NOT NULL,
  sha256        text NOT NULL,
  publisher_key text NOT NULL,
  source        text NOT NULL CHECK (source IN ('upload', 'shipped')),
  uploaded_by   text NOT NULL,
  uploaded_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (plugin_id, version)
);

-- A city's choice per plugin. No row: a shipped plugin is enabled and follows its latest version; an
-- uploaded one is disabled until the city's administrator enables it.
CREATE TABLE city_plugins (
  city_id            text NOT NULL REFERENCES cities(id),
  plugin_id          text NOT NULL,
  enabled            boolean NOT NULL,
  pinned_version     text,
  config             jsonb,
  quarantined_version text,
  quarantined_at     timestamptz,
  quarantine         jsonb,
  updated_by         text NOT NULL,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (city_id, plugin_id)
);

CREATE TABLE plugin_audit (
  id         bigserial PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  actor      text NOT NULL,
  city_id    text,
  plugin_id  text,
  version    text,
  action     text NOT NULL,
  data       jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX plugin_audit_plugin ON plugin_audit (plugin_id, at);
CREATE INDEX plugin_audit_city ON plugin_audit (city_id, at);

-- Faults of the platform itself that an operator must see and act on (not a sensor's alarm).
CREATE TABLE operator_alarms (
  id           bigserial PRIMARY KEY,
  city_id      text NOT NULL REFERENCES cities(id),
  kind         text NOT NULL,
  subject      text NOT NULL,
  level        text NOT NULL CHECK (level IN ('blue', 'yellow', 'orange', 'red')),
  status       text NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
  title_zh     text NOT NULL,
  title_en     text NOT NULL,
  data         jsonb NOT NULL DEFAULT '{}',
  raised_at    timestamptz NOT NULL DEFAULT now(),
  acknowledged_by text,
  acknowledged_at timestamptz,
  resolved_by  text,
  resolved_at  timestamptz
);
-- One open (or acknowledged) alarm per city, kind and subject.
CREATE UNIQUE INDEX operator_alarms_live ON operator_alarms (city_id, kind, subject) WHERE status <> 'resolved';

-- Vendors and CI upload plugins with a publisher token; the platform operator's token trusts keys.
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_role_check;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_role_check
  CHECK (role IN ('admin', 'operator', 'viewer', 'device', 'publisher', 'platform'));
