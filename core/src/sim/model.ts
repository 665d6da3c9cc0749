/**
 * What the simulator sends, as pure functions of time and a seeded random source: a plausible normal
 * value per metric (kept clear of every limit, including rate-of-change limits) when the script gives
 * no baseline, and the profile a scripted step follows (up, held, back down).
 */
import type { CompiledThreshold } from '@fenghuo/sdk';
import type { Random } from './random.js';

export interface SimMetric {
  key: string;
  normal: number;
  sd: number;
  min: number;
  max: number;
}

export interface SimSensor {
  id: string;
  objectId: string;
  objectKind: string;
  objectName: string;
  riskType: string;
  location: [number, number];
  metrics: SimMetric[];
}

/**
 * The scripted value `t` ms after the profile starts, or `null` outside it. The rise is fast at first
 * (gas reaching a confined space), the fall smooth (ventilation, the valve shut).
 */
export function profileValue(
  t: number,
  baseline: number,
  peak: number,
  riseMs: number,
  holdMs: number,
  fallMs: number,
): number | null {
  if (t < 0) return null;
  if (t < riseMs) {
    const x = t / riseMs;
    return baseline + (peak - baseline) * (1 - (1 - x) * (1 - x));
  }
  if (t < riseMs + holdMs) return peak;
  if (t < riseMs + holdMs + fallMs) {
    const x = (t - riseMs - holdMs) / fallMs;
    return peak - (peak - baseline) * (x * x * (3 - 2 * x));
  }
  return null;
}

/** Known metrics get hand-set normal behaviour; others are derived from their limits. */
const KNOWN: Record<string, { normal: number; sd: number }> = {
  ch4: { normal: 0.8, sd: 0.25 },
  flow: { normal: 650, sd: 8 },
  pressure_drop_rate: { normal: 0.0003, sd: 0.0001 },
};

function finite(a: Float64Array | null | undefined): number[] {
  return a ? [...a].filter((v) => Number.isFinite(v)) : [];
}

/**
 * A normal value and noise for one metric of one sensor, from the compiled threshold (effective limits
 * after city overrides and ratios). Noise stays a fifth of the distance to the nearest limit, and small
 * enough that the change between two readings `periodMs` apart never meets a rate-of-change limit.
 */
export function normalBehaviour(
  key: string,
  range: { min: number; max: number },
  th: CompiledThreshold | null,
  periodMs: number,
): { normal: number; sd: number } {
  const known = KNOWN[key];
  let normal: number;
  let sd: number;
  const limits = finite(th?.limits);
  if (known) {
    ({ normal, sd } = known);
  } else if (th && limits.length > 0) {
    if (th.rising) {
      const lowest = Math.min(...limits);
      normal = lowest > 0 ? lowest * 0.3 : lowest - Math.max(1, Math.abs(lowest));
    } else {
      const highest = Math.max(...limits);
      normal = highest > 0 ? highest / 0.9 : highest + Math.max(1, Math.abs(highest));
    }
    sd = Math.abs(normal) * 0.01 || 0.01;
  } else {
    const lo = Number.isFinite(range.min) ? range.min : 0;
    const hi = Number.isFinite(range.max) ? range.max : lo + 100;
    normal = lo + (hi - lo) * 0.05;
    sd = Math.abs(normal) * 0.01 || 0.01;
  }
  if (th && limits.length > 0) {
    const gap = th.rising ? Math.min(...limits) - normal : normal - Math.max(...limits);
    if (gap > 0) sd = Math.min(sd, gap / 5);
  }
  const rates = finite(th?.rate);
  if (rates.length > 0) {
    // Two readings differ by about sd·√2; keep that well under the smallest rate over one period.
    sd = Math.min(sd, (0.05 * Math.min(...rates) * periodMs) / 60_000);
  }
  normal = Math.min(Math.max(normal, range.min), range.max);
  return { normal, sd };
}

export function clamp(v: number, m: SimMetric): number {
  return Math.min(Math.max(v, m.min), m.max);
}

/** Rounded for the wire: 4 significant decimals are plenty for every unit in the catalogue. */
export function round(v: number): number {
  return Math.round(v * 10_000) / 10_000;
}

/** A normal reading of one metric. */
export function normalValue(m: SimMetric, rnd: Random): number {
  return round(clamp(m.normal + rnd.gauss(m.sd), m));
}
