/**
 * The held scan (a repeating job): an analysis runs when an alarm is raised or steps up, so an alarm that
 * holds its level — a leak that settles at 15 %LEL with no second detector, a piezometer jump nobody
 * confirms — would be judged once, on its first readings, and never again. Every open threshold alarm
 * whose last step (raise, step, analysis) is older than `afterSec` gets an `alarm.held` step with its
 * latest reading, and its analysis runs again on it: the plugin sees how long the level has held and what
 * the neighbours did since. At most `max` such re-analyses per alarm, so a standing alarm does not
 * re-run its analysis for ever; an operator's action or a level change starts the count again only by
 * the steps it adds. A risk type may set its own schedule (`heldReanalysis` in its definition: a pit's
 * 3-day rate rule wants every 6 h for a week, not every 10 min for an hour); the platform's is the default.
 */
import { appendArchive } from '../archive/archive.js';
import type { Core } from '../core.js';
import type { JobRequest } from '../jobs/types.js';
import { wakeJobs } from '../jobs/wake.js';

/** How often the scan runs (ms). */
export const HELD_SCAN_EVERY_MS = 60_000;

export interface HeldScanOptions {
  /** An alarm whose last step is older than this is re-analysed (s), unless its risk type says. Default 600. */
  afterSec?: number;
  /** Most held re-analyses of one alarm, unless its risk type says. Default 6 (an hour at the default interval). */
  max?: number;
  /** Most alarms per run (the rest are taken at the next). Default 500. */
  limit?: number;
}

export const HELD_DEFAULTS = { afterSec: 600, max: 6, limit: 500 } as const;

interface HeldRow {
  id: string;
  city_id: string;
  sensor_id: string;
  metric: string;
  level: string;
  limit_value: number | null;
  cause: string;
  value: number;
  ts: Date | string;
  last_step: Date | string;
}

/** Re-analyse the alarms that held their level; returns their ids. */
export async function runHeldScan(core: Core, opts: HeldScanOptions = {}): Promise<string[]> {
  const { afterSec, max, limit } = { ...HELD_DEFAULTS, ...opts };
  // The risk types with a schedule of their own (their latest version's).
  const own = [...core.plugins.riskTypes.values()].flatMap((p) =>
    p.def.heldReanalysis ? [{ id: p.def.id, ...p.def.heldReanalysis }] : [],
  );
  const ids = await core.db.tx(async (q) => {
    const { rows } = await q.query<HeldRow>(
      `WITH own AS (
         SELECT * FROM unnest($4::text[], $5::float8[], $6::int[]) AS o(risk_type, after_sec, max_held)),
       cand AS (
         SELECT a.id, a.city_id, a.sid, a.sensor_id, a.metric, a.level, a.limit_value, a.cause,
                coalesce(own.after_sec, $1::float8) AS after_sec, coalesce(own.max_held, $2::int) AS max_held,
                (SELECT max(e.at) FROM archive_events e WHERE e.alarm_id = a.id) AS last_step,
                (SELECT count(*) FROM archive_events e WHERE e.alarm_id = a.id AND e.kind = 'alarm.held') AS held
           FROM alarms a LEFT JOIN own ON own.risk_type = a.risk_type
          WHERE a.kind = 'threshold' AND a.status IN ('raised', 'acknowledged'))
       SELECT c.id::text AS id, c.city_id, c.sensor_id, c.metric, c.level, c.limit_value, c.cause, c.last_step,
              r.value, r.ts
         FROM cand c
         JOIN metrics m ON m.key = c.metric
        CROSS JOIN LATERAL (SELECT value, ts FROM readings
                             WHERE sid = c.sid AND metric = m.id ORDER BY ts DESC LIMIT 1) r
        WHERE c.last_step < now() - c.after_sec * interval '1 second' AND c.held < c.max_held
        ORDER BY c.last_step
        LIMIT $3`,
      [afterSec, max, limit, own.map((o) => o.id), own.map((o) => o.afterSec), own.map((o) => o.max)],
    );
    if (rows.length === 0) return [];
    const eventIds = await appendArchive(
      q,
      rows.map((r) => ({
        city: r.city_id,
        alarmId: r.id,
        kind: 'alarm.held' as const,
        data: {
          sensor: r.sensor_id,
          metric: r.metric,
          level: r.level,
          previousLevel: r.level,
          value: r.value,
          limit: r.limit_value,
          cause: r.cause,
          ts: new Date(r.ts).toISOString(),
          heldSinceLastStepSec: Math.round((Date.now() - new Date(r.last_step).getTime()) / 1000),
        },
      })),
    );
    const jobs: JobRequest[] = rows.map((r, i) => ({
      name: 'analyze',
      data: { alarmId: r.id, eventId: eventIds[i]! },
    }));
    await core.enqueue.many(q, jobs);
    return rows.map((r) => r.id);
  });
  if (ids.length > 0) await wakeJobs(core);
  return ids;
}

export async function handleHeldScan(core: Core, opts: HeldScanOptions = {}): Promise<void> {
  const ids = await runHeldScan(core, opts);
  if (ids.length > 0) core.log.info({ alarms: ids.length }, 'held alarms re-analysed');
}
