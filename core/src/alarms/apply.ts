/**
 * Alarms from level changes: the ingest writer calls {@link applyLevelChanges} inside the transaction
 * that stores the readings, so an alarm, its archive events and its jobs exist exactly when the
 * readings that caused them do.
 *
 * The database is the truth, not the rules state: a change is applied to whatever alarm is open for its
 * (sensor, metric), so a raise that finds an open alarm (after a restart, or from another process) is a
 * step, and a step that finds none (the operator closed it or marked it false) raises a new one.
 */
import { type Level, levelIndex } from '@fenghuo/sdk';
import { type ArchiveKind, appendArchive } from '../archive/archive.js';
import type { Core } from '../core.js';
import type { AlarmEventPayload } from '../events.js';
import type { JobRequest } from '../jobs/types.js';
import type { Queryable } from '../store/db.js';
import { ALARM_COLUMNS, type AlarmRow, type AlarmStatus, iso } from './rows.js';
import type { LevelChange } from './types.js';

/** One alarm as this call sees it: an open alarm read from the database, or one it raises. */
interface Working {
  id: string | null;
  /** The change that raised it (only for alarms this call raises). */
  change: LevelChange | null;
  level: Level;
  maxLevel: Level;
  status: AlarmStatus;
  cause: string;
  value: number | null;
  limit: number | null;
  readingTs: string | null;
  dirty: boolean;
}

interface Step {
  alarm: Working;
  kind: ArchiveKind;
  from: Level | null;
  to: Level;
  change: LevelChange;
  status: AlarmStatus;
}

const keyOf = (sid: number, metric: string) => `${sid}:${metric}`;
const higher = (a: Level, b: Level): Level => (levelIndex(a) >= levelIndex(b) ? a : b);

/**
 * Apply level changes (in the order the rules produced them) to the alarms table, in the caller's
 * transaction: raise, step up or down, clear; append an archive event per step; enqueue a `notify` job
 * per step and an `analyze` job per alarm raised or stepped up. Returns one payload per step, for the
 * caller to emit on `core.bus` after COMMIT.
 *
 * Concurrent writers (several ingest processes) are serialised per (sensor, metric) with transaction
 * advisory locks taken in a fixed order, so the partial unique index `alarms_one_open` never fails a
 * transaction here.
 */
export async function applyLevelChanges(
  core: Core,
  q: Queryable,
  changes: LevelChange[],
): Promise<AlarmEventPayload[]> {
  if (changes.length === 0) return [];
  const sids: number[] = [];
  const metrics: string[] = [];
  const seen = new Set<string>();
  for (const c of changes) {
    const k = keyOf(c.sid, c.metric);
    if (seen.has(k)) continue;
    seen.add(k);
    sids.push(c.sid);
    metrics.push(c.metric);
  }
  // Two-int advisory keys live apart from the single-bigint ones (migrations use one of those).
  await q.query(
    `SELECT pg_advisory_xact_lock(s, h) FROM (
       SELECT DISTINCT s, hashtext(m) AS h FROM unnest($1::int4[], $2::text[]) AS u(s, m) ORDER BY s, h
     ) AS k`,
    [sids, metrics],
  );
  const { rows: openRows } = await q.query<AlarmRow>(
    `SELECT ${ALARM_COLUMNS} FROM alarms
      WHERE status IN ('raised', 'acknowledged')
        AND (sid, metric) IN (SELECT s, m FROM unnest($1::int4[], $2::text[]) AS u(s, m))
      FOR UPDATE`,
    [sids, metrics],
  );

  const current = new Map<string, Working>();
  for (const r of openRows) {
    current.set(keyOf(r.sid, r.metric), {
      id: r.id,
      change: null,
      level: r.level,
      maxLevel: r.max_level,
      status: r.status,
      cause: r.cause,
      value: r.value,
      limit: r.limit_value,
      readingTs: iso(r.reading_ts),
      dirty: false,
    });
  }

  const raised: Working[] = [];
  const steps: Step[] = [];
  for (const c of changes) {
    const k = keyOf(c.sid, c.metric);
    const cur = current.get(k);
    if (c.to === null) {
      if (!cur) continue;
      cur.status = 'cleared';
      cur.dirty = true;
      current.delete(k);
      steps.push({
        alarm: cur,
        kind: 'alarm.cleared',
        from: cur.level,
        to: cur.level,
        change: c,
        status: 'cleared',
      });
      continue;
    }
    if (!cur) {
      const w: Working = {
        id: null,
        change: c,
        level: c.to,
        maxLevel: c.to,
        status: 'raised',
        cause: c.cause,
        value: c.value,
        limit: c.limit,
        readingTs: c.ts,
        dirty: true,
      };
      current.set(k, w);
      raised.push(w);
      steps.push({ alarm: w, kind: 'alarm.raised', from: null, to: c.to, change: c, status: 'raised' });
      continue;
    }
    const d = levelIndex(c.to) - levelIndex(cur.level);
    if (d === 0) continue;
    const from = cur.level;
    cur.level = c.to;
    cur.maxLevel = higher(cur.maxLevel, c.to);
    cur.cause = c.cause;
    cur.value = c.value;
    cur.limit = c.limit;
    cur.readingTs = c.ts;
    cur.dirty = true;
    steps.push({
      alarm: cur,
      kind: d > 0 ? 'alarm.stepped_up' : 'alarm.stepped_down',
      from,
      to: c.to,
      change: c,
      status: cur.status,
    });
  }
  if (steps.length === 0) return [];

  if (raised.length > 0) {
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO alarms (city_id, sid, sensor_id, object_id, risk_type, metric, kind, level, max_level, status, cause,
                           value, limit_value, reading_ts, cleared_at)
       SELECT c, s, se, o, r, m, 'threshold', l, ml, st, ca, v, li, t, CASE WHEN st = 'cleared' THEN now() END
         FROM unnest($1::text[], $2::int4[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::text[], $10::text[], $11::float8[], $12::float8[], $13::timestamptz[])
              WITH ORDINALITY AS u(c, s, se, o, r, m, l, ml, st, ca, v, li, t, ord)
        ORDER BY ord
       ON CONFLICT (sid, metric) WHERE status IN ('raised', 'acknowledged') DO NOTHING
       RETURNING id::text`,
      [
        raised.map((w) => w.change!.city),
        raised.map((w) => w.change!.sid),
        raised.map((w) => w.change!.sensorId),
        raised.map((w) => w.change!.objectId),
        raised.map((w) => w.change!.riskType),
        raised.map((w) => w.change!.metric),
        raised.map((w) => w.level),
        raised.map((w) => w.maxLevel),
        raised.map((w) => w.status),
        raised.map((w) => w.cause),
        raised.map((w) => w.value),
        raised.map((w) => w.limit),
        raised.map((w) => w.readingTs),
      ],
    );
    // Under the advisory locks no other writer can hold an open alarm we did not see; if one does,
    // failing the transaction (the readings are retried) is better than a second open alarm.
    if (rows.length !== raised.length) {
      throw new Error(
        `alarms: ${raised.length - rows.length} open alarm(s) appeared under the lock; retry the batch`,
      );
    }
    // Serial ids follow the insertion order, which ORDER BY ord fixes to the order of `raised`.
    const ids = rows.map((r) => BigInt(r.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    raised.forEach((w, i) => {
      w.id = ids[i]!.toString();
      w.dirty = false;
    });
  }

  const updated = [...new Set(steps.map((s) => s.alarm))].filter((w) => w.dirty);
  if (updated.length > 0) {
    await q.query(
      `UPDATE alarms a SET level = u.l, max_level = u.ml, status = u.st, cause = u.ca, value = u.v, limit_value = u.li,
              reading_ts = u.t, updated_at = now(),
              cleared_at = CASE WHEN u.st = 'cleared' THEN now() ELSE a.cleared_at END
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[],
                     $8::timestamptz[]) AS u(id, l, ml, st, ca, v, li, t)
        WHERE a.id = u.id`,
      [
        updated.map((w) => w.id),
        updated.map((w) => w.level),
        updated.map((w) => w.maxLevel),
        updated.map((w) => w.status),
        updated.map((w) => w.cause),
        updated.map((w) => w.value),
        updated.map((w) => w.limit),
        updated.map((w) => w.readingTs),
      ],
    );
  }

  const eventIds = await appendArchive(
    q,
    steps.map((s) => ({
      city: s.change.city,
      alarmId: s.alarm.id,
      kind: s.kind,
      data: {
        sensor: s.change.sensorId,
        metric: s.change.metric,
        level: s.to,
        previousLevel: s.from,
        value: s.change.value,
        limit: s.change.limit,
        cause: s.change.cause,
        ts: s.change.ts,
      },
    })),
  );

  const jobs: JobRequest[] = [];
  // One analysis per alarm per call, for its last raise or step up: a burst re-analyses once.
  const analyse = new Map<Working, string>();
  steps.forEach((s, i) => {
    const eventId = eventIds[i]!;
    const change = s.kind === 'alarm.raised' ? 'raised' : s.kind === 'alarm.cleared' ? 'cleared' : 'stepped';
    jobs.push({ name: 'notify', data: { alarmId: s.alarm.id!, change, eventId } });
    if (s.kind === 'alarm.raised' || s.kind === 'alarm.stepped_up') analyse.set(s.alarm, eventId);
    else if (s.kind === 'alarm.cleared') analyse.delete(s.alarm);
  });
  for (const [w, eventId] of analyse) jobs.push({ name: 'analyze', data: { alarmId: w.id!, eventId } });
  await core.enqueue.many(q, jobs);

  const now = Date.now();
  return steps.map((s) => ({
    id: s.alarm.id!,
    city: s.change.city,
    sensorId: s.change.sensorId,
    objectId: s.change.objectId,
    riskType: s.change.riskType,
    metric: s.change.metric,
    level: s.to,
    previousLevel: s.from,
    status: s.status,
    value: s.change.value,
    limit: s.change.limit,
    ts: s.change.ts,
    storedAtMs: now,
  }));
}
