/**
 * The stored registry: trusted publisher keys, plugin versions (manifest and bundle, kept for ever), each
 * city's choices, and the audit log. Plain SQL over the `Queryable` port; the callers hold transactions.
 */
import type { Manifest } from '@fenghuo/sdk/bundle';
import type { Queryable } from '../store/db.js';
import type { CityPluginState, PluginQuarantine } from './plugins.js';

export interface PublisherRow {
  keyId: string;
  name: string;
  publicKey: string;
  trustedBy: string;
  trustedAt: string;
  revokedAt: string | null;
}

export interface VersionRow {
  id: string;
  version: string;
  kind: 'risk-type' | 'sensor';
  manifest: Manifest;
  sha256: string;
  publisherKey: string;
  source: 'upload' | 'shipped';
  uploadedBy: string;
  uploadedAt: string;
}

export interface AuditRow {
  id: string;
  at: string;
  actor: string;
  city: string | null;
  plugin: string | null;
  version: string | null;
  action: string;
  data: Record<string, unknown>;
}

/** What an audit entry records. `city` is null for platform-wide changes (a publish, a trusted key). */
export interface AuditInput {
  actor: string;
  city?: string | null;
  plugin?: string | null;
  version?: string | null;
  action: string;
  data?: Record<string, unknown>;
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));

export async function trustedKeys(q: Queryable): Promise<Record<string, string>> {
  const { rows } = await q.query<{ key_id: string; public_key: string }>(
    'SELECT key_id, public_key FROM plugin_publishers WHERE revoked_at IS NULL',
  );
  return Object.fromEntries(rows.map((r) => [r.key_id, r.public_key]));
}

export async function listPublishers(q: Queryable): Promise<PublisherRow[]> {
  const { rows } = await q.query<Record<string, unknown>>(
    'SELECT key_id, name, public_key, trusted_by, trusted_at, revoked_at FROM plugin_publishers ORDER BY trusted_at, key_id',
  );
  return rows.map((r) => ({
    keyId: String(r['key_id']),
    name: String(r['name']),
    publicKey: String(r['public_key']),
    trustedBy: String(r['trusted_by']),
    trustedAt: iso(r['trusted_at']),
    revokedAt: isoOrNull(r['revoked_at']),
  }));
}

const VERSION_COLUMNS =
  'plugin_id, version, kind, manifest, sha256, publisher_key, source, uploaded_by, uploaded_at';

function versionRow(r: Record<string, unknown>): VersionRow {
  return {
    id: String(r['plugin_id']),
    version: String(r['version']),
    kind: r['kind'] as VersionRow['kind'],
    manifest: r['manifest'] as Manifest,
    sha256: String(r['sha256']),
    publisherKey: String(r['publisher_key']),
    source: r['source'] as VersionRow['source'],
    uploadedBy: String(r['uploaded_by']),
    uploadedAt: iso(r['uploaded_at']),
  };
}

/** Every stored version (without bundles), or one plugin's. */
export async function listVersions(q: Queryable, id?: string): Promise<VersionRow[]> {
  const { rows } = await q.query<Record<string, unknown>>(
    `SELECT ${VERSION_COLUMNS} FROM plugin_versions ${id === undefined ? '' : 'WHERE plugin_id = $1'} ORDER BY plugin_id, uploaded_at`,
    id === undefined ? [] : [id],
  );
  return rows.map(versionRow);
}

export async function getVersion(
  q: Queryable,
  id: string,
  version: string,
): Promise<(VersionRow & { bundle: string }) | null> {
  const { rows } = await q.query<Record<string, unknown>>(
    `SELECT ${VERSION_COLUMNS}, bundle FROM plugin_versions WHERE plugin_id = $1 AND version = $2`,
    [id, version],
  );
  const r = rows[0];
  return r ? { ...versionRow(r), bundle: String(r['bundle']) } : null;
}

export async function insertVersion(
  q: Queryable,
  v: Omit<VersionRow, 'uploadedAt'> & { bundle: string },
  replace: boolean,
): Promise<boolean> {
  const { rowCount } = await q.query(
    `INSERT INTO plugin_versions (plugin_id, version, kind, manifest, bundle, sha256, publisher_key, source, uploaded_by)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9)
     ${
       replace
         ? `ON CONFLICT (plugin_id, version) DO UPDATE SET manifest = excluded.manifest, bundle = excluded.bundle,
              sha256 = excluded.sha256, publisher_key = excluded.publisher_key, uploaded_by = excluded.uploaded_by,
              uploaded_at = now()`
         : 'ON CONFLICT (plugin_id, version) DO NOTHING'
     }`,
    [
      v.id,
      v.version,
      v.kind,
      JSON.stringify(v.manifest),
      v.bundle,
      v.sha256,
      v.publisherKey,
      v.source,
      v.uploadedBy,
    ],
  );
  return (rowCount ?? 0) > 0;
}

function stateOf(r: Record<string, unknown>): CityPluginState {
  const q = r['quarantine'] as Omit<PluginQuarantine, 'version' | 'at'> | null;
  return {
    enabled: r['enabled'] === true,
    pinnedVersion: (r['pinned_version'] as string | null) ?? null,
    config: (r['config'] as Record<string, unknown> | null) ?? null,
    quarantine:
      r['quarantined_version'] && q
        ? {
            version: String(r['quarantined_version']),
            at: iso(r['quarantined_at']),
            code: q.code,
            message: q.message,
            failures: q.failures,
          }
        : null,
  };
}

export async function listCityStates(
  q: Queryable,
): Promise<{ city: string; plugin: string; state: CityPluginState }[]> {
  const { rows } = await q.query<Record<string, unknown>>(
    'SELECT city_id, plugin_id, enabled, pinned_version, config, quarantined_version, quarantined_at, quarantine FROM city_plugins',
  );
  return rows.map((r) => ({ city: String(r['city_id']), plugin: String(r['plugin_id']), state: stateOf(r) }));
}

/** Write a city's whole choice for a plugin (insert or replace). */
export async function saveCityState(
  q: Queryable,
  city: string,
  plugin: string,
  s: CityPluginState,
  actor: string,
): Promise<void> {
  await q.query(
    `INSERT INTO city_plugins (city_id, plugin_id, enabled, pinned_version, config, quarantined_version, quarantined_at, quarantine, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7::timestamptz, $8::jsonb, $9, now())
     ON CONFLICT (city_id, plugin_id) DO UPDATE SET enabled = excluded.enabled, pinned_version = excluded.pinned_version,
       config = excluded.config, quarantined_version = excluded.quarantined_version,
       quarantined_at = excluded.quarantined_at, quarantine = excluded.quarantine,
       updated_by = excluded.updated_by, updated_at = now()`,
    [
      city,
      plugin,
      s.enabled,
      s.pinnedVersion,
      s.config === null ? null : JSON.stringify(s.config),
      s.quarantine?.version ?? null,
      s.quarantine?.at ?? null,
      s.quarantine
        ? JSON.stringify({
            code: s.quarantine.code,
            message: s.quarantine.message,
            failures: s.quarantine.failures,
          })
        : null,
      actor,
    ],
  );
}

export async function appendAudit(q: Queryable, e: AuditInput): Promise<void> {
  await q.query(
    'INSERT INTO plugin_audit (actor, city_id, plugin_id, version, action, data) VALUES ($1, $2, $3, $4, $5, $6::jsonb)',
    [e.actor, e.city ?? null, e.plugin ?? null, e.version ?? null, e.action, JSON.stringify(e.data ?? {})],
  );
}

/**
 * Audit entries, newest first: platform-wide ones and those of `city` (never another city's), optionally
 * of one plugin.
 */
export async function listAudit(
  q: Queryable,
  opts: { city: string; plugin?: string; limit?: number },
): Promise<AuditRow[]> {
  const params: unknown[] = [opts.city, Math.min(Math.max(opts.limit ?? 100, 1), 1000)];
  let where = '(city_id IS NULL OR city_id = $1)';
  if (opts.plugin !== undefined) {
    params.push(opts.plugin);
    where += ' AND plugin_id = $3';
  }
  const { rows } = await q.query<Record<string, unknown>>(
    `SELECT id::text, at, actor, city_id, plugin_id, version, action, data FROM plugin_audit
     WHERE ${where} ORDER BY plugin_audit.id DESC LIMIT $2`,
    params,
  );
  return rows.map((r) => ({
    id: String(r['id']),
    at: iso(r['at']),
    actor: String(r['actor']),
    city: (r['city_id'] as string | null) ?? null,
    plugin: (r['plugin_id'] as string | null) ?? null,
    version: (r['version'] as string | null) ?? null,
    action: String(r['action']),
    data: (r['data'] as Record<string, unknown>) ?? {},
  }));
}
