/**
 * The harness's in-memory `AnalysisContext`: what core answers from its database and spatial index, the
 * harness answers from the fixture and the readings fed so far. Every answer is a copy, so an analysis
 * cannot change the scene it reads.
 */
import { sdkErrors } from '../errors.js';
import { distanceToGeometryM, haversineM } from '../geo.js';
import { type CompiledThreshold, LEVELS } from '../rules/evaluate.js';
import type { AnalysisContext, CityObject, LevelValues, Point, SensorInfo, Weather } from '../types.js';

/**
 * One stored reading of one metric, with its parsed time.
 *
 * @example
 * const p: StoredPoint = { ts: '2026-11-29T08:00:00Z', tsMs: Date.parse('2026-11-29T08:00:00Z'), value: 12.5 };
 */
export interface StoredPoint extends Point {
  tsMs: number;
}

/**
 * What the context reads: the scene and the store as they are when the analysis runs.
 *
 * @example
 * const view: SceneView = { objects, sensors, points, thresholds: (s, m) => compiled.get(pointKey(s, m)) ?? null, weather: null };
 */
export interface SceneView {
  objects: ReadonlyMap<string, CityObject>;
  sensors: ReadonlyMap<string, SensorInfo>;
  /** Stored readings by `sensor\u0000metric`, in the order they were stored. */
  points: ReadonlyMap<string, readonly StoredPoint[]>;
  /** Compiled threshold by `sensor\u0000metric` (`null` when the metric is not evaluated). */
  thresholds: (sensorId: string, metric: string) => CompiledThreshold | null;
  weather: Weather | null;
}

/**
 * Where and when one analysis runs.
 *
 * @example
 * const at: ContextAt = { sensor, tsMs: Date.parse(event.ts), now: event.ts };
 */
export interface ContextAt {
  /** The event's sensor. */
  sensor: SensorInfo;
  /** The event's reading time; history never reaches past it. */
  tsMs: number;
  /** What `ctx.now()` answers. */
  now: string;
}

const HOUR_MS = 3_600_000;
/**
 * The key of one sensor's metric in the scene's maps.
 *
 * @example
 * scene.thresholds.get(pointKey('GAS-0003', 'ch4'));
 */
export function pointKey(sensor: string, metric: string): string {
  return `${sensor}\u0000${metric}`;
}

function parseTs(value: string, field: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw sdkErrors.FIELD_INVALID({ field, expected: 'an ISO 8601 timestamp' });
  return ms;
}

/**
 * Effective per-level limits of a compiled threshold (after ratios and overrides), as `ctx.thresholds`
 * answers them.
 *
 * @example
 * levelValues(compileThreshold({ direction: 'rising', levels: { blue: 0.6 }, ratioOf: 'limitMm' }, null, { limitMm: 50 })!);
 * // { blue: 30 }
 */
export function levelValues(th: CompiledThreshold | null): LevelValues {
  const out: LevelValues = {};
  if (!th) return out;
  LEVELS.forEach((level, i) => {
    const v = th.limits[i]!;
    if (!Number.isNaN(v)) out[level] = v;
  });
  return out;
}

/**
 * Build the context for one analysis.
 *
 * - `history` returns the stored readings of a sensor's metric in `[from, to]`, oldest first; `to`
 *   defaults to (and is capped at) the event's time, `from` to one hour before `to`; `limit` keeps the
 *   latest points.
 * - `neighbours` returns the other sensors of the scene (all of the plugin's risk type) within the radius
 *   of the event's sensor, nearest first, by great-circle distance between their locations.
 * - `within` returns objects whose geometry is within the radius of the event's sensor (or `at`), nearest
 *   first; see `geo.ts` for how distance to a line or polygon is measured.
 *
 * @example
 * const ctx = createContext(scene, { sensor, tsMs: Date.parse(event.ts), now: event.ts });
 * const near = await ctx.within(300, { roles: ['target'] });
 */
export function createContext(scene: SceneView, at: ContextAt): AnalysisContext {
  const copy = <T>(v: T): T => structuredClone(v);
  return {
    async history(sensorId, metric, opts = {}) {
      const to = Math.min(opts.to === undefined ? at.tsMs : parseTs(opts.to, 'history to'), at.tsMs);
      const from = opts.from === undefined ? to - HOUR_MS : parseTs(opts.from, 'history from');
      const pts = (scene.points.get(pointKey(sensorId, metric)) ?? [])
        .filter((p) => p.tsMs >= from && p.tsMs <= to)
        .sort((a, b) => a.tsMs - b.tsMs);
      const limited =
        opts.limit !== undefined && opts.limit >= 0 ? pts.slice(Math.max(0, pts.length - opts.limit)) : pts;
      return limited.map((p) => ({ ts: p.ts, value: p.value }));
    },
    async neighbours(radiusM, opts = {}) {
      const out: SensorInfo[] = [];
      for (const s of scene.sensors.values()) {
        if (s.id === at.sensor.id || s.riskType !== at.sensor.riskType) continue;
        if (opts.metric !== undefined && !s.metrics.includes(opts.metric)) continue;
        const d = haversineM(at.sensor.location, s.location);
        if (d <= radiusM) out.push({ ...copy(s), distanceM: d });
      }
      return out.sort((a, b) => a.distanceM! - b.distanceM! || a.id.localeCompare(b.id));
    },
    async within(radiusM, opts = {}) {
      const origin = opts.at ?? at.sensor.location;
      const out: CityObject[] = [];
      for (const o of scene.objects.values()) {
        if (opts.roles && !opts.roles.includes(o.role)) continue;
        if (opts.kinds && !opts.kinds.includes(o.kind)) continue;
        const d = distanceToGeometryM(origin, o.geometry);
        if (d <= radiusM) out.push({ ...copy(o), distanceM: d });
      }
      return out.sort((a, b) => a.distanceM! - b.distanceM! || a.id.localeCompare(b.id));
    },
    async object(id) {
      const o = scene.objects.get(id);
      return o ? copy(o) : null;
    },
    async weather() {
      return scene.weather ? copy(scene.weather) : null;
    },
    async thresholds(sensorId, metric) {
      return levelValues(scene.thresholds(sensorId, metric));
    },
    now() {
      return at.now;
    },
  };
}
