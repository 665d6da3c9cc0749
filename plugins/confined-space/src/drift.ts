/**
 * A drifting cell, told from a real change: electrochemical cells (O2 above all) age and creep steadily
 * towards an alarm limit over hours or days, while a real build-up in a sewer or tank fluctuates with
 * flow, disturbance and ventilation. The test (assumed, parameters in `config.drift`):
 *
 * 1. at least `minPoints` readings spanning at least `minSpanFraction` of the window;
 * 2. a least-squares line fits them well (R² ≥ `minR2`) and runs towards the limit;
 * 3. the line starts on the safe side of the limit (the series began normal and crossed it by creeping);
 * 4. no single step between readings exceeds `maxStepFraction` of the whole change (no jump).
 *
 * The analysis applies it only when nobody is inside, no door is open, no other gas is out of limits and
 * the alarm is no higher than `maxTier`: a deeper level re-runs the analysis and is never called drift.
 */
import type { Point } from '@fenghuo/sdk';

export interface DriftParams {
  windowMin: number;
  minPoints: number;
  minR2: number;
  minSpanFraction: number;
  maxStepFraction: number;
}

export interface LineFit {
  /** Units per hour. */
  slopePerH: number;
  r2: number;
  /** Fitted value at the first and last reading. */
  start: number;
  end: number;
}

/** Least-squares line through `(hours since first reading, value)`; `null` for fewer than 2 points. */
export function fitLine(points: readonly Point[]): LineFit | null {
  if (points.length < 2) return null;
  const t0 = Date.parse(points[0]!.ts);
  const xs = points.map((p) => (Date.parse(p.ts) - t0) / 3_600_000);
  const ys = points.map((p) => p.value);
  const n = points.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  // A flat series (syy = 0) fits perfectly but is no trend.
  const r2 = syy === 0 ? 0 : (sxy * sxy) / (sxx * syy);
  return { slopePerH: slope, r2, start: intercept, end: intercept + slope * xs[n - 1]! };
}

export interface DriftVerdict {
  drift: boolean;
  fit: LineFit | null;
  /** Why not, when `drift` is false (for the archive's findings). */
  reason: string;
}

/**
 * Is the series a slow, smooth creep across `limit` (rising: upwards; falling: downwards)?
 *
 * @example isDrift(o2Points, 19.5, false, defaults.drift).drift // true for a cell creeping 20.9 → 19.4 over 12 h
 */
export function isDrift(
  points: readonly Point[],
  limit: number,
  rising: boolean,
  p: DriftParams,
): DriftVerdict {
  if (points.length < p.minPoints) return { drift: false, fit: null, reason: 'too few readings' };
  const spanMin = (Date.parse(points[points.length - 1]!.ts) - Date.parse(points[0]!.ts)) / 60_000;
  if (spanMin < p.minSpanFraction * p.windowMin)
    return { drift: false, fit: null, reason: 'too short a history' };
  const fit = fitLine(points);
  if (!fit) return { drift: false, fit, reason: 'no trend' };
  if (fit.r2 < p.minR2) return { drift: false, fit, reason: 'not a smooth trend' };
  if (rising ? fit.slopePerH <= 0 : fit.slopePerH >= 0)
    return { drift: false, fit, reason: 'trend away from the limit' };
  if (rising ? fit.start >= limit : fit.start <= limit)
    return { drift: false, fit, reason: 'already beyond the limit at the start' };
  const change = Math.abs(fit.end - fit.start);
  let maxStep = 0;
  for (let i = 1; i < points.length; i++)
    maxStep = Math.max(maxStep, Math.abs(points[i]!.value - points[i - 1]!.value));
  if (change === 0 || maxStep > p.maxStepFraction * change)
    return { drift: false, fit, reason: 'a step, not a creep' };
  return { drift: true, fit, reason: 'slow smooth creep' };
}
