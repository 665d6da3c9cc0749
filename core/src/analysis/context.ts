/**
 * The `ctx` an analysis reads through, answered from the database, the sensor cache and the spatial
 * index, and scoped to the alarm's city: a plugin cannot see another city's sensors or objects.
 *
 * Semantics match the SDK harness (`@fenghuo/sdk/testing`), so that a plugin's fixtures behave as on
 * the platform: `history` stops at the event's time, `neighbours` excludes the event's own sensor.
 */
import { type AnalysisContext, LEVELS, type LevelValues, type SensorInfo, type Weather } from '@fenghuo/sdk';
import { distance } from '@turf/distance';
import { point } from '@turf/helpers';
import type { Core } from '../core.js';
import { coreErrors, isCoded } from '../errors.js';
import { OBJECT_COLUMNS, type ObjectRow, spatialIndex, toCityObject } from './spatial.js';

const HOUR_MS = 3_600_000;
const DEFAULT_HISTORY_LIMIT = 10_000;
const MAX_HISTORY_LIMIT = 100_000;

export interface SensorRow {
  sid: number;
  id: string;
  object_id: string;
  risk_type: string;
  metrics: string[];
  lon: number;
  lat: number;
}

export const SENSOR_COLUMNS = 'sid, id, object_id, risk_type, metrics, lon, lat';

export function toSensorInfo(r: SensorRow): SensorInfo {
  return {
    id: r.id,
    objectId: r.object_id,
    riskType: r.risk_type,
    metrics: [...r.metrics],
    location: [r.lon, r.lat],
  };
}

export interface ContextScope {
  city: string;
  /** The event's sensor. */
  sensor: SensorInfo;
  /** The event's reading time (ms); history never reaches past it. */
  tsMs: number;
}

/** A context plus what went wrong inside it on the host's side (so a job can retry a database failure). */
export interface HostContext extends AnalysisContext {
  /** The first failure of the platform itself (not of the plugin) during the analysis, if any. */
  hostError: unknown;
}

function parseTs(v: string, field: string): number {
  const ms = Date.parse(v);
  if (Number.isNaN(ms))
    throw new TypeError(`${field} must be an ISO 8601 timestamp, got ${JSON.stringify(v)}`);
  return ms;
}

export function levelValuesOf(th: { limits: Float64Array } | null | undefined): LevelValues {
  const out: LevelValues = {};
  if (!th) return out;
  LEVELS.forEach((level, i) => {
    const v = th.limits[i]!;
    if (!Number.isNaN(v)) out[level] = v;
  });
  return out;
}

export function makeContext(core: Core, scope: ContextScope): HostContext {
  const { city } = scope;
  const ctx: HostContext = {
    hostError: undefined,
    history: (sensorId, metric, opts = {}) =>
      host(async () => {
        const to = Math.min(opts.to === undefined ? scope.tsMs : parseTs(opts.to, 'history to'), scope.tsMs);
        const from = opts.from === undefined ? to - HOUR_MS : parseTs(opts.from, 'history from');
        const limit = Math.min(
          Math.max(0, Math.floor(opts.limit ?? DEFAULT_HISTORY_LIMIT)),
          MAX_HISTORY_LIMIT,
        );
        const sid = await sidOf(sensorId);
        const metricId = await metricIdOf(metric);
        if (metricId === undefined || limit === 0 || from > to) return [];
        const { rows } = await core.db.query<{ ts: Date | string; value: number }>(
          `SELECT ts, value FROM (
             SELECT ts, value FROM readings
              WHERE sid = $1 AND metric = $2 AND ts >= $3::timestamptz AND ts <= $4::timestamptz
              ORDER BY ts DESC LIMIT $5) AS latest
           ORDER BY ts`,
          [sid, metricId, new Date(from).toISOString(), new Date(to).toISOString(), limit],
        );
        return rows.map((r) => ({ ts: new Date(r.ts).toISOString(), value: r.value }));
      }),
    neighbours: (radiusM, opts = {}) =>
      host(async () => {
        const [lon, lat] = scope.sensor.location;
        const dLat = radiusM / 110_000;
        const dLon = dLat / Math.max(Math.cos((lat * Math.PI) / 180), 0.01);
        const { rows } = await core.db.query<SensorRow>(
          `SELECT ${SENSOR_COLUMNS} FROM sensors
            WHERE city_id = $1 AND risk_type = $2 AND id <> $3
              AND lon BETWEEN $4 AND $5 AND lat BETWEEN $6 AND $7
              AND ($8::text IS NULL OR $8 = ANY(metrics))`,
          [
            city,
            scope.sensor.riskType,
            scope.sensor.id,
            lon - dLon,
            lon + dLon,
            lat - dLat,
            lat + dLat,
            opts.metric ?? null,
          ],
        );
        const here = point(scope.sensor.location);
        return rows
          .map((r) => ({
            ...toSensorInfo(r),
            distanceM: distance(here, point([r.lon, r.lat]), { units: 'meters' }),
          }))
          .filter((s) => s.distanceM <= radiusM)
          .sort((a, b) => a.distanceM - b.distanceM || a.id.localeCompare(b.id));
      }),
    within: (radiusM, opts = {}) =>
      host(async () => {
        const idx = await spatialIndex(core.db, city);
        return idx.within(opts.at ?? scope.sensor.location, radiusM, {
          roles: opts.roles,
          kinds: opts.kinds,
        });
      }),
    object: (id) =>
      host(async () => {
        const { rows } = await core.db.query<ObjectRow>(
          `SELECT ${OBJECT_COLUMNS} FROM objects WHERE city_id = $1 AND id = $2`,
          [city, id],
        );
        return rows[0] ? toCityObject(rows[0]) : null;
      }),
    weather: () =>
      host(async () => {
        const { rows } = await core.db.query<{ ts: Date | string; data: Omit<Weather, 'ts'> }>(
          'SELECT ts, data FROM weather WHERE city_id = $1 ORDER BY ts DESC LIMIT 1',
          [city],
        );
        const r = rows[0];
        return r ? { ...r.data, ts: new Date(r.ts).toISOString() } : null;
      }),
    thresholds: (sensorId, metric) =>
      host(async () => {
        const entry = core.sensors.get(city, sensorId);
        if (!entry) {
          await sidOf(sensorId);
          return {};
        }
        return levelValuesOf(entry.metrics.get(metric)?.th);
      }),
    now: () => new Date().toISOString(),
  };

  // A failure of the host (the database) is remembered, so that the job can be retried rather than the
  // analysis recorded as the plugin's failure; coded errors (a sensor of another city) are the plugin's.
  async function host<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (ctx.hostError === undefined && !(err instanceof TypeError) && !isCoded(err)) ctx.hostError = err;
      throw err;
    }
  }

  async function sidOf(sensorId: string): Promise<number> {
    const cached = core.sensors.get(city, sensorId);
    if (cached) return cached.sid;
    const { rows } = await core.db.query<{ sid: number }>(
      'SELECT sid FROM sensors WHERE city_id = $1 AND id = $2',
      [city, sensorId],
    );
    if (!rows[0]) throw coreErrors.ANALYSIS_SENSOR_UNKNOWN({ sensor: sensorId, city });
    return rows[0].sid;
  }

  async function metricIdOf(metric: string): Promise<number | undefined> {
    const cached = core.sensors.metricIds.get(metric);
    if (cached !== undefined) return cached;
    const { rows } = await core.db.query<{ id: number }>('SELECT id FROM metrics WHERE key = $1', [metric]);
    return rows[0]?.id;
  }

  return ctx;
}
