/** Curve tests on one sensor's readings: isolated jumps and the freeboard trend. */
import type { Point } from '@fenghuo/sdk';

const HOUR_MS = 3_600_000;

/**
 * Change per hour between the last stored reading before `ts` and the event's value, or `null` when there
 * is no earlier reading.
 */
export function stepRatePerH(history: Point[], ts: string, value: number): number | null {
  const t = Date.parse(ts);
  const before = history.filter((p) => Date.parse(p.ts) < t);
  const prev = before[before.length - 1];
  if (!prev) return null;
  const dtH = (t - Date.parse(prev.ts)) / HOUR_MS;
  if (!(dtH > 0)) return null;
  return Math.abs(value - prev.value) / dtH;
}

/** Least-squares slope of value against time, in units per hour; `null` with fewer than 3 points. */
export function slopePerH(points: Point[]): number | null {
  if (points.length < 3) return null;
  const t0 = Date.parse(points[0]!.ts);
  const xs = points.map((p) => (Date.parse(p.ts) - t0) / HOUR_MS);
  const ys = points.map((p) => p.value);
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : null;
}

/**
 * Hours until a falling quantity reaches `floor` at its present linear rate; `Infinity` when it is not
 * falling, 0 when already there.
 */
export function hoursTo(value: number, floor: number, slope: number | null): number {
  if (value <= floor) return 0;
  if (slope === null || slope >= 0) return Number.POSITIVE_INFINITY;
  return (value - floor) / -slope;
}
