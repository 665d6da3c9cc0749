/**
 * The plugin contract: what a risk-type or sensor plugin declares, what `analyze` receives and returns,
 * and what the host (core, or the test harness) provides through `ctx`.
 *
 * These types are the stable face of Fenghuo for plugin authors; `docs/plugins.md` explains them.
 */
import type { Static, TNumber, TObject, TSchema } from '@sinclair/typebox';

/**
 * Warning tiers, lowest first: 蓝 blue (IV) < 黄 yellow (III) < 橙 orange (II) < 红 red (I).
 *
 * @example
 * const tier: Tier = 'orange'; // 橙色预警, grade II
 */
export type Tier = 'blue' | 'yellow' | 'orange' | 'red';

/**
 * An alarm's level: `alarm` (报警) is the owner-only level below every warning tier; the four tiers
 * follow it. An alarm is always raised to the owner unit; a warning (预警) comes from the analysis.
 *
 * @example
 * const level: Level = event.level; // 'alarm' | 'blue' | 'yellow' | 'orange' | 'red'
 */
export type Level = 'alarm' | Tier;

/**
 * The guideline's four domains.
 *
 * @example
 * const domain: Domain = 'lifeline'; // 城市生命线
 */
export type Domain = 'lifeline' | 'public' | 'production' | 'natural';

/**
 * Text in Chinese (first) and English.
 *
 * @example
 * const name: I18n = { zh: '甲烷', en: 'Methane' };
 */
export interface I18n {
  zh: string;
  en: string;
}

/**
 * Where a default number comes from, carried into the catalogue so a city knows what to review.
 *
 * @example
 * const source: Source = { basis: 'GB/T 50493-2019', assumed: false };
 */
export interface Source {
  /** The standard or reference, e.g. `GB/T 50493-2019`. */
  basis: string;
  /** `true` when the number or its tier placement is an engineering choice, not the standard's own. */
  assumed: boolean;
}

/**
 * A metric (monitoring parameter): its value schema, unit and names.
 *
 * @example
 * const ch4: MetricDef = {
 *   schema: Type.Number({ minimum: 0, maximum: 100 }),
 *   unit: '%LEL',
 *   name: { zh: '甲烷', en: 'Methane' },
 *   intervalSec: 30,
 * };
 */
export interface MetricDef<S extends TNumber = TNumber> {
  /** TypeBox number schema; `minimum`/`maximum` give the physically plausible range checked at ingest. */
  schema: S;
  /** Unit as displayed and stored, e.g. `%LEL`, `MPa`, `mm`. Required. */
  unit: string;
  name: I18n;
  /** Expected seconds between readings; a sensor silent for 3× this raises an `offline` alarm. */
  intervalSec?: number;
}

/**
 * Per-level values of one threshold, in the metric's unit (or as a ratio, see `ratioOf`).
 *
 * @example
 * const levels: LevelValues = { alarm: 5, blue: 10, yellow: 20, orange: 25, red: 50 };
 */
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
 *
 * @example
 * const o2: ThresholdDef = {
 *   direction: 'falling',
 *   levels: { blue: 19.5, yellow: 18, orange: 16, red: 12 },
 *   durationSec: 60,
 *   hysteresis: 0.3,
 * };
 * const deflection: ThresholdDef = { direction: 'rising', levels: { blue: 0.6, red: 1 }, ratioOf: 'deflectionLimitMm' };
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

/**
 * A kind of monitored object with the schema of its attributes.
 *
 * @example
 * const valveWell: ObjectKindDef = {
 *   name: { zh: '阀门井', en: 'Valve well' },
 *   attributes: Type.Object({ depthM: Type.Number({ minimum: 0 }) }),
 * };
 */
export interface ObjectKindDef<S extends TObject = TObject> {
  name: I18n;
  attributes: S;
}

/**
 * GeoJSON geometry, as stored for objects and impact areas.
 *
 * @example
 * const pipe: Geometry = { type: 'LineString', coordinates: [[120.149, 30.27], [120.152, 30.27]] };
 */
export type Geometry =
  | { type: 'Point'; coordinates: [number, number] }
  | { type: 'LineString'; coordinates: [number, number][] }
  | { type: 'Polygon'; coordinates: [number, number][][] }
  | { type: 'MultiPolygon'; coordinates: [number, number][][][] };

/**
 * Roles an object plays: monitored (has sensors), protection target (防护目标) or hazard (重大危险源).
 *
 * @example
 * const schools = await ctx.within(300, { roles: ['target'] satisfies ObjectRole[] });
 */
export type ObjectRole = 'monitored' | 'target' | 'hazard';

/**
 * A monitored object, protection target or hazard as `ctx` returns it.
 *
 * @example
 * const school: CityObject | null = await ctx.object('SCH-1');
 * school?.name.zh; // '实验小学'
 */
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

/**
 * A sensor as `ctx` returns it.
 *
 * @example
 * const near: SensorInfo[] = await ctx.neighbours(200, { metric: 'ch4' });
 * near[0]?.distanceM; // 96
 */
export interface SensorInfo {
  id: string;
  objectId: string;
  riskType: string;
  metrics: string[];
  location: [number, number];
  /** Distance in metres from the event's sensor, filled by `ctx.neighbours`. */
  distanceM?: number;
}

/**
 * One stored reading of one metric.
 *
 * @example
 * const points: Point[] = await ctx.history(event.sensor.id, 'ch4');
 * const peak = Math.max(...points.map((p) => p.value));
 */
export interface Point {
  ts: string;
  value: number;
}

/**
 * The alarm that triggered an analysis.
 *
 * @example
 * analyze(event) {
 *   if (event.level === 'alarm') return { tier: null, findings: [], actions: [] };
 *   // event.metric is one of the plugin's metric keys; event.value crossed event.limit
 * }
 */
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
  /**
   * The city's offset from UTC at `ts`, in minutes (480 for Asia/Shanghai), from its time zone, so that
   * texts can give the local time: `localTime(event.ts, event.utcOffsetMin)`, or `{{time}}` in a
   * template. Absent (treat as 0) from hosts older than this field.
   */
  utcOffsetMin?: number;
}

/**
 * What the host offers an analysis; every call is scoped to the event's city.
 *
 * @example
 * async analyze(event, ctx) {
 *   const recent = await ctx.history(event.sensor.id, event.metric, { limit: 10 });
 *   const targets = await ctx.within(300, { roles: ['target'] });
 *   const wind = await ctx.weather();
 *   // …
 * }
 */
export interface AnalysisContext {
  /**
   * Readings of one sensor's metric in `[from, to]`, oldest first. `to` defaults to the event's time,
   * `from` to one hour before `to`; with `limit`, the latest `limit` points of that span are kept.
   */
  history(
    sensorId: string,
    metric: string,
    opts?: { from?: string; to?: string; limit?: number },
  ): Promise<Point[]>;
  /**
   * Other sensors of the same risk type within `radiusM` of the event's sensor (itself excluded), nearest
   * first, with `distanceM`; `metric` keeps only sensors that measure it.
   */
  neighbours(radiusM: number, opts?: { metric?: string }): Promise<SensorInfo[]>;
  /**
   * Objects (of any role, the monitored one included) within `radiusM` metres of a point (default: the
   * event's sensor), nearest first, with `distanceM` to the nearest part of their geometry.
   */
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

/**
 * The weather the city knows, as `ctx.weather()` returns it.
 *
 * @example
 * const w: Weather | null = await ctx.weather();
 * const downwind = w?.windFromDeg === undefined ? null : (w.windFromDeg + 180) % 360;
 */
export interface Weather {
  ts: string;
  windFromDeg?: number;
  windSpeedMs?: number;
  temperatureC?: number;
  rainMmH?: number;
  humidityPct?: number;
}

/**
 * An affected protection target or hazard listed in a warning.
 *
 * @example
 * const target: AffectedTarget = { id: 'SCH-1', kind: 'school', role: 'target', name: { zh: '实验小学', en: 'Primary school' }, distanceM: 111 };
 */
export interface AffectedTarget {
  id: string;
  kind: string;
  role: ObjectRole;
  name: I18n;
  distanceM: number;
}

/**
 * A finding or recommended action, bilingual.
 *
 * @example
 * const finding: Statement = { zh: '甲烷浓度持续上升', en: 'Methane keeps rising' };
 */
export type Statement = I18n;

/**
 * What `analyze` returns: the warning it concludes (or `tier: null`, no warning).
 *
 * @example
 * const result: AnalysisResult = {
 *   tier: 'orange',
 *   impactRadiusM: 150,
 *   targets: [],
 *   findings: [{ zh: '疑似泄漏', en: 'Likely leak' }],
 *   actions: [{ zh: '关闭上游阀门', en: 'Close the upstream valve' }],
 *   data: { source: 'VW-3' },
 * };
 */
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

/**
 * Bilingual warning templates rendered with `{{name}}` placeholders from the event and the analysis data.
 *
 * @example
 * const warning: WarningTemplates = {
 *   title: { zh: '{{object}}{{tierZh}}', en: '{{tierEn}}: {{objectEn}}' },
 *   body: { zh: '{{metric}}{{value}}{{unit}}', en: '{{metricEn}} {{value}} {{unit}}' },
 *   instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
 * };
 */
export interface WarningTemplates {
  title: I18n;
  body: I18n;
  instructions: I18n;
}

/**
 * Readings passed to `analyze` typed by the plugin's own metric schemas.
 *
 * @example
 * type Values = MetricValues<typeof plugin.metrics>; // { ch4?: number; pressure?: number }
 */
export type MetricValues<M extends Record<string, MetricDef>> = { [K in keyof M]?: Static<M[K]['schema']> };

/**
 * A risk-type plugin definition.
 *
 * @example
 * import type { RiskTypeDef } from '@fenghuo/sdk';
 * function describe(def: RiskTypeDef): string {
 *   return `${def.name.zh} ${def.id}@${def.version}: ${Object.keys(def.metrics).join(', ')}`;
 * }
 */
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
   * How the platform re-analyses an alarm of this type that holds its level (an `alarm.held` step on its
   * latest reading): once `afterSec` have passed without a step, at most `max` times. Without it, the
   * platform's default (every 10 min, 6 times). Rules on a scale of days — a pit wall's rate on 3
   * consecutive days, a building's monthly settlement, a slope's tangent angle — need a slower, longer
   * schedule, e.g. `{ afterSec: 21_600, max: 28 }` (every 6 h for a week).
   */
  heldReanalysis?: { afterSec: number; max: number };
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

/**
 * One reading produced by a sensor plugin's decode.
 *
 * @example
 * const r: DecodedReading = { ts: '2026-11-29T08:00:00Z', values: { ch4: 12.5 } };
 */
export interface DecodedReading {
  ts?: string;
  values: Record<string, number>;
}

/**
 * A sensor (device) plugin definition, published by vendors.
 *
 * @example
 * const acme: SensorDef = defineSensor({ id: 'acme-ch4', version: '1.0.0', vendor: 'ACME', model: 'M1', metrics, decode });
 */
export interface SensorDef<M extends Record<string, MetricDef> = Record<string, MetricDef>> {
  id: string;
  version: string;
  vendor: string;
  model: string;
  metrics: M;
  decode: (payload: Uint8Array | unknown, meta: { sensor: string; receivedAt: string }) => DecodedReading[];
}

export type { TSchema };
