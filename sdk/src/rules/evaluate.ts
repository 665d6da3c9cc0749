/**
 * The tier evaluator: one pure state machine per (sensor, metric), shared by core's ingest path and the
 * SDK's test harness so that a plugin's fixtures see exactly what the platform does.
 *
 * It is on the hot path (every reading), so state is a small flat object and `step` allocates only when
 * the level changes.
 */
import type { Level, LevelValues, ThresholdDef } from '../types.js';

/**
 * Levels in order, lowest first; an alarm's level is an index into this array.
 *
 * @example
 * LEVELS[3]; // 'orange'
 * LEVELS.indexOf('red'); // 4
 */
export const LEVELS: readonly Level[] = ['alarm', 'blue', 'yellow', 'orange', 'red'] as const;

/**
 * Index of a level in {@link LEVELS}; `-1` means no alarm.
 *
 * @example
 * levelIndex('alarm'); // 0
 * levelIndex('red'); // 4
 */
export function levelIndex(level: Level): number {
  return LEVELS.indexOf(level);
}

/**
 * A threshold made ready for evaluation: effective limits after ratios and city overrides.
 *
 * @example
 * const th: CompiledThreshold | null = compileThreshold({ direction: 'rising', levels: { blue: 10, red: 50 } });
 * th?.limits; // Float64Array [NaN, 10, NaN, NaN, 50]
 */
export interface CompiledThreshold {
  rising: boolean;
  /** Effective limit per level index; `NaN` where the level is not defined. */
  limits: Float64Array;
  /** Absolute hysteresis band per level index. */
  hysteresis: Float64Array;
  /** Rate-of-change limits per minute per level index, or `null`. */
  rate: Float64Array | null;
  durationMs: number;
}

/**
 * Evaluation state of one (sensor, metric).
 *
 * @example
 * const s: RuleState = newState();
 * step(th, s, Date.parse('2026-11-29T08:00:00Z'), 55);
 * s.level; // 4 (red)
 */
export interface RuleState {
  /** Current level index, `-1` when clear. */
  level: number;
  /** Per level index: since when (ms) the value has continuously met that level's condition, or NaN. */
  since: Float64Array;
  lastTs: number;
  lastValue: number;
}

/**
 * A level change produced by {@link step}.
 *
 * @example
 * const t: Transition | null = step(th, s, tsMs, value);
 * if (t && t.to > t.from) console.log(`stepped up to ${LEVELS[t.to]} past ${t.limit}`);
 */
export interface Transition {
  /** Previous and new level index (`-1` = clear). */
  from: number;
  to: number;
  cause: 'value' | 'rate';
  /** The effective limit of the new level (or of the level left, when clearing). */
  limit: number;
}

/**
 * Fresh state for a (sensor, metric): clear by default, or at the level of an alarm that is still open
 * (core restores open alarms at start).
 *
 * A restored level and the levels below it count as held since forever, so their `durationSec` is not
 * waited out again: the first reading that still meets the level keeps the alarm where it was instead
 * of clearing it and raising it anew once the duration has passed.
 *
 * @example
 * const fresh = newState();       // no alarm
 * const restored = newState(3);   // an open orange alarm read back from the database
 */
export function newState(level = -1): RuleState {
  const since = new Float64Array(LEVELS.length).fill(Number.NaN);
  for (let i = 0; i <= level && i < since.length; i++) since[i] = Number.NEGATIVE_INFINITY;
  return { level, since, lastTs: Number.NEGATIVE_INFINITY, lastValue: Number.NaN };
}

function toArray(values: LevelValues | undefined, scale: number): Float64Array {
  const out = new Float64Array(LEVELS.length).fill(Number.NaN);
  if (!values) return out;
  for (let i = 0; i < LEVELS.length; i++) {
    const v = values[LEVELS[i]!];
    if (typeof v === 'number' && Number.isFinite(v)) out[i] = v * scale;
  }
  return out;
}

/**
 * Compile a threshold definition for one sensor.
 *
 * @param def the plugin's default threshold
 * @param override the city's levels for this metric (replacing the defaults level by level)
 * @param attributes the monitored object's attributes, for `ratioOf`
 * @returns the compiled threshold, or `null` when a `ratioOf` attribute is missing or not a positive number
 *
 * @example
 * const th = compileThreshold({ direction: 'rising', levels: { blue: 10, red: 50 } });
 */
export function compileThreshold(
  def: ThresholdDef,
  override?: { levels?: LevelValues; durationSec?: number; hysteresis?: number } | null,
  attributes?: Record<string, unknown>,
): CompiledThreshold | null {
  let scale = 1;
  if (def.ratioOf) {
    const ref = attributes?.[def.ratioOf];
    if (typeof ref !== 'number' || !Number.isFinite(ref) || ref <= 0) return null;
    scale = ref;
  }
  const levels: LevelValues = { ...def.levels, ...(override?.levels ?? {}) };
  const limits = toArray(levels, scale);
  const h = override?.hysteresis ?? def.hysteresis ?? 0;
  const hysteresis = new Float64Array(LEVELS.length);
  for (let i = 0; i < LEVELS.length; i++) {
    const lim = limits[i]!;
    hysteresis[i] = Number.isNaN(lim) ? 0 : def.hysteresisIsFraction ? Math.abs(lim) * h : h;
  }
  const rate = def.ratePerMin ? toArray(def.ratePerMin, scale) : null;
  return {
    rising: def.direction === 'rising',
    limits,
    hysteresis,
    rate,
    durationMs: (override?.durationSec ?? def.durationSec ?? 0) * 1000,
  };
}

/**
 * Feed one reading to the state machine.
 *
 * A level is entered when the value has met its condition for `durationMs`; it is left when the value is
 * back beyond the limit by the hysteresis band. Readings older than or equal to the last one seen are
 * ignored, so a resend storm never re-raises an alarm.
 *
 * @returns the transition, or `null` when the level did not change
 * @example
 * const s = newState();
 * step(th, s, Date.parse('2026-11-29T08:00:00Z'), 55); // → { from: -1, to: 4, cause: 'value', limit: 50 }
 */
export function step(th: CompiledThreshold, s: RuleState, tsMs: number, value: number): Transition | null {
  if (!(tsMs > s.lastTs)) return null;
  const { limits, rising } = th;
  const n = limits.length;
  // Levels whose condition holds now; conditions nest (red implies orange …) for well-ordered limits.
  let valueLevel = -1;
  for (let i = 0; i < n; i++) {
    const lim = limits[i]!;
    if (Number.isNaN(lim)) {
      s.since[i] = Number.NaN;
      continue;
    }
    const met = rising ? value >= lim : value <= lim;
    if (met) {
      if (Number.isNaN(s.since[i]!)) s.since[i] = tsMs;
      if (tsMs - s.since[i]! >= th.durationMs) valueLevel = i;
    } else {
      s.since[i] = Number.NaN;
    }
  }
  let target = valueLevel;
  let cause: 'value' | 'rate' = 'value';
  if (th.rate && s.lastTs !== -Infinity) {
    const minutes = (tsMs - s.lastTs) / 60_000;
    const r = Math.abs(value - s.lastValue) / minutes;
    for (let i = n - 1; i > target; i--) {
      const lim = th.rate[i]!;
      if (!Number.isNaN(lim) && r >= lim) {
        target = i;
        cause = 'rate';
        break;
      }
    }
  }
  // Hysteresis: stay at a level (or the highest one below it) while the value is inside its band.
  if (target < s.level) {
    for (let i = s.level; i > target; i--) {
      const lim = limits[i]!;
      if (Number.isNaN(lim)) continue;
      const band = th.hysteresis[i]!;
      const held = rising ? value > lim - band : value < lim + band;
      if (held && band > 0) {
        target = i;
        break;
      }
    }
  }
  s.lastTs = tsMs;
  s.lastValue = value;
  if (target === s.level) return null;
  const from = s.level;
  s.level = target;
  if (target < 0) {
    // Clearing reports the limit of the level left; a level entered on rate alone has no value limit.
    const lim = limits[from]!;
    return { from, to: target, cause, limit: Number.isNaN(lim) ? (th.rate?.[from] ?? Number.NaN) : lim };
  }
  return { from, to: target, cause, limit: cause === 'rate' ? th.rate![target]! : limits[target]! };
}
