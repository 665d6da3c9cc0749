/**
 * A city's plugins: enable or disable one, pin a version or follow the latest, roll back, set its config,
 * and the quarantine a failing plugin version falls into — persisted, so that it holds across restarts,
 * with an operator alarm that stays open until an administrator releases it. Every change goes to the
 * plugin audit log and the city's event archive, and reaches the other processes.
 */
import type { TSchema } from '@fenghuo/sdk';
import { compareVersions } from '@fenghuo/sdk/bundle';
import type { QuarantineRecord } from '@fenghuo/sdk/sandbox';
import { Value } from '@sinclair/typebox/value';
import { type ArchiveKind, appendArchive } from '../archive/archive.js';
import type { Core } from '../core.js';
import { coreErrors } from '../errors.js';
import { announce } from '../rules/sync.js';
import type { Queryable } from '../store/db.js';
import { ensureLoaded, type RegistryDeps } from './install.js';
import type { CityPluginState, LoadedPlugin, PluginQuarantine } from './plugins.js';
import { appendAudit, getVersion, listVersions, saveCityState } from './store.js';

/** What a city may change about one plugin; absent fields stay as they are. */
export interface CityPluginChange {
  enabled?: boolean;
  /** A version to hold, or `null` to follow the latest. */
  pinnedVersion?: string | null;
  /** The city's config (over the plugin's defaults), or `null` for the defaults. */
  config?: Record<string, unknown> | null;
}

/** A plugin as one city sees it. */
export interface CityPluginView {
  id: string;
  kind: 'risk-type' | 'sensor';
  enabled: boolean;
  /** The version serving the city. */
  version: string;
  latestVersion: string;
  pinnedVersion: string | null;
  config: Record<string, unknown> | null;
  quarantine: PluginQuarantine | null;
  /** Whether it runs for the city now. */
  active: boolean;
}

const deps = (core: Core): RegistryDeps => ({
  db: core.db,
  sandbox: core.sandbox,
  plugins: core.plugins,
  log: core.log,
});

/** The current choice of a city (its stored row, or the defaults for the plugin). */
function currentState(core: Core, city: string, id: string): CityPluginState {
  return (
    core.plugins.state(id, city) ?? {
      enabled: core.plugins.enabledByDefault(id),
      pinnedVersion: null,
      config: null,
      quarantine: null,
    }
  );
}

/** How the city sees a plugin. Throws FH_PLUGIN_NOT_FOUND. */
export function cityPluginView(core: Core, city: string, id: string): CityPluginView {
  const kind = core.plugins.kind(id);
  const serving = kind === 'sensor' ? core.plugins.sensor(id, city) : core.plugins.get(id, city);
  const latest = kind === 'sensor' ? core.plugins.sensors.get(id) : core.plugins.riskTypes.get(id);
  if (!kind || !serving || !latest) throw coreErrors.PLUGIN_NOT_FOUND({ id });
  const st = currentState(core, city, id);
  const gate = core.plugins.gate(id, city);
  return {
    id,
    kind,
    enabled: st.enabled,
    version: serving.def.version,
    latestVersion: latest.def.version,
    pinnedVersion: st.pinnedVersion,
    config: st.config,
    quarantine: st.quarantine,
    active: gate.ok,
  };
}

/** A plugin as the city sees it, with its name and installed versions. */
export async function pluginDetail(core: Core, city: string, id: string) {
  const view = cityPluginView(core, city, id);
  const versions = (await listVersions(core.db, id)).map((v) => ({
    version: v.version,
    kind: v.kind,
    sha256: v.sha256,
    bytes: v.manifest.bundle.bytes,
    sdk: v.manifest.sdk,
    publisher: v.manifest.publisher,
    source: v.source,
    uploadedBy: v.uploadedBy,
    uploadedAt: v.uploadedAt,
  }));
  const latest = versions.find((v) => v.version === view.latestVersion);
  const stored = latest ? await getVersion(core.db, id, latest.version) : null;
  return {
    ...view,
    name: stored?.manifest.name ?? null,
    vendor: stored?.manifest.vendor ?? null,
    versions,
  };
}

/** Problems of a city's config against the plugin's config schema, merged over its defaults. */
export function configProblems(plugin: LoadedPlugin, config: Record<string, unknown>): string[] {
  const schema = plugin.def.config as TSchema | undefined;
  if (!schema) {
    return Object.keys(config).length > 0 ? ['/: the plugin declares no config, so it takes none'] : [];
  }
  const merged = { ...structuredClone((plugin.def.defaults ?? {}) as object), ...config };
  return [...Value.Errors(schema, merged)].map((e) => `${e.path || '/'}: ${e.message}`);
}

/**
 * Change a city's choice for a plugin. Enabling a plugin whose serving version is quarantined releases
 * the quarantine (and resolves its operator alarm). Throws FH_PLUGIN_NOT_FOUND,
 * FH_PLUGIN_VERSION_NOT_FOUND, FH_PLUGIN_CONFIG_INVALID.
 */
export async function changeCityPlugin(
  core: Core,
  city: string,
  id: string,
  change: CityPluginChange,
  actor: string,
  action?: 'rolled_back',
): Promise<CityPluginView> {
  const kind = core.plugins.kind(id);
  if (!kind) throw coreErrors.PLUGIN_NOT_FOUND({ id });
  const before = currentState(core, city, id);
  const beforeVersion = cityPluginView(core, city, id).version;
  if (change.pinnedVersion) await ensureLoaded(deps(core), id, change.pinnedVersion);
  const next: CityPluginState = {
    enabled: change.enabled ?? before.enabled,
    pinnedVersion: change.pinnedVersion === undefined ? before.pinnedVersion : change.pinnedVersion,
    config: change.config === undefined ? before.config : change.config,
    quarantine: before.quarantine,
  };
  // The version that will serve the city, for the config check and the quarantine.
  const servingVersion =
    next.pinnedVersion ??
    (kind === 'sensor' ? core.plugins.sensors.get(id) : core.plugins.riskTypes.get(id))!.def.version;
  if (change.config && kind === 'risk-type') {
    const plugin = core.plugins.version(id, servingVersion) as LoadedPlugin;
    const problems = configProblems(plugin, change.config);
    if (problems.length > 0) {
      throw coreErrors.PLUGIN_CONFIG_INVALID(
        { id, count: problems.length, list: problems.map((p) => `  - ${p}`).join('\n') },
        problems,
      );
    }
  } else if (change.config && Object.keys(change.config).length > 0) {
    throw coreErrors.PLUGIN_CONFIG_INVALID({ id, count: 1, list: '  - /: a sensor plugin takes no config' }, [
      '/: a sensor plugin takes no config',
    ]);
  }
  const released = change.enabled === true && before.quarantine !== null;
  if (released) next.quarantine = null;

  const events: { action: string; data: Record<string, unknown> }[] = [];
  if (action === 'rolled_back') {
    events.push({ action, data: { from: beforeVersion, to: next.pinnedVersion } });
  } else if (next.pinnedVersion !== before.pinnedVersion) {
    events.push(
      next.pinnedVersion
        ? { action: 'pinned', data: { version: next.pinnedVersion, from: beforeVersion } }
        : { action: 'unpinned', data: { from: before.pinnedVersion } },
    );
  }
  if (next.enabled !== before.enabled)
    events.push({ action: next.enabled ? 'enabled' : 'disabled', data: {} });
  if (released) events.push({ action: 'released', data: { quarantine: before.quarantine } });
  if (change.config !== undefined && JSON.stringify(next.config) !== JSON.stringify(before.config)) {
    events.push({ action: 'config_changed', data: { config: next.config } });
  }

  await core.db.tx(async (q) => {
    await saveCityState(q, city, id, next, actor);
    for (const e of events) await record(q, city, id, servingVersion, actor, e.action, e.data);
    if (released) await resolveOperatorAlarm(q, city, 'plugin.quarantined', id, actor);
  });
  core.plugins.setState(city, id, next);
  if (released && before.quarantine) core.sandbox.release(city, `${id}@${before.quarantine.version}`);
  await announce(core, { kind: 'plugins', city });
  return cityPluginView(core, city, id);
}

/**
 * Roll a city back: pin `to`, or else the highest installed version below the one serving the city now.
 * Throws FH_PLUGIN_NO_ROLLBACK when there is none.
 */
export async function rollbackCityPlugin(
  core: Core,
  city: string,
  id: string,
  actor: string,
  to?: string,
): Promise<CityPluginView> {
  const current = cityPluginView(core, city, id);
  let target = to;
  if (target === undefined) {
    const older = (await listVersions(core.db, id))
      .map((v) => v.version)
      .filter((v) => compareVersions(v, current.version) < 0)
      .sort((a, b) => compareVersions(b, a));
    target = older[0];
    if (target === undefined) {
      throw coreErrors.PLUGIN_NO_ROLLBACK({ id, city, version: current.version });
    }
  }
  return changeCityPlugin(core, city, id, { pinnedVersion: target }, actor, 'rolled_back');
}

async function record(
  q: Queryable,
  city: string,
  id: string,
  version: string,
  actor: string,
  action: string,
  data: Record<string, unknown>,
): Promise<void> {
  await appendAudit(q, { actor, city, plugin: id, version, action, data });
  await appendArchive(q, [
    { city, kind: `plugin.${action}` as ArchiveKind, actor, data: { plugin: id, version, ...data } },
  ]);
}

async function resolveOperatorAlarm(
  q: Queryable,
  city: string,
  kind: string,
  subject: string,
  actor: string,
): Promise<void> {
  await q.query(
    `UPDATE operator_alarms SET status = 'resolved', resolved_by = $4, resolved_at = now()
     WHERE city_id = $1 AND kind = $2 AND subject = $3 AND status <> 'resolved'`,
    [city, kind, subject, actor],
  );
}

/**
 * The sandbox quarantined a plugin version for a city: store it (it holds across restarts), raise an
 * operator alarm, record it, and tell the other processes.
 */
export async function persistQuarantine(core: Core, rec: QuarantineRecord): Promise<void> {
  const at = rec.key.lastIndexOf('@');
  const id = rec.key.slice(0, at);
  const version = rec.key.slice(at + 1);
  if (!core.plugins.kind(id)) return; // registered by code (tests): nothing stored to hold it
  const before = currentState(core, rec.city, id);
  const quarantine: PluginQuarantine = {
    version,
    at: rec.since,
    code: rec.lastError.code,
    message: rec.lastError.message,
    failures: rec.failures,
  };
  const next: CityPluginState = { ...before, quarantine };
  await core.db.tx(async (q) => {
    await saveCityState(q, rec.city, id, next, 'system');
    await record(q, rec.city, id, version, 'system', 'quarantined', {
      failures: rec.failures,
      rule: rec.rule,
      calls: rec.calls,
      code: quarantine.code,
      message: quarantine.message,
    });
    await q.query(
      `INSERT INTO operator_alarms (city_id, kind, subject, level, status, title_zh, title_en, data)
       VALUES ($1, 'plugin.quarantined', $2, 'orange', 'open', $3, $4, $5::jsonb)
       ON CONFLICT (city_id, kind, subject) WHERE status <> 'resolved' DO UPDATE SET data = excluded.data`,
      [
        rec.city,
        id,
        `插件 ${rec.key} ${rec.rule === 'rate' ? `最近 ${rec.calls} 次调用中失败 ${rec.failures} 次` : `连续失败 ${rec.failures} 次`}，已对本市隔离（${quarantine.code}）；其分析/解码已停止，请核查后由管理员解除`,
        `Plugin ${rec.key} failed ${rec.rule === 'rate' ? `${rec.failures} of its last ${rec.calls} calls` : `${rec.failures} times in a row`} and is quarantined for this city (${quarantine.code}); its analysis/decoding has stopped: review it, then an administrator releases it`,
        JSON.stringify({ plugin: id, ...quarantine }),
      ],
    );
  });
  core.plugins.setState(rec.city, id, next);
  core.log.error(
    { plugin: rec.key, city: rec.city, code: quarantine.code, failures: rec.failures },
    'plugin quarantined for a city; operator alarm raised',
  );
  await announce(core, { kind: 'plugins', city: rec.city });
}

/** Operator alarms of a city, newest first. */
export interface OperatorAlarm {
  id: string;
  city: string;
  kind: string;
  subject: string;
  level: string;
  status: string;
  titleZh: string;
  titleEn: string;
  data: Record<string, unknown>;
  raisedAt: string;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
}

const iso = (v: unknown): string | null =>
  v == null ? null : v instanceof Date ? v.toISOString() : String(v);

function alarmRow(r: Record<string, unknown>): OperatorAlarm {
  return {
    id: String(r['id']),
    city: String(r['city_id']),
    kind: String(r['kind']),
    subject: String(r['subject']),
    level: String(r['level']),
    status: String(r['status']),
    titleZh: String(r['title_zh']),
    titleEn: String(r['title_en']),
    data: (r['data'] as Record<string, unknown>) ?? {},
    raisedAt: iso(r['raised_at'])!,
    acknowledgedBy: (r['acknowledged_by'] as string | null) ?? null,
    acknowledgedAt: iso(r['acknowledged_at']),
    resolvedBy: (r['resolved_by'] as string | null) ?? null,
    resolvedAt: iso(r['resolved_at']),
  };
}

export async function listOperatorAlarms(
  q: Queryable,
  city: string,
  opts: { open?: boolean } = {},
): Promise<OperatorAlarm[]> {
  const { rows } = await q.query<Record<string, unknown>>(
    `SELECT * FROM operator_alarms WHERE city_id = $1 ${opts.open ? "AND status <> 'resolved'" : ''}
     ORDER BY raised_at DESC, id DESC LIMIT 500`,
    [city],
  );
  return rows.map(alarmRow);
}

/** Acknowledge an open operator alarm of the city; returns it, or `null` when there is no such open alarm. */
export async function acknowledgeOperatorAlarm(
  q: Queryable,
  city: string,
  id: string,
  actor: string,
): Promise<OperatorAlarm | null> {
  const { rows } = await q.query<Record<string, unknown>>(
    `UPDATE operator_alarms SET status = 'acknowledged', acknowledged_by = $3, acknowledged_at = now()
     WHERE city_id = $1 AND id = $2::bigint AND status = 'open' RETURNING *`,
    [city, id, actor],
  );
  return rows[0] ? alarmRow(rows[0]) : null;
}
