/**
 * Mutations: handling alarms (operators) and overriding default tiers (admins). Each acts only inside
 * the caller's city: an id of another city is "not found" (FH_ALARM_NOT_FOUND), exactly like an id that
 * does not exist.
 */
import { acknowledgeAlarm, closeAlarm, markFalseAlarm } from '../../alarms/actions.js';
import { loadAlarm } from '../../alarms/rows.js';
import { overrideProblems } from '../../catalog/validate.js';
import type { Core } from '../../core.js';
import { coreErrors } from '../../errors.js';
import { announce } from '../../rules/sync.js';
import { type GqlContext, need } from './context.js';
import { alarmModel } from './data-events.js';
import { upsertOverride } from './data-inventory.js';

type Args = Record<string, unknown>;

const optString = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

export function mutationResolvers(core: Core) {
  const db = core.db;

  /** Check the alarm is the caller's city's, run the change, and answer with the alarm as it now is. */
  const alarmChange = async (
    ctx: GqlContext,
    id: string,
    action: string,
    run: (city: string, actor: string) => Promise<unknown>,
  ) => {
    const p = need(ctx, 'operate', action);
    // The action itself refuses an alarm of another city (FH_ALARM_NOT_FOUND), inside its transaction.
    await run(p.city, p.name);
    const after = await loadAlarm(db, p.city, id);
    if (!after) throw coreErrors.API_NOT_FOUND({ what: 'alarm', id });
    return alarmModel(after);
  };

  return {
    acknowledgeAlarm: (_: unknown, a: Args, ctx: GqlContext) => {
      const id = String(a['id']);
      return alarmChange(ctx, id, 'acknowledge alarms', (city, actor) =>
        acknowledgeAlarm(core, city, id, actor),
      );
    },
    closeAlarm: (_: unknown, a: Args, ctx: GqlContext) => {
      const id = String(a['id']);
      return alarmChange(ctx, id, 'close alarms', (city, actor) =>
        closeAlarm(core, city, id, actor, optString(a['note']), { force: a['force'] === true }),
      );
    },
    markFalseAlarm: (_: unknown, a: Args, ctx: GqlContext) => {
      const id = String(a['id']);
      return alarmChange(ctx, id, 'mark false alarms', (city, actor) =>
        markFalseAlarm(core, city, id, actor, optString(a['note'])),
      );
    },
    setThresholdOverride: async (_: unknown, a: Args, ctx: GqlContext) => {
      const p = need(ctx, 'configure', 'change thresholds');
      const riskType = String(a['riskType']);
      const metric = String(a['metric']);
      const objectId = optString(a['objectId']) ?? null;
      const sensorId = optString(a['sensorId']) ?? null;
      const levels = a['levels'];
      const durationSec = (a['durationSec'] as number | null | undefined) ?? null;
      const hysteresis = (a['hysteresis'] as number | null | undefined) ?? null;
      const problems: { path: string; message: string }[] = [];
      const plugin = core.plugins.get(riskType, p.city);
      if (!plugin) problems.push({ path: 'riskType', message: `unknown risk type "${riskType}"` });
      if (
        typeof levels !== 'object' ||
        levels === null ||
        Array.isArray(levels) ||
        Object.keys(levels).length === 0
      ) {
        problems.push({
          path: 'levels',
          message: 'levels must be an object such as { "blue": 10, "red": 50 }',
        });
      } else if (plugin) {
        problems.push(...overrideProblems(plugin.def, metric, levels as Record<string, number>));
      }
      if (objectId !== null && sensorId !== null) {
        problems.push({
          path: 'objectId',
          message: 'give objectId or sensorId (or neither, for the whole city), not both',
        });
      }
      if (durationSec !== null && durationSec < 0)
        problems.push({ path: 'durationSec', message: 'must be ≥ 0' });
      if (hysteresis !== null && hysteresis < 0)
        problems.push({ path: 'hysteresis', message: 'must be ≥ 0' });
      if (objectId !== null) {
        const { rows } = await db.query<{ risk_type: string | null }>(
          'SELECT risk_type FROM objects WHERE city_id = $1 AND id = $2',
          [p.city, objectId],
        );
        if (!rows[0]) throw coreErrors.API_NOT_FOUND({ what: 'object', id: objectId });
        if (rows[0].risk_type !== riskType) {
          problems.push({
            path: 'objectId',
            message: `object "${objectId}" is not monitored for ${riskType}`,
          });
        }
      }
      if (sensorId !== null) {
        const { rows } = await db.query<{ risk_type: string; metrics: string[] }>(
          'SELECT risk_type, metrics FROM sensors WHERE city_id = $1 AND id = $2',
          [p.city, sensorId],
        );
        if (!rows[0]) throw coreErrors.API_NOT_FOUND({ what: 'sensor', id: sensorId });
        if (rows[0].risk_type !== riskType) {
          problems.push({ path: 'sensorId', message: `sensor "${sensorId}" is not a ${riskType} sensor` });
        } else if (!rows[0].metrics.includes(metric)) {
          problems.push({ path: 'metric', message: `sensor "${sensorId}" does not measure "${metric}"` });
        }
      }
      if (problems.length > 0) {
        throw coreErrors.API_VALIDATION(
          { reason: problems.map((x) => `${x.path}: ${x.message}`).join('; ') },
          { problems },
        );
      }
      const saved = await upsertOverride(db, p.city, {
        riskType,
        metric,
        objectId,
        sensorId,
        levels: levels as Record<string, number>,
        durationSec,
        hysteresis,
      });
      await announce(core, { kind: 'reload', city: p.city });
      core.log.info(
        { city: p.city, actor: p.name, riskType, metric, objectId, sensorId },
        'threshold override set',
      );
      return saved;
    },
  };
}
