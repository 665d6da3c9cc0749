/**
 * What {@link runScenario} records: alarms with their level history, warnings with their texts,
 * rejected readings, every analysis, and a timeline.
 */
import type { AffectedTarget, AnalysisResult, Geometry, I18n, Level, Statement, Tier } from '../types.js';

/**
 * One change of an alarm's level; `from: null` when raised, `to: null` when cleared.
 *
 * @example
 * result.alarms[0]?.steps; // [{ ts: '…08:01:00Z', from: null, to: 'blue', cause: 'value', value: 12, limit: 10 }, …]
 */
export interface LevelStep {
  ts: string;
  from: Level | null;
  to: Level | null;
  cause: 'value' | 'rate';
  value: number;
  limit: number;
}

/**
 * An alarm as the scenario left it.
 *
 * @example
 * const a: ScenarioAlarm | undefined = result.alarms.find((x) => x.sensor === 'GAS-0003');
 * a?.maxLevel; // 'orange'
 */
export interface ScenarioAlarm {
  id: string;
  sensor: string;
  metric: string;
  object: string;
  status: 'open' | 'cleared';
  /** The current level, or the last one before clearing. */
  level: Level;
  maxLevel: Level;
  raisedAt: string;
  clearedAt?: string;
  steps: LevelStep[];
}

/**
 * A warning as the scenario left it: the latest analysis with a tier, and its rendered texts.
 *
 * @example
 * const w: ScenarioWarning | undefined = result.warnings[0];
 * w?.title.zh; // '3号阀门井橙色预警'
 */
export interface ScenarioWarning {
  id: string;
  alarmId: string;
  object: string;
  sensor: string;
  metric: string;
  /** The latest tier the analysis gave (a lifted warning keeps it). */
  tier: Tier;
  status: 'active' | 'lifted';
  revision: number;
  issuedAt: string;
  updatedAt: string;
  liftedAt?: string;
  impact?: Geometry;
  impactRadiusM?: number;
  targets: AffectedTarget[];
  findings: Statement[];
  actions: Statement[];
  title: I18n;
  body: I18n;
  instructions: I18n;
  /** Every revision's tier, oldest first. */
  revisions: { revision: number; ts: string; tier: Tier }[];
}

/**
 * A value that ingest would refuse (or a reading with no values at all), with the reason.
 *
 * @example
 * result.rejected[0]; // { index: 4, sensor: 'GAS-0003', ts: '…', metric: 'ch4', reason: 'ch4 150 is outside its range [0, 100] %LEL' }
 */
export interface RejectedReading {
  /** Index in `fixture.readings`. */
  index: number;
  sensor: string;
  ts: string;
  /** The refused metric; absent when the reading as a whole is refused (no values). */
  metric?: string;
  reason: string;
}

/**
 * One run of `analyze`: its result or the error it ended with.
 *
 * @example
 * const failed: AnalysisRun[] = result.analyses.filter((a) => a.error !== undefined);
 */
export interface AnalysisRun {
  alarmId: string;
  ts: string;
  level: Level;
  result: AnalysisResult | null;
  error?: string;
}

/**
 * What happened, in order.
 *
 * @example
 * for (const t of result.timeline) console.log(`#${t.index} ${t.ts} ${t.kind}: ${t.text}`);
 */
export interface TimelineEntry {
  /** Index of the reading that caused it. */
  index: number;
  ts: string;
  kind:
    | 'rejected'
    | 'duplicate'
    | 'unevaluated'
    | 'raised'
    | 'stepped-up'
    | 'stepped-down'
    | 'cleared'
    | 'analysed'
    | 'analysis-failed'
    | 'warning-issued'
    | 'warning-updated'
    | 'warning-lifted';
  sensor: string;
  metric?: string;
  text: string;
}

/**
 * The outcome of {@link runScenario}.
 *
 * @example
 * const result: ScenarioResult = await runScenario(plugin, fixture);
 * result.alarms.length; // 1
 */
export interface ScenarioResult {
  name: string;
  /** Readings with at least one value stored (a reading with several metrics counts once). */
  accepted: number;
  alarms: ScenarioAlarm[];
  warnings: ScenarioWarning[];
  rejected: RejectedReading[];
  analyses: AnalysisRun[];
  timeline: TimelineEntry[];
}
