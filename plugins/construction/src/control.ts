/**
 * GB 50497 double control, as pure functions: the tier from the accumulated ratio and the rate ratio, the
 * rate computed from accumulated readings, the "rate above half its warning value for 3 days" rule, and the
 * single-reading outlier test.
 */
import type { Point, Tier } from '@fenghuo/sdk';
import { median } from '@fenghuo/sdk';

/** The SDK's, re-exported so that this plugin's modules keep importing them from here. */
export { median };

export const TIERS: readonly Tier[] = ['blue', 'yellow', 'orange', 'red'];
const DAY_MS = 86_400_000;

/** Tier index 0..3, or -1 for none. */
export function tierIndex(t: Tier | null): number {
  return t === null ? -1 : TIERS.indexOf(t);
}

/** The tier `steps` above `t` (capped at red); `null` stays `null`. */
export function raise(t: Tier | null, steps: number): Tier | null {
  if (t === null || steps <= 0) return t;
  return TIERS[Math.min(TIERS.length - 1, tierIndex(t) + steps)]!;
}

/**
 * Combine the two controls (catalogue `construction`, notes §1, GB 50911 practice, recalled):
 * red when both reach W; orange when both reach 0.85 W or one reaches W; yellow when both reach 0.7 W or
 * one reaches 0.85 W; blue when one reaches 0.6 W. A missing control (`null`) counts as 0.
 *
 * @example
 * doubleControlTier(1.05, 1.2); // 'red'
 * doubleControlTier(1.05, 0.2); // 'orange'
 */
export function doubleControlTier(cumRatio: number | null, rateRatio: number | null): Tier | null {
  const a = cumRatio ?? 0;
  const b = rateRatio ?? 0;
  const both = Math.min(a, b);
  const one = Math.max(a, b);
  if (both >= 1) return 'red';
  if (both >= 0.85 || one >= 1) return 'orange';
  if (both >= 0.7 || one >= 0.85) return 'yellow';
  if (one >= 0.6) return 'blue';
  return null;
}

/** Single-control tier (strut force): 0.6 / 0.85 / 1.0 W, red at `redRatio`. */
export function singleControlTier(ratio: number, redRatio: number): Tier | null {
  if (ratio >= redRatio) return 'red';
  if (ratio >= 1) return 'orange';
  if (ratio >= 0.85) return 'yellow';
  if (ratio >= 0.6) return 'blue';
  return null;
}

/**
 * Rate in mm/d as the least-squares slope of the readings in the `windowH` hours up to `endMs`; `null`
 * with fewer than two readings spanning at least a quarter of the window (a rate from two readings an hour
 * apart is survey noise, not a daily rate).
 *
 * @example
 * rateMmPerDay([{ ts: '2026-01-01T00:00:00Z', value: 0 }, { ts: '2026-01-02T00:00:00Z', value: 2 }], Date.parse('2026-01-02T00:00:00Z'), 24); // 2
 */
export function rateMmPerDay(points: Point[], endMs: number, windowH: number): number | null {
  const from = endMs - windowH * 3_600_000;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const p of points) {
    const t = Date.parse(p.ts);
    if (t < from || t > endMs) continue;
    xs.push((t - from) / DAY_MS);
    ys.push(p.value);
  }
  if (xs.length < 2) return null;
  const span = Math.max(...xs) - Math.min(...xs);
  if (span * 24 < windowH / 4) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den > 0 ? num / den : null;
}

/** The latest reading at or before `t`, or `null`. */
function valueAt(points: Point[], t: number): number | null {
  let out: number | null = null;
  for (const p of points) {
    if (Date.parse(p.ts) <= t) out = p.value;
    else break;
  }
  return out;
}

/**
 * Daily increments (mm/d) of the accumulated value for the last `days` days before `endMs`, newest first;
 * shorter when history does not reach back that far.
 */
export function dailyIncrements(points: Point[], endMs: number, days: number): number[] {
  const out: number[] = [];
  const firstT = points.length ? Date.parse(points[0]!.ts) : Number.POSITIVE_INFINITY;
  for (let d = 0; d < days; d++) {
    const end = endMs - d * DAY_MS;
    const start = end - DAY_MS;
    if (start < firstT) break;
    const a = valueAt(points, start);
    const b = valueAt(points, end);
    if (a === null || b === null) break;
    out.push(b - a);
  }
  return out;
}

/**
 * GB 50497-2009 table 8.0.4 note 3 (catalogue: verified): the rate has exceeded `ratio` × its warning value
 * on each of the last `days` days.
 *
 * @example
 * sustainedRate([1.2, 1.1, 1.3], 2, 0.5, 3); // true
 */
export function sustainedRate(increments: number[], rateW: number, ratio: number, days: number): boolean {
  return increments.length >= days && increments.slice(0, days).every((d) => d > ratio * rateW);
}

/**
 * A single survey outlier: the newest reading jumped from the median of the previous three by at least
 * `minRatio` × W, at an implied rate of at least `rateFactor` × the rate W, while the trend before it was
 * quiet (below half the rate W). Whether other points agree is decided by the caller.
 */
export function isSpike(
  points: Point[],
  cumW: number,
  rateW: number | null,
  opts: { minRatio: number; rateFactor: number; windowH: number },
): { spike: boolean; jumpMm: number; priorRate: number | null } {
  if (points.length < 4) return { spike: false, jumpMm: 0, priorRate: null };
  const last = points[points.length - 1]!;
  const prev = points.slice(0, -1);
  const base = median(prev.slice(-3).map((p) => p.value));
  const jumpMm = last.value - base;
  const prevT = Date.parse(prev[prev.length - 1]!.ts);
  const dtDays = Math.max((Date.parse(last.ts) - prevT) / DAY_MS, 1 / 24);
  const priorRate = rateMmPerDay(prev, prevT, opts.windowH);
  const big = jumpMm >= opts.minRatio * cumW;
  const fast = rateW === null ? true : jumpMm / dtDays >= opts.rateFactor * rateW;
  const quiet = rateW === null || priorRate === null ? true : priorRate < 0.5 * rateW;
  return { spike: big && fast && quiet, jumpMm, priorRate };
}
