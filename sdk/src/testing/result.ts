/**
 * What {@link runScenario} records: alarms with their level history, warnings with their texts,
 * rejected readings, every analysis, and a timeline.
 */
import type { AffectedTarget, AnalysisResult, Geometry, I18n, Level, Statement, Tier } from '../types.js';

/** One change of an alarm's level; `from: null` when raised, `to: null` when cleared. */
export interface LevelStep {
  ts: string;
  from: Level | null;
  to: Level | null;
  cause: 'value' | 'rate';
  value: number;
  limit: number;
}

/** An alarm as the scenario left it. */
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

/** A warning as the scenario left it: the latest analysis with a tier, and its rendered texts. */
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

/** A value that ingest would refuse (or a reading with no values at all), with the reason. */
export interface RejectedReading {
  /** Index in `fixture.readings`. */
  index: number;
  sensor: string;
  ts: string;
  /** The refused metric; absent when the reading as a whole is refused (no values). */
  metric?: string;
  reason: string;
}

/** One run of `analyze`: its result or the error it ended with. */
export interface AnalysisRun {
  alarmId: string;
  ts: string;
  level: Level;
  result: AnalysisResult | null;
  error?: string;
}

/** What happened, in order. */
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

/** The outcome of {@link runScenario}. */
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
