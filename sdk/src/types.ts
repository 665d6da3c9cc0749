/**
 * The plugin contract: what a risk-type or sensor plugin declares, what `analyze` receives and returns,
 * and what the host (core, or the test harness) provides through `ctx`.
 *
 * These types are the stable face of Fenghuo for plugin authors; `docs/plugins.md` explains them.
 */
import type { Static, TNumber, TObject, TSchema } from '@sinclair/typebox';

/** Warning tiers, lowest first: 蓝 blue (IV) < 黄 yellow (III) < 橙 orange (II) < 红 red (I). */
export type Tier = 'blue' | 'yellow' | 'orange' | 'red';

/**
 * An alarm's level: `alarm` (报警) is the owner-only level below every warning tier; the four tiers
 * follow it. An alarm is always raised to the owner unit; a warning (预警) comes from the analysis.
 */
export type Level = 'alarm' | Tier;

/** The guideline's four domains. */
export type Domain = 'lifeline' | 'public' | 'production' | 'natural';

/** Text in Chinese (first) and English. */
export interface I18n {
  zh: string;
  en: string;
}

/** Where a default number comes from, carried into the catalogue so a city knows what to review. */
export interface Source {
  /** The standard or reference, e.g. `GB/T 50493-2019`. */
  basis: string;
  /** `true` when the number or its tier placement is an engineering choice, not the standard's own. */
  assumed: boolean;
}

/** A metric (monitoring parameter): its value schema, unit and names. */
export interface MetricDef<S extends TNumber = TNumber> {
  /** TypeBox number schema; `minimum`/`maximum` give the physically plausible range checked at ingest. */
  schema: S;
  /** Unit as displayed and stored, e.g. `%LEL`, `MPa`, `mm`. Required. */
  unit: string;
  name: I18n;
  /** Expected seconds between readings; a sensor silent for 3× this raises an `offline` alarm. */
  intervalSec?: number;
}

/** Per-level values of one threshold, in the metric's unit (or as a ratio, see `ratioOf`). */
export type LevelValues = Partial<Record<Level, number>>;

/**
 * Default tiers of one metric.
 * - `direction: 'rising'` — a level is entered when `value >= limit` (limits must increase alarm→red);
 *   `'falling'` — when `value <= limit` (limits must decrease), for O2, dry-beach length and the like.
 * - `durationSec` — the condition must hold this long before the level is entered.
 * - `hysteresis` — a level is left only when the value is back beyond `limit ∓ hysteresis`
 *   (absolute, in the metric's unit; or as a fraction of the limit when `hysteresisIsFraction`).
 * - `ratePerMin` — levels entered on rate of change per minute (absolute value), independently of level.
 * - `ratioOf` — the limits are ratios of a numeric attribute of the monitored object (a bridge's design
 *   deflection limit, a pipeline's normal operating pressure); the effective limit is `ratio × attribute`.
 */
export interface ThresholdDef {
  direction: 'rising' | 'falling';
  levels: LevelValues;
  durationSec?: number;
  hysteresis?: number;
  hysteresisIsFraction?: boolean;
  ratePerMin?: LevelValues;
  ratioOf?: string;
  /** Where the defaults come from: one source for all levels or one per level. */
  source?: Source | Partial<Record<Level, Source>>;
}

/** A kind of monitored object with the schema of its attributes. */
export interface ObjectKindDef<S extends TObject = TObject> {
  name: I18n;
  attributes: S;
}

/** GeoJSON geometry, as stored for objects and impact areas. */
export type Geometry =
  | { type: 'Point'; coordinates: [number, number] }
  | { type: 'LineString'; coordinates: [number, number][] }
  | { type: 'Polygon'; coordinates: [number, number][][] }
  | { type: 'MultiPolygon'; coordinates: [number, number][][][] };

/** Roles an object plays: monitored (has sensors), protection target (防护目标) or hazard (重大危险源). */
export type ObjectRole = 'monitored' | 'target' | 'hazard';

/** A monitored object, protection target or hazard as `ctx` returns it. */
export interface CityObject {
  id: string;
  kind: string;
  role: ObjectRole;
  name: I18n;
  geometry: Geometry;
  attributes: Record<string, unknown>;
  ownerUnit?: string;
  /** Distance in metres from the query point, filled by `ctx.within`. */
  distanceM?: number;
}

/** A sensor as `ctx` returns it. */
export interface SensorInfo {
  id: string;
  objectId: string;
  riskType: string;
  metrics: string[];
  location: [number, number];
  /** Distance in metres from the event's sensor, filled by `ctx.neighbours`. */
  distanceM?: number;
}

/** One stored reading of one metric. */
export interface Point {
  ts: string;
  value: number;
}

/** The alarm that triggered an analysis. */
export interface AlarmEvent<M extends string = string> {
  alarmId: string;
  city: string;
  sensor: SensorInfo;
  object: CityObject;
  metric: M;
  /** The alarm's current level and the previous one (`null` when newly raised). */
  level: Level;
  previousLevel: Level | null;
  /** The reading that caused the change and the effective limit it crossed. */
  value: number;
  limit: number;
  ts: string;
  /** Why: `value` (level crossed), `rate` (rate of change), held for `durationSec`. */
  cause: 'value' | 'rate';
}

/** What the host offers an analysis; every call is scoped to the event's city. */
export interface AnalysisContext {
  /** Readings of one sensor's metric in `[from, to]`, oldest first (defaults: the last hour up to the event). */
  history(
    sensorId: string,
    metric: string,
    opts?: { from?: string; to?: string; limit?: number },
  ): Promise<Point[]>;
  /** Sensors of the same risk type within `radiusM` of the event's sensor, nearest first. */
  neighbours(radiusM: number, opts?: { metric?: string }): Promise<SensorInfo[]>;
  /** Objects within `radiusM` metres of a point (default: the event's sensor), nearest first. */
  within(
    radiusM: number,
    opts?: { roles?: ObjectRole[]; kinds?: string[]; at?: [number, number] },
  ): Promise<CityObject[]>;
  /** One object by id. */
  object(id: string): Promise<CityObject | null>;
  /** The latest weather the city knows (wind from degrees, m/s, °C, mm/h); `null` when none is recorded. */
  weather(): Promise<Weather | null>;
  /** Effective limits of a metric for a sensor after city overrides. */
  thresholds(sensorId: string, metric: string): Promise<LevelValues>;
  /** Now, as the host sees it (the harness fixes it for reproducible tests). */
  now(): string;
}

export interface Weather {
  ts: string;
  windFromDeg?: number;
  windSpeedMs?: number;
  temperatureC?: number;
  rainMmH?: number;
  humidityPct?: number;
}

/** An affected protection target or hazard listed in a warning. */
export interface AffectedTarget {
  id: string;
  kind: string;
  role: ObjectRole;
  name: I18n;
  distanceM: number;
}

/** A finding or recommended action, bilingual. */
export type Statement = I18n;

/** What `analyze` returns: the warning it concludes (or `tier: null`, no warning). */
export interface AnalysisResult {
  /** `null` when the analysis concludes the alarm does not warrant a warning (a spike, a fault). */
  tier: Tier | null;
  /** Impact area as GeoJSON. */
  impact?: Geometry;
  /** Radius in metres of the impact area when it is a circle. */
  impactRadiusM?: number;
  targets?: AffectedTarget[];
  findings: Statement[];
  actions: Statement[];
  /** Values for the templates (`{{key}}`), numbers and strings only. */
  data?: Record<string, string | number>;
}

/** Bilingual warning templates rendered with `{{name}}` placeholders from the event and the analysis data. */
export interface WarningTemplates {
  title: I18n;
  body: I18n;
  instructions: I18n;
}

/** Readings passed to `analyze` typed by the plugin's own metric schemas. */
export type MetricValues<M extends Record<string, MetricDef>> = { [K in keyof M]?: Static<M[K]['schema']> };

/** A risk-type plugin definition. */
export interface RiskTypeDef<
  M extends Record<string, MetricDef> = Record<string, MetricDef>,
  O extends Record<string, ObjectKindDef> = Record<string, ObjectKindDef>,
  C extends TObject = TObject,
> {
  id: string;
  version: string;
  domain: Domain;
  name: I18n;
  description?: I18n;
  objects: O;
  metrics: M;
  thresholds: { [K in keyof M]?: ThresholdDef };
  /** Tunable model parameters; the studio renders a form from this schema. */
  config?: C;
  /** Defaults for `config`. */
  defaults?: Static<C>;
  /**
   * The analysis, run in the sandbox when an alarm is raised or steps up. Declared as a method so that a
   * plugin typed by its own metrics and config is still a plain `RiskTypeDef` to hosts.
   */
  analyze(
    event: AlarmEvent<Extract<keyof M, string>>,
    ctx: AnalysisContext,
    config: Static<C>,
  ): Promise<AnalysisResult> | AnalysisResult;
  warning: WarningTemplates;
}

/** One reading produced by a sensor plugin's decode. */
export interface DecodedReading {
  ts?: string;
  values: Record<string, number>;
}

/** A sensor (device) plugin definition, published by vendors. */
export interface SensorDef<M extends Record<string, MetricDef> = Record<string, MetricDef>> {
  id: string;
  version: string;
  vendor: string;
  model: string;
  metrics: M;
  decode: (payload: Uint8Array | unknown, meta: { sensor: string; receivedAt: string }) => DecodedReading[];
}

export type { TSchema };
