/**
 * The offline scan (a repeating job): a sensor silent for more than 3× its expected interval gets an
 * `offline` alarm (kind `offline`, level `alarm`, metric `*`); the alarm clears when the sensor reports
 * again. It reads `sensors.last_seen`, which ingest keeps up to date in batches.
 *
 * Two choices, so that the platform's own state does not pass for the sensors':
 * - a sensor that has never reported (`last_seen` null) is not yet commissioned and is left alone;
 * - silence is counted from no earlier than when this process began scanning, so the platform's own
 *   downtime (readings nobody received) does not raise every sensor's offline alarm on restart.
 */

import { appendArchive } from '../archive/archive.js';
import type { Core } from '../core.js';
import type { AlarmEventPayload } from '../events.js';
import type { JobRequest } from '../jobs/types.js';
import { wakeJobs } from '../jobs/wake.js';
import { ALARM_COLUMNS, type AlarmRow, alarmColumns, alarmPayload, iso } from './rows.js';

/** How often the scan runs (ms). */
export const OFFLINE_SCAN_EVERY_MS = 30_000;
/** A sensor is offline after this many expected intervals of silence. */
export const OFFLINE_FACTOR = 3;

const scanningSince = new WeakMap<Core, Date>();

export interface OfflineScanOptions {
  /** Count silence from no earlier than this (default: when this process first scanned). */
  notBefore?: Date;
}

export interface OfflineScanResult {
  raised: AlarmEventPayload[];
  cleared: AlarmEventPayload[];
}

/** Each risk type's metric intervals, for sensors without their own `interval_sec`. */
function defaultIntervals(core: Core): { rt: string[]; m: string[]; iv: number[] } {
  const out = { rt: [] as string[], m: [] as string[], iv: [] as number[] };
  for (const [id, p] of core.plugins.riskTypes) {
    for (const [key, def] of Object.entries(p.def.metrics)) {
      if (typeof def.intervalSec === 'number' && def.intervalSec > 0) {
        out.rt.push(id);
        out.m.push(key);
        out.iv.push(Math.round(def.intervalSec));
      }
    }
  }
  return out;
}

const SENSORS_CTE = `d AS (SELECT * FROM unnest($1::text[], $2::text[], $3::int4[]) AS d(rt, m, iv)),
  s AS (
    SELECT s.sid, s.city_id, s.id, s.object_id, s.risk_type, s.last_seen,
           coalesce(s.interval_sec, (SELECT min(d.iv) FROM d WHERE d.rt = s.risk_type AND d.m = ANY(s.metrics))) AS iv
      FROM sensors s
     WHERE s.last_seen IS NOT NULL)`;

/** Raise and clear offline alarms now; emits the changes on `core.bus` after commit. */
export async function runOfflineScan(core: Core, opts: OfflineScanOptions = {}): Promise<OfflineScanResult> {
  let since = opts.notBefore ?? scanningSince.get(core);
  if (!since) {
    since = new Date();
    scanningSince.set(core, since);
  }
  const iv = defaultIntervals(core);
  const result = await core.db.tx(async (q) => {
    const raised = await q.query<AlarmRow>(
      `WITH ${SENSORS_CTE}
       INSERT INTO alarms (city_id, sid, sensor_id, object_id, risk_type, metric, kind, level, max_level, status, cause,
                           value, limit_value, reading_ts)
       SELECT s.city_id, s.sid, s.id, s.object_id, s.risk_type, '*', 'offline', 'alarm', 'alarm', 'raised', 'offline',
              round(extract(epoch FROM now() - s.last_seen)), $5::float8 * s.iv, s.last_seen
         FROM s
        WHERE s.iv IS NOT NULL
          AND greatest(s.last_seen, $4::timestamptz) < now() - $5::float8 * s.iv * interval '1 second'
          AND NOT EXISTS (SELECT 1 FROM alarms a
                           WHERE a.sid = s.sid AND a.metric = '*' AND a.status IN ('raised', 'acknowledged'))
       ON CONFLICT (sid, metric) WHERE status IN ('raised', 'acknowledged') DO NOTHING
       RETURNING ${ALARM_COLUMNS}`,
      [iv.rt, iv.m, iv.iv, since.toISOString(), OFFLINE_FACTOR],
    );
    const cleared = await q.query<AlarmRow & { last_seen: Date | string }>(
      `WITH ${SENSORS_CTE}
       UPDATE alarms a SET status = 'cleared', cleared_at = now(), updated_at = now()
         FROM s
        WHERE a.sid = s.sid AND a.kind = 'offline' AND a.metric = '*' AND a.status IN ('raised', 'acknowledged')
          AND s.last_seen > coalesce(a.reading_ts, '-infinity')
       RETURNING ${alarmColumns('a')}, s.last_seen`,
      [iv.rt, iv.m, iv.iv],
    );
    const events = [
      ...raised.rows.map((a) => ({
        city: a.city_id,
        alarmId: a.id,
        kind: 'alarm.raised' as const,
        data: {
          sensor: a.sensor_id,
          metric: '*',
          kind: 'offline',
          level: 'alarm',
          previousLevel: null,
          lastSeen: iso(a.reading_ts),
          silentSec: a.value,
          intervalSec: a.limit_value === null ? null : a.limit_value / OFFLINE_FACTOR,
          limitSec: a.limit_value,
        },
      })),
      ...cleared.rows.map((a) => ({
        city: a.city_id,
        alarmId: a.id,
        kind: 'alarm.cleared' as const,
        data: {
          sensor: a.sensor_id,
          metric: '*',
          kind: 'offline',
          level: 'alarm',
          previousLevel: 'alarm',
          ts: iso(a.last_seen),
          lastSeen: iso(a.last_seen),
        },
      })),
    ];
    const ids = await appendArchive(q, events);
    const jobs: JobRequest[] = events.map((e, i) => ({
      name: 'notify',
      data: {
        alarmId: e.alarmId,
        change: e.kind === 'alarm.raised' ? 'offline' : 'cleared',
        eventId: ids[i]!,
      },
    }));
    await core.enqueue.many(q, jobs);
    return {
      raised: raised.rows.map((a) => alarmPayload(a, null)),
      cleared: cleared.rows.map((a) => ({ ...alarmPayload(a, 'alarm'), ts: iso(a.last_seen) })),
    };
  });
  for (const p of [...result.raised, ...result.cleared]) core.bus.emit('alarm', p);
  if (result.raised.length + result.cleared.length > 0) wakeJobs(core);
  return result;
}

/** The `offline-scan` job. */
export async function handleOfflineScan(core: Core): Promise<void> {
  const r = await runOfflineScan(core);
  if (r.raised.length + r.cleared.length > 0) {
    core.log.info({ offline: r.raised.length, back: r.cleared.length }, 'offline scan');
  }
}
