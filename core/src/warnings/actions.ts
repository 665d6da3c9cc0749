/**
 * What an operator does to a warning: lift it once the site is safe (warnings outlive their alarm's
 * clearing; see store.ts). The GraphQL mutations call these.
 */
import { appendArchive } from '../archive/archive.js';
import type { Core } from '../core.js';
import { coreErrors } from '../errors.js';
import type { WarningEventPayload } from '../events.js';
import { wakeJobs } from '../jobs/wake.js';
import type { Queryable } from '../store/db.js';
import { sendWarning, WARNING_COLUMNS, type WarningRow, warningPayload } from './store.js';

async function lift(
  core: Core,
  q: Queryable,
  w: WarningRow,
  actor: string,
  data: Record<string, unknown>,
): Promise<{ warning: WarningRow; deliveries: number }> {
  const { rows } = await q.query<WarningRow>(
    `UPDATE warnings SET status = 'lifted', revision = revision + 1, lifted_at = now(), lifted_by = $2, updated_at = now()
      WHERE id = $1::bigint RETURNING ${WARNING_COLUMNS}`,
    [w.id, actor],
  );
  const lifted = rows[0]!;
  const [eventId] = await appendArchive(q, [
    {
      city: lifted.city_id,
      alarmId: lifted.alarm_id,
      warningId: lifted.id,
      kind: 'warning.lifted',
      actor,
      data: { tier: lifted.tier, revision: lifted.revision, ...data },
    },
  ]);
  return { warning: lifted, deliveries: await sendWarning(core, q, lifted, eventId!, 'warning.lifted') };
}

/**
 * Lift a warning.
 *
 * @throws FH_WARNING_NOT_FOUND when it is not the city's; FH_WARNING_ALREADY_LIFTED when it is lifted
 */
export async function liftWarning(
  core: Core,
  city: string,
  warningId: string,
  actor: string,
  note?: string,
): Promise<WarningEventPayload> {
  if (!/^\d{1,18}$/.test(warningId)) throw coreErrors.WARNING_NOT_FOUND({ warning: warningId, city });
  const out = await core.db.tx(async (q) => {
    const { rows } = await q.query<WarningRow>(
      `SELECT ${WARNING_COLUMNS} FROM warnings WHERE id = $1::bigint AND city_id = $2 FOR UPDATE`,
      [warningId, city],
    );
    const w = rows[0];
    if (!w) throw coreErrors.WARNING_NOT_FOUND({ warning: warningId, city });
    if (w.status === 'lifted') throw coreErrors.WARNING_ALREADY_LIFTED({ warning: warningId });
    return lift(core, q, w, actor, { by: 'operator', ...(note ? { note } : {}) });
  });
  const payload = warningPayload(out.warning);
  core.bus.emit('warning', payload);
  if (out.deliveries > 0) wakeJobs(core);
  return payload;
}

/**
 * Lift the active warning of an alarm in the caller's transaction (a false alarm takes its warning with
 * it). Returns the payload to emit after commit, or `null` when there was none to lift.
 */
export async function liftWarningOfAlarm(
  core: Core,
  q: Queryable,
  alarmId: string,
  actor: string,
  reason: string,
): Promise<WarningEventPayload | null> {
  const { rows } = await q.query<WarningRow>(
    `SELECT ${WARNING_COLUMNS} FROM warnings WHERE alarm_id = $1::bigint AND status = 'active' FOR UPDATE`,
    [alarmId],
  );
  if (!rows[0]) return null;
  const out = await lift(core, q, rows[0], actor, { by: reason });
  return warningPayload(out.warning);
}
