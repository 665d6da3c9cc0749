/**
 * The inventory loader: a city's units, objects, sensors, threshold overrides and (demo) tokens from a
 * YAML or JSON file in the catalogue format (`schema.ts`). All of it is validated first and every bad row
 * reported; then everything is written in one transaction as upserts, so a load is all-or-nothing and
 * loading the same file twice changes nothing.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { createToken, hashToken, type Role } from '../auth/tokens.js';
import type { Core } from '../core.js';
import { coreErrors } from '../errors.js';
import { announce } from '../rules/sync.js';
import type { Queryable } from '../store/db.js';
import { representativePoint } from './geometry.js';
import type { Inventory } from './schema.js';
import { type InventoryProblem, inventoryProblems } from './validate.js';

export interface RowCounts {
  /** Rows in the file. */
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface LoadSummary {
  city: string;
  source: string;
  units: RowCounts;
  objects: RowCounts;
  sensors: RowCounts;
  thresholds: RowCounts;
  /** Rows of the city that were not in the file and were removed (`replace` only). */
  removed: { units: number; objects: number; sensors: number; thresholds: number };
  /**
   * Tokens of the file: `token` is the secret when the file fixes it or when it was made now (shown
   * once); `null` when a token of that name already existed and was kept.
   */
  tokens: { name: string; role: Role; token: string | null; created: boolean }[];
}

export interface LoadOptions {
  /** Remove the city's units, objects, sensors and overrides that the file does not list. */
  replace?: boolean;
  /** A name for the source in messages (default: the file path, or `inventory`). */
  sourceName?: string;
}

/** Read and parse a YAML or JSON inventory file (YAML is a superset of JSON; `.json` is parsed strictly). */
export function readInventoryFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw coreErrors.CATALOG_UNREADABLE({ source: path, reason: (err as Error).message });
  }
  return parseInventoryText(text, path);
}

/** Parse inventory text; `name` decides JSON (`*.json`) or YAML and appears in messages. */
export function parseInventoryText(text: string, name = 'inventory'): unknown {
  if (extname(name).toLowerCase() === '.json') {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw coreErrors.CATALOG_UNREADABLE({ source: name, reason: (err as Error).message });
    }
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw coreErrors.CATALOG_UNREADABLE({
      source: name,
      reason: doc.errors.map((e) => e.message).join('; '),
    });
  }
  return doc.toJS({ maxAliasCount: 1000 });
}

/** Throw `FH_CATALOG_INVALID` listing every problem, or return the input typed as an inventory. */
export function assertInventory(
  input: unknown,
  core: Pick<Core, 'plugins'>,
  source = 'inventory',
): Inventory {
  const problems = inventoryProblems(input, core.plugins);
  if (problems.length > 0) throw invalidError(source, problems);
  return input as Inventory;
}

function invalidError(source: string, problems: InventoryProblem[]) {
  const list = problems.map((p) => `  ${p.path || '(root)'}: ${p.message}`).join('\n');
  return coreErrors.CATALOG_INVALID({ source, count: problems.length, list }, { problems });
}

/**
 * Load a city's inventory: validate all of it, write it in one transaction, then refresh the sensor
 * cache and the spatial index.
 *
 * @param source a file path (YAML or JSON) or an already parsed object
 * @throws FH_CATALOG_UNREADABLE, FH_CATALOG_INVALID (details.problems: every `{ path, message }`),
 *   FH_CATALOG_IN_USE (replace would remove a sensor that has alarms)
 */
export async function loadInventory(
  core: Core,
  source: string | object,
  opts: LoadOptions = {},
): Promise<LoadSummary> {
  const name = opts.sourceName ?? (typeof source === 'string' ? source : 'inventory');
  const input = typeof source === 'string' ? readInventoryFile(source) : source;
  const inv = assertInventory(input, core, name);
  const summary = await core.db.tx((q) => write(q, inv, name, opts.replace === true));
  // Tokens, sensors, thresholds and the spatial index change here and in every other process.
  await announce(core, { kind: 'reload', city: inv.city.id });
  core.log.info(
    {
      city: summary.city,
      source: name,
      units: summary.units.total,
      objects: summary.objects.total,
      sensors: summary.sensors.total,
      thresholds: summary.thresholds.total,
    },
    'inventory loaded',
  );
  return summary;
}

const CHUNK = 5000;

/** Upsert rows given as JSON records; rows whose columns are unchanged are not touched (and not counted). */
async function upsert(
  q: Queryable,
  sql: (param: string) => string,
  cityId: string,
  rows: Record<string, unknown>[],
): Promise<RowCounts> {
  const counts: RowCounts = { total: rows.length, inserted: 0, updated: 0, unchanged: 0 };
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const r = await q.query<{ inserted: boolean }>(sql('$2'), [cityId, JSON.stringify(chunk)]);
    for (const row of r.rows) {
      if (row.inserted) counts.inserted++;
      else counts.updated++;
    }
  }
  counts.unchanged = counts.total - counts.inserted - counts.updated;
  return counts;
}

async function write(q: Queryable, inv: Inventory, source: string, replace: boolean): Promise<LoadSummary> {
  const city = inv.city.id;
  await q.query(
    `INSERT INTO cities (id, name_zh, name_en, timezone) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en, timezone = excluded.timezone`,
    [city, inv.city.name.zh, inv.city.name.en, inv.city.timezone ?? 'Asia/Shanghai'],
  );

  const units = await upsert(
    q,
    (p) => `INSERT INTO units (city_id, id, kind, name_zh, name_en, contact, webhook_url)
      SELECT $1, x.id, x.kind, x.name_zh, x.name_en, x.contact, x.webhook_url
        FROM jsonb_to_recordset(${p}::jsonb) AS x(id text, kind text, name_zh text, name_en text, contact jsonb, webhook_url text)
      ON CONFLICT (city_id, id) DO UPDATE SET kind = excluded.kind, name_zh = excluded.name_zh, name_en = excluded.name_en,
        contact = excluded.contact, webhook_url = excluded.webhook_url
      WHERE (units.kind, units.name_zh, units.name_en, units.contact, units.webhook_url)
        IS DISTINCT FROM (excluded.kind, excluded.name_zh, excluded.name_en, excluded.contact, excluded.webhook_url)
      RETURNING (xmax = 0) AS inserted`,
    city,
    inv.units.map((u) => ({
      id: u.id,
      kind: u.kind,
      name_zh: u.name.zh,
      name_en: u.name.en,
      contact: u.contact ?? {},
      webhook_url: u.webhookUrl ?? null,
    })),
  );

  const points = new Map<string, [number, number]>();
  const objects = await upsert(
    q,
    (
      p,
    ) => `INSERT INTO objects (city_id, id, kind, role, risk_type, name_zh, name_en, owner_unit, geometry, lon, lat, attributes)
      SELECT $1, x.id, x.kind, x.role, x.risk_type, x.name_zh, x.name_en, x.owner_unit, x.geometry, x.lon, x.lat, x.attributes
        FROM jsonb_to_recordset(${p}::jsonb) AS x(id text, kind text, role text, risk_type text, name_zh text, name_en text,
          owner_unit text, geometry jsonb, lon float8, lat float8, attributes jsonb)
      ON CONFLICT (city_id, id) DO UPDATE SET kind = excluded.kind, role = excluded.role, risk_type = excluded.risk_type,
        name_zh = excluded.name_zh, name_en = excluded.name_en, owner_unit = excluded.owner_unit, geometry = excluded.geometry,
        lon = excluded.lon, lat = excluded.lat, attributes = excluded.attributes
      WHERE (objects.kind, objects.role, objects.risk_type, objects.name_zh, objects.name_en, objects.owner_unit,
             objects.geometry, objects.lon, objects.lat, objects.attributes)
        IS DISTINCT FROM (excluded.kind, excluded.role, excluded.risk_type, excluded.name_zh, excluded.name_en,
             excluded.owner_unit, excluded.geometry, excluded.lon, excluded.lat, excluded.attributes)
      RETURNING (xmax = 0) AS inserted`,
    city,
    inv.objects.map((o) => {
      const [lon, lat] = representativePoint(o.geometry);
      points.set(o.id, [lon, lat]);
      return {
        id: o.id,
        kind: o.kind,
        role: o.role,
        risk_type: o.riskType ?? null,
        name_zh: o.name.zh,
        name_en: o.name.en,
        owner_unit: o.ownerUnit ?? null,
        geometry: o.geometry,
        lon,
        lat,
        attributes: o.attributes ?? {},
      };
    }),
  );

  const sensors = await upsert(
    q,
    (
      p,
    ) => `INSERT INTO sensors (city_id, id, object_id, risk_type, metrics, lon, lat, interval_sec, decoder, attributes)
      SELECT $1, x.id, x.object_id, x.risk_type, ARRAY(SELECT jsonb_array_elements_text(x.metrics)), x.lon, x.lat,
             x.interval_sec, x.decoder, x.attributes
        FROM jsonb_to_recordset(${p}::jsonb) AS x(id text, object_id text, risk_type text, metrics jsonb, lon float8,
          lat float8, interval_sec int, decoder text, attributes jsonb)
      ON CONFLICT (city_id, id) DO UPDATE SET object_id = excluded.object_id, risk_type = excluded.risk_type,
        metrics = excluded.metrics, lon = excluded.lon, lat = excluded.lat, interval_sec = excluded.interval_sec,
        decoder = excluded.decoder, attributes = excluded.attributes
      WHERE (sensors.object_id, sensors.risk_type, sensors.metrics, sensors.lon, sensors.lat, sensors.interval_sec,
             sensors.decoder, sensors.attributes)
        IS DISTINCT FROM (excluded.object_id, excluded.risk_type, excluded.metrics, excluded.lon, excluded.lat,
             excluded.interval_sec, excluded.decoder, excluded.attributes)
      RETURNING (xmax = 0) AS inserted`,
    city,
    inv.sensors.map((s) => {
      const [lon, lat] = s.location ?? points.get(s.objectId)!;
      return {
        id: s.id,
        object_id: s.objectId,
        risk_type: s.riskType,
        metrics: s.metrics,
        lon,
        lat,
        interval_sec: s.intervalSec ?? null,
        decoder: s.decoder ?? null,
        attributes: s.attributes ?? {},
      };
    }),
  );

  const thresholdRows = (inv.thresholds ?? []).map((t) => ({
    risk_type: t.riskType,
    metric: t.metric,
    object_id: t.objectId ?? null,
    sensor_id: t.sensorId ?? null,
    levels: t.levels,
    duration_sec: t.durationSec ?? null,
    hysteresis: t.hysteresis ?? null,
  }));
  const thresholds = await upsert(
    q,
    (
      p,
    ) => `INSERT INTO threshold_overrides (city_id, risk_type, metric, object_id, sensor_id, levels, duration_sec, hysteresis)
      SELECT $1, x.risk_type, x.metric, x.object_id, x.sensor_id, x.levels, x.duration_sec, x.hysteresis
        FROM jsonb_to_recordset(${p}::jsonb) AS x(risk_type text, metric text, object_id text, sensor_id text, levels jsonb,
          duration_sec int, hysteresis float8)
      ON CONFLICT (city_id, risk_type, metric, coalesce(object_id, ''), coalesce(sensor_id, ''))
      DO UPDATE SET levels = excluded.levels, duration_sec = excluded.duration_sec, hysteresis = excluded.hysteresis,
        updated_at = now()
      WHERE (threshold_overrides.levels, threshold_overrides.duration_sec, threshold_overrides.hysteresis)
        IS DISTINCT FROM (excluded.levels, excluded.duration_sec, excluded.hysteresis)
      RETURNING (xmax = 0) AS inserted`,
    city,
    thresholdRows,
  );

  const removed = { units: 0, objects: 0, sensors: 0, thresholds: 0 };
  if (replace) {
    // Scopes joined by the unit separator (0x1f): text cannot hold NUL.
    const scopes = thresholdRows.map((t) =>
      [t.risk_type, t.metric, t.object_id ?? '', t.sensor_id ?? ''].join('\u001f'),
    );
    removed.thresholds = (
      await q.query(
        `DELETE FROM threshold_overrides WHERE city_id = $1
           AND NOT (concat_ws(chr(31), risk_type, metric, coalesce(object_id, ''), coalesce(sensor_id, '')) = ANY($2::text[]))`,
        [city, scopes],
      )
    ).rowCount;
    const sensorIds = inv.sensors.map((s) => s.id);
    const busy = await q.query<{ id: string }>(
      `SELECT DISTINCT s.id FROM sensors s JOIN alarms a ON a.sid = s.sid
        WHERE s.city_id = $1 AND NOT (s.id = ANY($2::text[])) ORDER BY s.id`,
      [city, sensorIds],
    );
    if (busy.rows.length > 0) {
      throw coreErrors.CATALOG_IN_USE(
        { sensors: busy.rows.map((r) => r.id).join(', ') },
        { sensors: busy.rows.map((r) => r.id) },
      );
    }
    removed.sensors = (
      await q.query('DELETE FROM sensors WHERE city_id = $1 AND NOT (id = ANY($2::text[]))', [
        city,
        sensorIds,
      ])
    ).rowCount;
    removed.objects = (
      await q.query('DELETE FROM objects WHERE city_id = $1 AND NOT (id = ANY($2::text[]))', [
        city,
        inv.objects.map((o) => o.id),
      ])
    ).rowCount;
    removed.units = (
      await q.query('DELETE FROM units WHERE city_id = $1 AND NOT (id = ANY($2::text[]))', [
        city,
        inv.units.map((u) => u.id),
      ])
    ).rowCount;
  }

  const tokens: LoadSummary['tokens'] = [];
  for (const t of inv.tokens ?? []) {
    if (t.token !== undefined) {
      const had = await q.query('SELECT 1 FROM api_tokens WHERE token_sha256 = $1', [hashToken(t.token)]);
      await createToken(q, city, t.role, t.name, t.token);
      tokens.push({ name: t.name, role: t.role, token: t.token, created: had.rows.length === 0 });
      continue;
    }
    const existing = await q.query(
      'SELECT 1 FROM api_tokens WHERE city_id = $1 AND name = $2 AND role = $3',
      [city, t.name, t.role],
    );
    if (existing.rows.length > 0) tokens.push({ name: t.name, role: t.role, token: null, created: false });
    else
      tokens.push({
        name: t.name,
        role: t.role,
        token: await createToken(q, city, t.role, t.name),
        created: true,
      });
  }

  return { city, source, units, objects, sensors, thresholds, removed, tokens };
}
