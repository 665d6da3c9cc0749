/**
 * `runScenario`: feed a fixture's readings through the steps core takes — validate, store, evaluate
 * thresholds, open/step/clear alarms, analyse on raise or step up, issue/update/lift the alarm's warning —
 * and record what happened.
 */
import { LEVELS, newState, type RuleState, step, type Transition } from '../rules/evaluate.js';
import { checkAnalysisResult } from '../schemas.js';
import type { AlarmEvent, AnalysisResult, Level, RiskTypeDef } from '../types.js';
import { composeWarning } from '../warning.js';
import { createContext, pointKey, type StoredPoint } from './context.js';
import { type Fixture, fixtureLabel } from './fixture.js';
import type { LevelStep, ScenarioAlarm, ScenarioResult, ScenarioWarning, TimelineEntry } from './result.js';
import { buildScene, type Scene } from './scene.js';

type Reading = Fixture['readings'][number];

const levelOf = (i: number): Level | null => (i >= 0 ? LEVELS[i]! : null);
const fmt = (v: number): string => (Number.isFinite(v) ? String(Math.round(v * 1000) / 1000) : String(v));

class ScenarioRun {
  readonly result: ScenarioResult;
  private readonly points = new Map<string, StoredPoint[]>();
  private readonly stored = new Set<string>();
  private readonly states = new Map<string, RuleState>();
  private readonly open = new Map<string, ScenarioAlarm>();
  private readonly warningOf = new Map<string, ScenarioWarning>();
  private readonly unevaluatedNoted = new Set<string>();
  private latest: { ms: number; ts: string } | null = null;

  constructor(
    private readonly def: RiskTypeDef,
    private readonly scene: Scene,
  ) {
    this.result = {
      name: scene.fixture.name,
      accepted: 0,
      alarms: [],
      warnings: [],
      rejected: [],
      analyses: [],
      timeline: [],
    };
  }

  private note(entry: TimelineEntry): void {
    this.result.timeline.push(entry);
  }

  /** The values ingest takes; the others are recorded as rejected, each with its reason, as core does. */
  private accepted(index: number, r: Reading): [string, number][] {
    const sensor = this.scene.sensors.get(r.sensor)!;
    const taken: [string, number][] = [];
    const reject = (metric: string | undefined, reason: string) => {
      this.result.rejected.push({
        index,
        sensor: r.sensor,
        ts: r.ts,
        ...(metric === undefined ? {} : { metric }),
        reason,
      });
      this.note({
        index,
        ts: r.ts,
        kind: 'rejected',
        sensor: r.sensor,
        ...(metric === undefined ? {} : { metric }),
        text: `rejected: ${reason}`,
      });
    };
    const entries = Object.entries(r.values);
    if (entries.length === 0) reject(undefined, '"values" is empty');
    for (const [metric, value] of entries) {
      const mdef = this.def.metrics[metric];
      if (!mdef || !sensor.metrics.includes(metric)) {
        reject(metric, `sensor ${sensor.id} has no metric "${metric}"`);
        continue;
      }
      const min = typeof mdef.schema.minimum === 'number' ? mdef.schema.minimum : Number.NEGATIVE_INFINITY;
      const max = typeof mdef.schema.maximum === 'number' ? mdef.schema.maximum : Number.POSITIVE_INFINITY;
      if (value < min || value > max) {
        reject(metric, `${metric} ${value} is outside its range [${min}, ${max}] ${mdef.unit}`);
        continue;
      }
      taken.push([metric, value]);
    }
    return taken;
  }

  async feed(index: number, r: Reading): Promise<void> {
    // Like ingest, a bad value is refused alone: the good values beside it, in the same reading, go on.
    const taken = this.accepted(index, r);
    if (taken.length === 0) return;
    const tsMs = Date.parse(r.ts);
    // Storage is idempotent on (sensor, metric, ts): a resent value is neither stored nor evaluated again.
    const fresh = Object.entries(r.values).filter(
      ([m]) => !this.stored.has(`${pointKey(r.sensor, m)}\u0000${tsMs}`),
    );
    if (fresh.length === 0) {
      this.note({
        index,
        ts: r.ts,
        kind: 'duplicate',
        sensor: r.sensor,
        text: 'reading already stored; ignored',
      });
      return;
    }
    this.result.accepted++;
    if (!this.latest || tsMs > this.latest.ms) this.latest = { ms: tsMs, ts: r.ts };
    for (const [metric, value] of fresh) {
      const key = pointKey(r.sensor, metric);
      this.stored.add(`${key}\u0000${tsMs}`);
      const list = this.points.get(key) ?? [];
      if (list.length === 0) this.points.set(key, list);
      list.push({ ts: r.ts, tsMs, value });
      await this.evaluate(index, r, metric, value, tsMs);
    }
  }

  private async evaluate(
    index: number,
    r: Reading,
    metric: string,
    value: number,
    tsMs: number,
  ): Promise<void> {
    const key = pointKey(r.sensor, metric);
    const th = this.scene.thresholds.get(key) ?? null;
    if (!th) {
      const ratioOf = this.def.thresholds[metric]?.ratioOf;
      if (ratioOf !== undefined && !this.unevaluatedNoted.has(key)) {
        this.unevaluatedNoted.add(key);
        const objectId = this.scene.sensors.get(r.sensor)!.objectId;
        this.note({
          index,
          ts: r.ts,
          kind: 'unevaluated',
          sensor: r.sensor,
          metric,
          text: `threshold not evaluated: object ${objectId} has no positive number attribute "${ratioOf}"`,
        });
      }
      return;
    }
    const state = this.states.get(key) ?? newState();
    this.states.set(key, state);
    const tr = step(th, state, tsMs, value);
    if (tr) await this.transition(index, r, metric, value, tr);
  }

  private async transition(
    index: number,
    r: Reading,
    metric: string,
    value: number,
    tr: Transition,
  ): Promise<void> {
    const key = pointKey(r.sensor, metric);
    const sensor = this.scene.sensors.get(r.sensor)!;
    const from = levelOf(tr.from);
    const to = levelOf(tr.to);
    const stepRec: LevelStep = { ts: r.ts, from, to, cause: tr.cause, value, limit: tr.limit };
    const base = { index, ts: r.ts, sensor: r.sensor, metric };
    const why = `${metric} ${fmt(value)} ${tr.cause === 'rate' ? 'changing faster than' : 'past'} ${fmt(tr.limit)}`;
    let alarm = this.open.get(key);
    if (!alarm || from === null) {
      alarm = {
        id: `A${this.result.alarms.length + 1}`,
        sensor: r.sensor,
        metric,
        object: sensor.objectId,
        status: 'open',
        level: to!,
        maxLevel: to!,
        raisedAt: r.ts,
        steps: [stepRec],
      };
      this.result.alarms.push(alarm);
      this.open.set(key, alarm);
      this.note({ ...base, kind: 'raised', text: `alarm ${alarm.id} raised at ${to} (${why})` });
    } else if (to === null) {
      alarm.status = 'cleared';
      alarm.clearedAt = r.ts;
      alarm.steps.push(stepRec);
      this.open.delete(key);
      this.note({ ...base, kind: 'cleared', text: `alarm ${alarm.id} cleared (${metric} ${fmt(value)})` });
      return;
    } else {
      alarm.level = to;
      alarm.steps.push(stepRec);
      if (tr.to > LEVELS.indexOf(alarm.maxLevel)) alarm.maxLevel = to;
      const kind = tr.to > tr.from ? 'stepped-up' : 'stepped-down';
      this.note({ ...base, kind, text: `alarm ${alarm.id} ${from} → ${to} (${why})` });
    }
    if (tr.to <= tr.from) return;
    await this.analyse(index, alarm, {
      alarmId: alarm.id,
      city: 'fixture',
      sensor: { ...sensor, metrics: [...sensor.metrics], location: [...sensor.location] },
      object: this.scene.objects.get(sensor.objectId)!,
      metric,
      level: to!,
      previousLevel: from,
      value,
      limit: tr.limit,
      ts: r.ts,
      cause: tr.cause,
      utcOffsetMin: this.scene.fixture.utcOffsetMin ?? 480,
    });
  }

  private async analyse(index: number, alarm: ScenarioAlarm, event: AlarmEvent): Promise<void> {
    const { scene } = this;
    const ctx = createContext(
      {
        objects: scene.objects,
        sensors: scene.sensors,
        points: this.points,
        thresholds: (sid, m) => scene.thresholds.get(pointKey(sid, m)) ?? null,
        weather: scene.fixture.weather ?? null,
      },
      {
        sensor: scene.sensors.get(alarm.sensor)!,
        tsMs: Date.parse(event.ts),
        now: scene.fixture.now ?? this.latest?.ts ?? event.ts,
      },
    );
    const base = { index, ts: event.ts, sensor: alarm.sensor, metric: alarm.metric };
    const run = { alarmId: alarm.id, ts: event.ts, level: event.level };
    let out: AnalysisResult;
    try {
      const raw: unknown = await this.def.analyze(structuredClone(event), ctx, structuredClone(scene.config));
      out = checkAnalysisResult(raw);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.result.analyses.push({ ...run, result: null, error: message });
      this.note({
        ...base,
        kind: 'analysis-failed',
        text: `analyze failed on ${alarm.id} at ${event.level}: ${message}`,
      });
      return;
    }
    this.result.analyses.push({ ...run, result: out });
    const summary = `tier ${out.tier ?? 'none'}, ${out.targets?.length ?? 0} target(s), ${out.findings.length} finding(s)`;
    this.note({ ...base, kind: 'analysed', text: `analyze on ${alarm.id} at ${event.level} → ${summary}` });
    this.applyResult(base, alarm, event, out);
  }

  /** One warning per alarm: issued on the first tier, revised on each later one, lifted on `null`. */
  private applyResult(
    base: Omit<TimelineEntry, 'kind' | 'text'>,
    alarm: ScenarioAlarm,
    event: AlarmEvent,
    out: AnalysisResult,
  ): void {
    const existing = this.warningOf.get(alarm.id);
    if (out.tier === null) {
      if (existing && existing.status === 'active') {
        existing.status = 'lifted';
        existing.liftedAt = event.ts;
        existing.updatedAt = event.ts;
        this.note({
          ...base,
          kind: 'warning-lifted',
          text: `warning ${existing.id} lifted: the analysis gives no tier`,
        });
      }
      return;
    }
    const texts = composeWarning(this.def, event, out);
    const fields = {
      tier: out.tier,
      status: 'active' as const,
      updatedAt: event.ts,
      targets: out.targets ?? [],
      findings: out.findings,
      actions: out.actions,
      ...texts,
    };
    let w = existing;
    if (w) {
      Object.assign(w, fields, { revision: w.revision + 1 });
      delete w.liftedAt;
      w.revisions.push({ revision: w.revision, ts: event.ts, tier: out.tier });
      this.note({
        ...base,
        kind: 'warning-updated',
        text: `warning ${w.id} revision ${w.revision}: ${out.tier}`,
      });
    } else {
      w = {
        id: `W${this.result.warnings.length + 1}`,
        alarmId: alarm.id,
        object: alarm.object,
        sensor: alarm.sensor,
        metric: alarm.metric,
        revision: 1,
        issuedAt: event.ts,
        revisions: [{ revision: 1, ts: event.ts, tier: out.tier }],
        ...fields,
      };
      this.result.warnings.push(w);
      this.warningOf.set(alarm.id, w);
      this.note({
        ...base,
        kind: 'warning-issued',
        text: `warning ${w.id} issued: ${out.tier} on ${w.object} — ${w.title.en}`,
      });
    }
    if (out.impact === undefined) delete w.impact;
    else w.impact = out.impact;
    if (out.impactRadiusM === undefined) delete w.impactRadiusM;
    else w.impactRadiusM = out.impactRadiusM;
  }
}

/**
 * Run a fixture through a risk type as core would, and record the alarms, warnings, rejected readings,
 * analyses and a timeline.
 *
 * - Readings are taken in the fixture's order (their arrival order). A value outside its metric's
 *   `minimum`..`maximum`, or for a metric the sensor lacks, is rejected (recorded in `rejected`, not
 *   stored, not evaluated); the other values of the same reading go on, as in core's ingest.
 * - A value is stored once per (sensor, metric, ts); one older than the last seen is stored but does
 *   not move the alarm (the evaluator ignores it), so a resend storm changes nothing.
 * - Each (sensor, metric) has its threshold compiled from the plugin's default, the most specific
 *   override (sensor, then object, then scene-wide) and the object's attributes (for `ratioOf`), and one
 *   alarm at a time that steps up and down and clears.
 * - On a raise or a step up, `analyze(event, ctx, { ...def.defaults, ...fixture.config })` runs at once,
 *   with `ctx` answering from the scene (see `createContext`) and `ctx.now()` = `fixture.now` or the
 *   latest reading time fed so far. A tier issues the alarm's warning or revises it (revision + 1); `null`
 *   lifts it. A throw or a malformed result is recorded in `analyses` (and reported by
 *   `checkExpectations`).
 *
 * Not modelled: offline alarms (the scene has no clock of its own), acknowledging and closing alarms,
 * routing. Throws `FH_SDK_FIXTURE_INVALID` when the fixture is malformed or does not fit the plugin (a
 * metric it lacks, a sensor on an object of a kind it does not monitor, attributes off the kind's schema).
 *
 * @example
 * const result = await runScenario(plugin, fixture);
 * result.alarms[0]; // { id: 'A1', sensor: 'GAS-0003', metric: 'ch4', maxLevel: 'orange', status: 'open', … }
 * result.warnings[0]?.title.zh; // '3号阀门井橙色预警：燃气泄漏'
 */
export async function runScenario(def: RiskTypeDef, fixture: Fixture): Promise<ScenarioResult> {
  const scene = buildScene(def, fixture, fixtureLabel(fixture));
  const run = new ScenarioRun(def, scene);
  for (const [index, r] of scene.fixture.readings.entries()) await run.feed(index, r);
  return run.result;
}
