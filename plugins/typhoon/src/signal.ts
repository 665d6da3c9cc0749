/**
 * The CMA typhoon warning signal (台风预警信号) from the modelled wind over the city in the forecast window,
 * and from observed winds at stations ("已经受影响 … 并可能持续"). Pure functions.
 */
import type { Tier } from '@fenghuo/sdk';
import type { TyphoonConfig } from './definition.js';
import { firstReach, type WindSeries } from './wind.js';

/** Highest first. */
export const TIERS_DESC: readonly Tier[] = ['red', 'orange', 'yellow', 'blue'];
const RANK: Record<Tier, number> = { blue: 1, yellow: 2, orange: 3, red: 4 };

export function maxTier(a: Tier | null, b: Tier | null): Tier | null {
  if (a === null) return b;
  if (b === null) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

export function tierRank(t: Tier | null): number {
  return t === null ? 0 : RANK[t];
}

export interface PointSeries {
  id: string;
  name: { zh: string; en: string };
  series: WindSeries;
}

export interface RungHit {
  tier: Tier;
  /** Hours after the bulletin when the rung's mean or gust criterion is first met somewhere in the city. */
  hours: number;
  /** The point where it is met first. */
  point: PointSeries;
  /** Which criterion: the mean wind, or the gust (mean × gust factor). */
  by: 'mean' | 'gust';
}

/**
 * The forecast signal: the highest rung whose mean-wind criterion, or gust criterion (modelled mean × gust
 * factor), is met at some point of the city within the rung's lead time. A rung counts when the wind
 * arrives within its window; the bulletin's own time is hour 0.
 */
export function forecastSignal(
  points: readonly PointSeries[],
  cfg: Pick<TyphoonConfig, 'signal' | 'gustFactor'>,
): RungHit | null {
  for (const tier of TIERS_DESC) {
    const r = cfg.signal[tier];
    let best: RungHit | null = null;
    for (const p of points) {
      const hMean = firstReach(p.series, r.meanMs, r.hours);
      const hGust = firstReach(p.series, r.gustMs / cfg.gustFactor, r.hours);
      const cand: RungHit | null =
        hMean !== null && (hGust === null || hMean <= hGust)
          ? { tier, hours: hMean, point: p, by: 'mean' }
          : hGust !== null
            ? { tier, hours: hGust, point: p, by: 'gust' }
            : null;
      if (cand && (!best || cand.hours < best.hours)) best = cand;
    }
    if (best) return best;
  }
  return null;
}

/** The earliest hour any point's modelled wind reaches `vMs`, over the whole series; `null` if never. */
export function hoursToImpact(points: readonly PointSeries[], vMs: number): number | null {
  let best: number | null = null;
  for (const p of points) {
    const h = firstReach(p.series, vMs);
    if (h !== null && (best === null || h < best)) best = h;
  }
  return best;
}

/** The signal rung observed values meet (mean wind and gust as given; `null` values ignored). */
export function observedTier(
  meanMs: number | null,
  gustMs: number | null,
  cfg: Pick<TyphoonConfig, 'signal'>,
): Tier | null {
  for (const tier of TIERS_DESC) {
    const r = cfg.signal[tier];
    if ((meanMs !== null && meanMs >= r.meanMs) || (gustMs !== null && gustMs >= r.gustMs)) return tier;
  }
  return null;
}

/**
 * The smallest of the last `n` values (the level a series has held for `n` samples), or `null` when there
 * are fewer than `n`.
 */
export function heldLevel(values: readonly number[], n: number): number | null {
  if (values.length < n || n < 1) return null;
  return Math.min(...values.slice(values.length - n));
}
