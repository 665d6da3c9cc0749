/**
 * What an operator does to an alarm (the GraphQL mutations call these): acknowledge it, close it, or
 * mark it a false alarm. Each checks that the alarm is the city's, that the move is allowed from its
 * status, writes the archive event with the operator's name, and emits the alarm on `core.bus`.
 *
 * States: raised → acknowledged → cleared → closed; `false_alarm` from raised, acknowledged or cleared.
 * A cleared alarm nobody acknowledged may still be acknowledged (its status stays `cleared`).
 */
import { appendArchive } from '../archive/archive.js';
import type { Core } from '../core.js';
import { coreErrors } from '../errors.js';
import type { AlarmEventPayload } from '../events.js';
import { wakeJobs } from '../jobs/wake.js';
import { announce } from '../rules/sync.js';
import type { Queryable } from '../store/db.js';
import { liftWarningOfAlarm } from '../warnings/actions.js';
import { type AlarmRow, type AlarmStatus, alarmPayload, loadAlarm } from './rows.js';

type Action = 'acknowledged' | 'closed' | 'marked a false alarm';

/** Where each action may start from. */
export const ALLOWED_FROM: Readonly<Record<Action, readonly AlarmStatus[]>> = {
  acknowledged: ['raised', 'cleared'],
  closed: ['cleared', 'raised', 'acknowledged'],
  'marked a false alarm': ['raised', 'acknowledged', 'cleared'],
};

async function locked(q: Queryable, city: string, alarmId: string): Promise<AlarmRow> {
  const a = await loadAlarm(q, city, alarmId, true);
  if (!a) throw coreErrors.ALARM_NOT_FOUND({ alarm: alarmId, city });
  return a;
}

function forbid(a: AlarmRow, action: Action): never {
  throw coreErrors.ALARM_TRANSITION_FORBIDDEN({
    alarm: a.id,
    status: a.status,
    action,
    allowed: ALLOWED_FROM[action].join(', '),
  });
}

/**
 * Forget the rules state of the alarm's (sensor, metric) in every process, so that a value still beyond
 * a limit raises a new alarm at the next reading instead of being taken as the old level held.
 */
async function resetRuleState(core: Core, a: AlarmRow): Promise<void> {
  if (a.kind !== 'threshold') return;
  await announce(core, { kind: 'reset', sid: a.sid, metric: a.metric });
}

function emit(core: Core, a: AlarmRow): AlarmEventPayload {
  const p = alarmPayload(a, a.level);
  core.bus.emit('alarm', p);
  return p;
}

/**
 * Acknowledge an alarm (a duty officer has seen it).
 *
 * @throws FH_ALARM_NOT_FOUND when the alarm is not the city's; FH_ALARM_TRANSITION_FORBIDDEN when it
 *   was acknowledged already, or is closed or a false alarm
 */
export async function acknowledgeAlarm(
  core: Core,
  city: string,
  alarmId: string,
  actor: string,
): Promise<AlarmEventPayload> {
  const a = await core.db.tx(async (q) => {
    const cur = await locked(q, city, alarmId);
    if (!ALLOWED_FROM.acknowledged.includes(cur.status) || cur.acknowledged_at !== null)
      forbid(cur, 'acknowledged');
    const { rows } = await q.query<{ acknowledged_at: Date }>(
      `UPDATE alarms SET status = CASE WHEN status = 'raised' THEN 'acknowledged' ELSE status END,
              acknowledged_at = now(), acknowledged_by = $2, updated_at = now()
        WHERE id = $1::bigint RETURNING acknowledged_at`,
      [cur.id, actor],
    );
    await appendArchive(q, [
      { city, alarmId: cur.id, kind: 'alarm.acknowledged', actor, data: { previousStatus: cur.status } },
    ]);
    return {
      ...cur,
      status: cur.status === 'raised' ? ('acknowledged' as const) : cur.status,
      acknowledged_at: rows[0]!.acknowledged_at,
      acknowledged_by: actor,
    };
  });
  return emit(core, a);
}

/**
 * Close an alarm once it has cleared; `force` closes an open one too (and forgets its rules state, so a
 * value still beyond its limit raises a new alarm).
 *
 * @throws FH_ALARM_NOT_FOUND; FH_ALARM_NOT_CLEARED when it is open and `force` is not set;
 *   FH_ALARM_TRANSITION_FORBIDDEN when it is closed or a false alarm
 */
export async function closeAlarm(
  core: Core,
  city: string,
  alarmId: string,
  actor: string,
  note?: string,
  opts: { force?: boolean } = {},
): Promise<AlarmEventPayload> {
  const a = await core.db.tx(async (q) => {
    const cur = await locked(q, city, alarmId);
    if (!ALLOWED_FROM.closed.includes(cur.status)) forbid(cur, 'closed');
    const open = cur.status !== 'cleared';
    if (open && !opts.force) throw coreErrors.ALARM_NOT_CLEARED({ alarm: cur.id, status: cur.status });
    const { rows } = await q.query<{ closed_at: Date; cleared_at: Date | null }>(
      `UPDATE alarms SET status = 'closed', closed_at = now(), cleared_at = coalesce(cleared_at, now()), updated_at = now()
        WHERE id = $1::bigint RETURNING closed_at, cleared_at`,
      [cur.id],
    );
    await appendArchive(q, [
      {
        city,
        alarmId: cur.id,
        kind: 'alarm.closed',
        actor,
        data: { previousStatus: cur.status, forced: open, ...(note ? { note } : {}) },
      },
    ]);
    return {
      ...cur,
      status: 'closed' as const,
      closed_at: rows[0]!.closed_at,
      cleared_at: rows[0]!.cleared_at,
      wasOpen: open,
    };
  });
  if (a.wasOpen) await resetRuleState(core, a);
  return emit(core, a);
}

/**
 * Mark an alarm a false alarm (a faulty sensor, a test). Lifts its active warning, and forgets the
 * rules state of its (sensor, metric) so that a value still beyond a limit raises a new alarm at the
 * next reading.
 *
 * @throws FH_ALARM_NOT_FOUND; FH_ALARM_TRANSITION_FORBIDDEN when it is closed or already a false alarm
 */
export async function markFalseAlarm(
  core: Core,
  city: string,
  alarmId: string,
  actor: string,
  note?: string,
): Promise<AlarmEventPayload> {
  const a = await core.db.tx(async (q) => {
    const cur = await locked(q, city, alarmId);
    if (!ALLOWED_FROM['marked a false alarm'].includes(cur.status)) forbid(cur, 'marked a false alarm');
    const { rows } = await q.query<{ closed_at: Date }>(
      `UPDATE alarms SET status = 'false_alarm', closed_at = now(), updated_at = now()
        WHERE id = $1::bigint RETURNING closed_at`,
      [cur.id],
    );
    await appendArchive(q, [
      {
        city,
        alarmId: cur.id,
        kind: 'alarm.false_alarm',
        actor,
        data: { previousStatus: cur.status, ...(note ? { note } : {}) },
      },
    ]);
    const warning = await liftWarningOfAlarm(core, q, cur.id, actor, 'false_alarm');
    return { ...cur, status: 'false_alarm' as const, closed_at: rows[0]!.closed_at, warning };
  });
  await resetRuleState(core, a);
  const payload = emit(core, a);
  if (a.warning) {
    core.bus.emit('warning', a.warning);
    wakeJobs(core);
  }
  return payload;
}
