/**
 * Queries behind the inventory part of the GraphQL API (city, units, objects, sensors, readings,
 * threshold overrides). Every function takes the caller's city and never reads another's rows.
 */
import type { I18n } from '@fenghuo/sdk';
import type { Queryable } from '../../store/db.js';
import { decodeCursor, encodeCursor, type Page, toPage } from './cursor.js';

export interface UnitModel {
  id: string;
  kind: string;
  name: I18n;
  contact: unknown;
  webhookUrl: string | null;
}

export interface ObjectModel {
  id: string;
  kind: string;
  role: string;
  riskType: string | null;
  name: I18n;
  ownerUnitId: string | null;
  geometry: unknown;
  location: [number, number];
  attributes: Record<string, unknown>;
}

export interface SensorModel {
  sid: number;
  id: string;
  objectId: string;
  riskType: string;
  metrics: string[];
  location: [number, number];
  intervalSec: number | null;
  attributes: Record<string, unknown>;
  lastSeen: Date | string | null;
}

export interface MetricValueModel {
  metric: string;
  ts: Date | string;
  value: number;
}

interface UnitRow {
  id: string;
  kind: string;
  name_zh: string;
  name_en: string;
  contact: unknown;
  webhook_url: string | null;
}

interface ObjectRow {
  id: string;
  kind: string;
  role: string;
  risk_type: string | null;
  name_zh: string;
  name_en: string;
  owner_unit: string | null;
  geometry: unknown;
  lon: number;
  lat: number;
  attributes: Record<string, unknown>;
}

interface SensorRow {
  sid: number;
  id: string;
  object_id: string;
  risk_type: string;
  metrics: string[];
  lon: number;
  lat: number;
  interval_sec: number | null;
  attributes: Record<string, unknown>;
  last_seen: Date | string | null;
}

const OBJECT_COLUMNS =
  'id, kind, role, risk_type, name_zh, name_en, owner_unit, geometry, lon, lat, attributes';
const SENSOR_COLUMNS =
  'sid, id, object_id, risk_type, metrics, lon, lat, interval_sec, attributes, last_seen';

const unitModel = (r: UnitRow): UnitModel => ({
  id: r.id,
  kind: r.kind,
  name: { zh: r.name_zh, en: r.name_en },
  contact: r.contact ?? {},
  webhookUrl: r.webhook_url,
});

const objectModel = (r: ObjectRow): ObjectModel => ({
  id: r.id,
  kind: r.kind,
  role: r.role,
  riskType: r.risk_type,
  name: { zh: r.name_zh, en: r.name_en },
  ownerUnitId: r.owner_unit,
  geometry: r.geometry,
  location: [r.lon, r.lat],
  attributes: r.attributes ?? {},
});

const sensorModel = (r: SensorRow): SensorModel => ({
  sid: r.sid,
  id: r.id,
  objectId: r.object_id,
  riskType: r.risk_type,
  metrics: r.metrics,
  location: [r.lon, r.lat],
  intervalSec: r.interval_sec,
  attributes: r.attributes ?? {},
  lastSeen: r.last_seen,
});

export async function cityInfo(q: Queryable, city: string) {
  const { rows } = await q.query<{ id: string; name_zh: string; name_en: string; timezone: string }>(
    'SELECT id, name_zh, name_en, timezone FROM cities WHERE id = $1',
    [city],
  );
  const r = rows[0];
  return r ? { id: r.id, name: { zh: r.name_zh, en: r.name_en }, timezone: r.timezone } : null;
}

export async function listUnits(q: Queryable, city: string): Promise<UnitModel[]> {
  const { rows } = await q.query<UnitRow>(
    'SELECT id, kind, name_zh, name_en, contact, webhook_url FROM units WHERE city_id = $1 ORDER BY id',
    [city],
  );
  return rows.map(unitModel);
}

export async function unitsByIds(q: Queryable, city: string, ids: string[]): Promise<Map<string, UnitModel>> {
  const { rows } = await q.query<UnitRow>(
    'SELECT id, kind, name_zh, name_en, contact, webhook_url FROM units WHERE city_id = $1 AND id = ANY($2::text[])',
    [city, ids],
  );
  return new Map(rows.map((r) => [r.id, unitModel(r)]));
}

export async function listObjects(
  q: Queryable,
  city: string,
  f: { role?: string | null; riskType?: string | null; first: number; after?: string | null },
): Promise<Page<ObjectModel>> {
  const after = f.after ? decodeCursor('objects', f.after, 1)[0]! : null;
  const { rows } = await q.query<ObjectRow>(
    `SELECT ${OBJECT_COLUMNS} FROM objects
      WHERE city_id = $1 AND ($2::text IS NULL OR role = $2) AND ($3::text IS NULL OR risk_type = $3)
        AND ($4::text IS NULL OR id > $4)
      ORDER BY id LIMIT $5`,
    [city, f.role ?? null, f.riskType ?? null, after, f.first + 1],
  );
  return toPage(rows.map(objectModel), f.first, (o) => encodeCursor('objects', [o.id]));
}

export async function objectsByIds(
  q: Queryable,
  city: string,
  ids: string[],
): Promise<Map<string, ObjectModel>> {
  const { rows } = await q.query<ObjectRow>(
    `SELECT ${OBJECT_COLUMNS} FROM objects WHERE city_id = $1 AND id = ANY($2::text[])`,
    [city, ids],
  );
  return new Map(rows.map((r) => [r.id, objectModel(r)]));
}

export async function listSensors(
  q: Queryable,
  city: string,
  f: { objectId?: string | null; riskType?: string | null; first: number; after?: string | null },
): Promise<Page<SensorModel>> {
  const after = f.after ? decodeCursor('sensors', f.after, 1)[0]! : null;
  const { rows } = await q.query<SensorRow>(
    `SELECT ${SENSOR_COLUMNS} FROM sensors
      WHERE city_id = $1 AND ($2::text IS NULL OR object_id = $2) AND ($3::text IS NULL OR risk_type = $3)
        AND ($4::text IS NULL OR id > $4)
      ORDER BY id LIMIT $5`,
    [city, f.objectId ?? null, f.riskType ?? null, after, f.first + 1],
  );
  return toPage(rows.map(sensorModel), f.first, (s) => encodeCursor('sensors', [s.id]));
}

export async function sensorsByIds(
  q: Queryable,
  city: string,
  ids: string[],
): Promise<Map<string, SensorModel>> {
  const { rows } = await q.query<SensorRow>(
    `SELECT ${SENSOR_COLUMNS} FROM sensors WHERE city_id = $1 AND id = ANY($2::text[])`,
    [city, ids],
  );
  return new Map(rows.map((r) => [r.id, sensorModel(r)]));
}

export async function sensorsByObjectIds(
  q: Queryable,
  city: string,
  objectIds: string[],
): Promise<Map<string, SensorModel[]>> {
  const { rows } = await q.query<SensorRow>(
    `SELECT ${SENSOR_COLUMNS} FROM sensors WHERE city_id = $1 AND object_id = ANY($2::text[]) ORDER BY id`,
    [city, objectIds],
  );
  const out = new Map<string, SensorModel[]>(objectIds.map((id) => [id, []]));
  for (const r of rows) out.get(r.object_id)?.push(sensorModel(r));
  return out;
}

/** The latest reading of every metric of the given sensors: one index probe per (sensor, metric). */
export async function latestBySensorIds(
  q: Queryable,
  city: string,
  sensorIds: string[],
): Promise<Map<string, MetricValueModel[]>> {
  const { rows } = await q.query<{ sensor_id: string; metric: string; ts: Date | string; value: number }>(
    `SELECT s.id AS sensor_id, m.key AS metric, r.ts, r.value
       FROM sensors s
       CROSS JOIN LATERAL unnest(s.metrics) WITH ORDINALITY AS mk(key, ord)
       JOIN metrics m ON m.key = mk.key
       CROSS JOIN LATERAL (
         SELECT ts, value FROM readings WHERE sid = s.sid AND metric = m.id ORDER BY ts DESC LIMIT 1
       ) r
      WHERE s.city_id = $1 AND s.id = ANY($2::text[])
      ORDER BY s.id, mk.ord`,
    [city, sensorIds],
  );
  const out = new Map<string, MetricValueModel[]>(sensorIds.map((id) => [id, []]));
  for (const r of rows) out.get(r.sensor_id)?.push({ metric: r.metric, ts: r.ts, value: r.value });
  return out;
}

export interface ReadingPointModel {
  ts: Date | string;
  value: number;
  min: number;
  max: number;
  count: number;
}

/** Raw readings, or avg/min/max/count per `bucketSec` bucket aligned to the epoch, in [from, to]. */
export async function readingSeries(
  q: Queryable,
  sid: number,
  metricId: number,
  from: Date,
  to: Date,
  bucketSec: number | null,
  limit: number,
): Promise<ReadingPointModel[]> {
  if (bucketSec === null) {
    const { rows } = await q.query<{ ts: Date | string; value: number }>(
      `SELECT ts, value FROM readings WHERE sid = $1 AND metric = $2 AND ts >= $3 AND ts <= $4 ORDER BY ts LIMIT $5`,
      [sid, metricId, from.toISOString(), to.toISOString(), limit],
    );
    return rows.map((r) => ({ ts: r.ts, value: r.value, min: r.value, max: r.value, count: 1 }));
  }
  const { rows } = await q.query<{
    ts: Date | string;
    value: number;
    min: number;
    max: number;
    count: number;
  }>(
    `SELECT to_timestamp(floor(extract(epoch FROM ts) / $5) * $5) AS ts, avg(value) AS value, min(value) AS min,
            max(value) AS max, count(*)::int AS count
       FROM readings WHERE sid = $1 AND metric = $2 AND ts >= $3 AND ts <= $4
      GROUP BY 1 ORDER BY 1 LIMIT $6`,
    [sid, metricId, from.toISOString(), to.toISOString(), bucketSec, limit],
  );
  return rows;
}

export interface OverrideModel {
  id: string;
  riskType: string;
  metric: string;
  objectId: string | null;
  sensorId: string | null;
  levels: unknown;
  durationSec: number | null;
  hysteresis: number | null;
  updatedAt: Date | string;
}

export async function listOverrides(
  q: Queryable,
  city: string,
  riskType: string | null,
): Promise<OverrideModel[]> {
  const { rows } = await q.query<OverrideModel>(
    `SELECT id::text, risk_type AS "riskType", metric, object_id AS "objectId", sensor_id AS "sensorId", levels,
            duration_sec AS "durationSec", hysteresis, updated_at AS "updatedAt"
       FROM threshold_overrides WHERE city_id = $1 AND ($2::text IS NULL OR risk_type = $2)
      ORDER BY risk_type, metric, coalesce(object_id, ''), coalesce(sensor_id, '')`,
    [city, riskType],
  );
  return rows;
}

/** Insert or replace one override; returns it. */
export async function upsertOverride(
  q: Queryable,
  city: string,
  o: {
    riskType: string;
    metric: string;
    objectId: string | null;
    sensorId: string | null;
    levels: Record<string, number>;
    durationSec: number | null;
    hysteresis: number | null;
  },
): Promise<OverrideModel> {
  const { rows } = await q.query<OverrideModel>(
    `INSERT INTO threshold_overrides (city_id, risk_type, metric, object_id, sensor_id, levels, duration_sec, hysteresis)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)
     ON CONFLICT (city_id, risk_type, metric, coalesce(object_id, ''), coalesce(sensor_id, ''))
     DO UPDATE SET levels = excluded.levels, duration_sec = excluded.duration_sec, hysteresis = excluded.hysteresis,
       updated_at = now()
     RETURNING id::text, risk_type AS "riskType", metric, object_id AS "objectId", sensor_id AS "sensorId", levels,
       duration_sec AS "durationSec", hysteresis, updated_at AS "updatedAt"`,
    [
      city,
      o.riskType,
      o.metric,
      o.objectId,
      o.sensorId,
      JSON.stringify(o.levels),
      o.durationSec,
      o.hysteresis,
    ],
  );
  return rows[0]!;
}
