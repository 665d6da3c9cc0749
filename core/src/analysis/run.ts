/**
 * The `analyze` job: run the risk type's `analyze` for an alarm that was raised or stepped up, and turn
 * its result into the alarm's warning.
 *
 * An installed plugin runs in the isolated-vm sandbox (`core.sandbox.analyze`: its own heap and CPU
 * limits, `ctx` reached by reference, coded FH_SANDBOX_* errors, quarantine per city). The version that
 * runs is the one serving the alarm's city, with the city's config, and only when the city lets it run
 * (enabled, not quarantined). A definition registered in-process by code (tests) is called directly
 * with a time limit (Promise.race).
 *
 * A plugin's failure (it throws, times out, or returns an invalid result) is archived as
 * `analysis.failed` with a coded error and not retried (it would fail the same way); a failure of the
 * platform (the database) is thrown so that the job is retried.
 */
import {
  type AlarmEvent,
  type AnalysisResult,
  composeWarning,
  FenghuoError,
  type Level,
  zoneOffsetMin,
} from '@fenghuo/sdk';
import { type AlarmRow, loadAlarm } from '../alarms/rows.js';
import { type ArchiveEvent, appendArchive, archiveEvent } from '../archive/archive.js';
import type { Core } from '../core.js';
import { coreErrors } from '../errors.js';
import type { JobData } from '../jobs/types.js';
import { wakeJobs } from '../jobs/wake.js';
import { configProblems } from '../registry/city.js';
import { assertRuns } from '../registry/gate.js';
import { storeWarning } from '../warnings/store.js';
import { resultProblems } from '../warnings/validate.js';
import { makeContext, SENSOR_COLUMNS, type SensorRow, toSensorInfo } from './context.js';
import { OBJECT_COLUMNS, type ObjectRow, toCityObject } from './spatial.js';

export interface AnalyzeOptions {
  /** Time limit of one analysis (ms). */
  timeoutMs: number;
}

class Timeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Timeout()), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function recordFailure(
  core: Core,
  alarm: AlarmRow,
  eventId: string | null,
  err: FenghuoError,
  ms: number,
): Promise<void> {
  core.log.warn(
    { alarm: alarm.id, riskType: alarm.risk_type, code: err.code, err: err.message },
    'analysis failed',
  );
  await appendArchive(core.db, [
    {
      city: alarm.city_id,
      alarmId: alarm.id,
      kind: 'analysis.failed',
      data: { code: err.code, message: err.message, eventId, durationMs: ms },
    },
  ]);
}

/** The alarm as the plugin sees it, at the step the job was enqueued for. */
function alarmEvent(
  alarm: AlarmRow,
  step: ArchiveEvent | null,
  sensor: SensorRow,
  object: ObjectRow,
): AlarmEvent {
  const d = step?.data ?? {};
  const num = (v: unknown, dflt: number | null) =>
    typeof v === 'number' && Number.isFinite(v) ? v : (dflt ?? Number.NaN);
  const ts =
    typeof d['ts'] === 'string' ? d['ts'] : new Date(alarm.reading_ts ?? alarm.updated_at).toISOString();
  return {
    alarmId: alarm.id,
    city: alarm.city_id,
    sensor: toSensorInfo(sensor),
    object: toCityObject(object),
    metric: alarm.metric,
    level: (typeof d['level'] === 'string' ? d['level'] : alarm.level) as Level,
    previousLevel: (typeof d['previousLevel'] === 'string' ? d['previousLevel'] : null) as Level | null,
    value: num(d['value'], alarm.value),
    limit: num(d['limit'], alarm.limit_value),
    ts,
    cause: (d['cause'] === 'rate' ? 'rate' : 'value') as 'value' | 'rate',
  };
}

const isNewer = (a: string, b: string | null) => b === null || BigInt(a) > BigInt(b);

export async function handleAnalyze(
  core: Core,
  data: JobData['analyze'],
  opts: AnalyzeOptions,
): Promise<void> {
  const alarm = await loadAlarm(core.db, null, data.alarmId);
  if (alarm?.kind !== 'threshold' || alarm.status === 'closed' || alarm.status === 'false_alarm') return;
  const eventId = data.eventId ?? null;
  if (eventId) {
    const { rows } = await core.db.query<{ source_event_id: string | null }>(
      'SELECT source_event_id::text FROM warnings WHERE alarm_id = $1::bigint',
      [alarm.id],
    );
    // The warning already reflects this step or a later one (a job run twice, or out of order).
    if (rows[0] && !isNewer(eventId, rows[0].source_event_id)) return;
  }
  const step = eventId ? await archiveEvent(core.db, eventId, alarm.city_id) : null;
  const started = Date.now();
  // The version serving the alarm's city (it may have pinned one), if the city lets it run.
  const plugin = core.plugins.get(alarm.risk_type, alarm.city_id);
  if (!plugin) {
    await recordFailure(
      core,
      alarm,
      eventId,
      coreErrors.ANALYSIS_PLUGIN_MISSING({ alarm: alarm.id, riskType: alarm.risk_type }),
      0,
    );
    return;
  }
  try {
    assertRuns(core, alarm.risk_type, alarm.city_id);
  } catch (err) {
    await recordFailure(core, alarm, eventId, err as FenghuoError, 0);
    return;
  }
  const [sensors, objects, cities] = await Promise.all([
    core.db.query<SensorRow>(`SELECT ${SENSOR_COLUMNS} FROM sensors WHERE sid = $1`, [alarm.sid]),
    core.db.query<ObjectRow>(`SELECT ${OBJECT_COLUMNS} FROM objects WHERE city_id = $1 AND id = $2`, [
      alarm.city_id,
      alarm.object_id,
    ]),
    core.db.query<{ timezone: string }>('SELECT timezone FROM cities WHERE id = $1', [alarm.city_id]),
  ]);
  const sensor = sensors.rows[0];
  const object = objects.rows[0];
  if (!sensor || !object) return; // Foreign keys keep both; a catalogue that removed them ends the event.

  const event = alarmEvent(alarm, step, sensor, object);
  // The city's wall clock for the texts (the sandbox has no time-zone data; it gets the offset).
  event.utcOffsetMin = zoneOffsetMin(cities.rows[0]?.timezone ?? 'Asia/Shanghai', Date.parse(event.ts));
  const ctx = makeContext(core, { city: alarm.city_id, sensor: event.sensor, tsMs: Date.parse(event.ts) });
  // The city's config was checked against the version serving when it was set; a version installed or
  // pinned since may declare another schema: such a config is refused on the event, not run with.
  const own = core.plugins.state(alarm.risk_type, alarm.city_id)?.config;
  const configBad = own ? configProblems(plugin, own) : [];
  if (configBad.length > 0) {
    await recordFailure(
      core,
      alarm,
      eventId,
      coreErrors.PLUGIN_CONFIG_INVALID(
        { id: alarm.risk_type, count: configBad.length, list: configBad.map((p) => `  - ${p}`).join('\n') },
        configBad,
      ),
      0,
    );
    return;
  }
  const config = core.plugins.configFor(plugin, alarm.city_id);
  const ids = { alarm: alarm.id, riskType: alarm.risk_type };
  let result: AnalysisResult;
  let texts: ReturnType<typeof composeWarning> | null = null;
  try {
    // A plugin loaded from a package runs in the sandbox (its own time and memory limits, coded
    // FH_SANDBOX_* errors); a definition registered in-process by code is called directly.
    const out: unknown = plugin.sandboxKey
      ? await core.sandbox.analyze(plugin.sandboxKey, event, ctx, config)
      : await withTimeout(
          Promise.resolve().then(() => plugin.def.analyze(event, ctx, config as never)),
          opts.timeoutMs,
        );
    const problems = resultProblems(out);
    if (problems.length > 0) {
      await recordFailure(
        core,
        alarm,
        eventId,
        coreErrors.ANALYSIS_RESULT_INVALID({ ...ids, reason: problems.join('; ') }),
        Date.now() - started,
      );
      return;
    }
    result = out as AnalysisResult;
    if (result.tier !== null) texts = composeWarning(plugin.def, event, result);
  } catch (err) {
    if (ctx.hostError !== undefined) throw ctx.hostError;
    const coded =
      err instanceof FenghuoError
        ? err
        : err instanceof Timeout
          ? coreErrors.ANALYSIS_TIMEOUT({ ...ids, ms: opts.timeoutMs })
          : coreErrors.ANALYSIS_FAILED({
              ...ids,
              reason: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
            });
    await recordFailure(core, alarm, eventId, coded, Date.now() - started);
    return;
  }
  const durationMs = Date.now() - started;

  const stored = await core.db.tx(async (q) => {
    // The alarm's row lock serialises analyses of one alarm (and an operator's action on it).
    const cur = await loadAlarm(q, null, alarm.id, true);
    if (!cur || cur.status === 'closed' || cur.status === 'false_alarm') return null;
    const { rows } = await q.query<{ source_event_id: string | null }>(
      'SELECT source_event_id::text FROM warnings WHERE alarm_id = $1::bigint',
      [alarm.id],
    );
    if (eventId && rows[0] && !isNewer(eventId, rows[0].source_event_id)) return null;
    await appendArchive(q, [
      {
        city: alarm.city_id,
        alarmId: alarm.id,
        kind: 'analysis.completed',
        data: {
          tier: result.tier,
          eventId,
          durationMs,
          plugin: `${plugin.def.id}@${plugin.def.version}`,
          findings: result.findings,
        },
      },
    ]);
    return storeWarning(core, q, {
      city: alarm.city_id,
      alarmId: alarm.id,
      riskType: alarm.risk_type,
      objectId: alarm.object_id,
      sourceEventId: eventId,
      result,
      texts,
    });
  });
  if (stored?.warning && stored.change) {
    core.bus.emit('warning', {
      id: stored.warning.id,
      city: stored.warning.city_id,
      alarmId: stored.warning.alarm_id,
      tier: stored.warning.tier,
      revision: stored.warning.revision,
    });
  }
  if (stored && stored.deliveries > 0) wakeJobs(core);
}
