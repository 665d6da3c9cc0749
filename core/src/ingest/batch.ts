/**
 * Validation of incoming readings into a columnar batch. One pass, no per-reading schema compile: the
 * sensor cache holds each metric's range, so a reading is checked with a few comparisons. A bad reading
 * is rejected with its index and reason; the good ones beside it go on.
 */
import type { SensorCache, SensorEntry } from '../rules/sensors.js';

/** Why a reading was rejected; codes are listed in docs/reference/errors.md. */
export type RejectCode =
  | 'FH_INGEST_READING_INVALID'
  | 'FH_INGEST_UNKNOWN_SENSOR'
  | 'FH_INGEST_UNKNOWN_METRIC'
  | 'FH_INGEST_VALUE_TYPE'
  | 'FH_INGEST_VALUE_OUT_OF_RANGE'
  | 'FH_INGEST_TS_MISSING'
  | 'FH_INGEST_TS_INVALID'
  | 'FH_INGEST_TS_FUTURE'
  | 'FH_INGEST_TS_TOO_OLD';

export interface Rejection {
  index: number;
  sensor?: string;
  metric?: string;
  code: RejectCode;
  message: string;
}

/** Accepted readings in columns (one row per sensor × metric × instant). */
export interface ColumnBatch {
  length: number;
  sid: Int32Array;
  metric: Int16Array;
  ts: Float64Array;
  value: Float64Array;
  /** The sensor entry of each row (for the rules stage). */
  sensor: SensorEntry[];
  /** The metric key of each row. */
  metricKey: string[];
}

export interface ValidateOptions {
  city: string;
  nowMs: number;
  futureToleranceMs: number;
  maxAgeMs: number;
  /** Sensor id from the transport (MQTT topic) when the reading does not name one. */
  sensorFromTopic?: string;
}

export function emptyBatch(capacity: number): ColumnBatch {
  return {
    length: 0,
    sid: new Int32Array(capacity),
    metric: new Int16Array(capacity),
    ts: new Float64Array(capacity),
    value: new Float64Array(capacity),
    sensor: new Array(capacity),
    metricKey: new Array(capacity),
  };
}

function grow(b: ColumnBatch, need: number): void {
  if (need <= b.sid.length) return;
  const cap = Math.max(need, b.sid.length * 2);
  const sid = new Int32Array(cap);
  sid.set(b.sid);
  const metric = new Int16Array(cap);
  metric.set(b.metric);
  const ts = new Float64Array(cap);
  ts.set(b.ts);
  const value = new Float64Array(cap);
  value.set(b.value);
  b.sid = sid;
  b.metric = metric;
  b.ts = ts;
  b.value = value;
}

// RFC 3339 date-time with a zone (Z or ±hh:mm); fractional seconds optional.
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Validate a list of readings (`{ sensor, ts, values }`) for one city and append the good ones to `out`.
 * Returns the rejections; `out.length` grows by the number of accepted metric values.
 */
export function validateReadings(
  cache: SensorCache,
  items: readonly unknown[],
  opts: ValidateOptions,
  out: ColumnBatch,
  rejected: Rejection[],
): void {
  const latest = opts.nowMs + opts.futureToleranceMs;
  const oldest = opts.nowMs - opts.maxAgeMs;
  let lastTsStr = '';
  let lastTsMs = 0;
  let lastSensorId = '';
  let lastSensor: SensorEntry | undefined;
  for (let i = 0; i < items.length; i++) {
    const r = items[i] as { sensor?: unknown; ts?: unknown; values?: unknown } | null;
    if (r === null || typeof r !== 'object' || Array.isArray(r)) {
      rejected.push({
        index: i,
        code: 'FH_INGEST_READING_INVALID',
        message: 'a reading must be an object { sensor, ts, values }',
      });
      continue;
    }
    const sensorId = r.sensor ?? opts.sensorFromTopic;
    if (typeof sensorId !== 'string' || sensorId.length === 0) {
      rejected.push({
        index: i,
        code: 'FH_INGEST_READING_INVALID',
        message: '"sensor" must be a non-empty string',
      });
      continue;
    }
    if (opts.sensorFromTopic !== undefined && r.sensor !== undefined && r.sensor !== opts.sensorFromTopic) {
      rejected.push({
        index: i,
        sensor: sensorId,
        code: 'FH_INGEST_READING_INVALID',
        message: `"sensor" ${JSON.stringify(sensorId)} differs from the topic's sensor ${JSON.stringify(opts.sensorFromTopic)}`,
      });
      continue;
    }
    let sensor: SensorEntry | undefined;
    if (sensorId === lastSensorId) sensor = lastSensor;
    else {
      sensor = cache.get(opts.city, sensorId);
      lastSensorId = sensorId;
      lastSensor = sensor;
    }
    if (!sensor) {
      rejected.push({
        index: i,
        sensor: sensorId,
        code: 'FH_INGEST_UNKNOWN_SENSOR',
        message: `no sensor ${JSON.stringify(sensorId)} in city ${opts.city}`,
      });
      continue;
    }
    const ts = r.ts;
    let tsMs: number;
    if (ts === undefined || ts === null || ts === '') {
      rejected.push({
        index: i,
        sensor: sensorId,
        code: 'FH_INGEST_TS_MISSING',
        message: '"ts" is required (RFC 3339, e.g. 2026-11-29T08:00:00Z)',
      });
      continue;
    }
    if (ts === lastTsStr) tsMs = lastTsMs;
    else {
      tsMs = typeof ts === 'string' && ISO_RE.test(ts) ? Date.parse(ts) : Number.NaN;
      if (Number.isNaN(tsMs)) {
        rejected.push({
          index: i,
          sensor: sensorId,
          code: 'FH_INGEST_TS_INVALID',
          message: `"ts" must be an RFC 3339 date-time with a zone, got ${JSON.stringify(ts)}`,
        });
        continue;
      }
      lastTsStr = ts as string;
      lastTsMs = tsMs;
    }
    if (tsMs > latest) {
      rejected.push({
        index: i,
        sensor: sensorId,
        code: 'FH_INGEST_TS_FUTURE',
        message: `"ts" ${ts} is more than ${opts.futureToleranceMs / 1000} s in the future`,
      });
      continue;
    }
    if (tsMs < oldest) {
      rejected.push({
        index: i,
        sensor: sensorId,
        code: 'FH_INGEST_TS_TOO_OLD',
        message: `"ts" ${ts} is older than the ${Math.round(opts.maxAgeMs / 86_400_000)} days accepted`,
      });
      continue;
    }
    const values = r.values;
    if (values === null || typeof values !== 'object' || Array.isArray(values)) {
      rejected.push({
        index: i,
        sensor: sensorId,
        code: 'FH_INGEST_READING_INVALID',
        message: '"values" must be an object of metric → number',
      });
      continue;
    }
    let any = false;
    for (const metricKey in values) {
      any = true;
      const v = (values as Record<string, unknown>)[metricKey];
      const m = sensor.metrics.get(metricKey);
      if (!m) {
        rejected.push({
          index: i,
          sensor: sensorId,
          metric: metricKey,
          code: 'FH_INGEST_UNKNOWN_METRIC',
          message: `sensor ${sensorId} has no metric ${JSON.stringify(metricKey)}`,
        });
        continue;
      }
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        rejected.push({
          index: i,
          sensor: sensorId,
          metric: metricKey,
          code: 'FH_INGEST_VALUE_TYPE',
          message: `${metricKey} must be a finite number, got ${JSON.stringify(v) ?? typeof v}`,
        });
        continue;
      }
      if (v < m.min || v > m.max) {
        rejected.push({
          index: i,
          sensor: sensorId,
          metric: metricKey,
          code: 'FH_INGEST_VALUE_OUT_OF_RANGE',
          message: `${metricKey} ${v} is outside its range [${m.min}, ${m.max}]`,
        });
        continue;
      }
      const n = out.length;
      if (n >= out.sid.length) grow(out, n + 1);
      out.sid[n] = sensor.sid;
      out.metric[n] = m.id;
      out.ts[n] = tsMs;
      out.value[n] = v;
      out.sensor[n] = sensor;
      out.metricKey[n] = metricKey;
      out.length = n + 1;
    }
    if (!any)
      rejected.push({
        index: i,
        sensor: sensorId,
        code: 'FH_INGEST_READING_INVALID',
        message: '"values" is empty',
      });
  }
}
