/**
 * Rainfall arithmetic: accumulations over the CMA signal windows from a gauge's series, their
 * projection one hour ahead with a nowcast, and the rainstorm signal they meet.
 */
import type { Tier } from '@fenghuo/sdk';
import type { FloodConfig } from './definition.js';

export const HOUR_MS = 3_600_000;

export interface Sample {
  t: number;
  v: number;
}

/** The sample nearest to `t` within `toleranceMs`, or `null`. */
export function valueAt(samples: readonly Sample[], t: number, toleranceMs: number): number | null {
  let best: Sample | null = null;
  for (const s of samples) {
    const d = Math.abs(s.t - t);
    if (d <= toleranceMs && (best === null || d < Math.abs(best.t - t))) best = s;
  }
  return best === null ? null : best.v;
}

/**
 * Non-overlapping hourly totals ending at `endT`, newest first, read from a rolling 1-hour accumulation
 * series (`rain_1h`): hour k is the reading nearest `endT − k h`. `null` where no reading is close enough.
 */
export function hourlyTotals(
  rain1h: readonly Sample[],
  endT: number,
  hours: number,
  toleranceMs: number,
): (number | null)[] {
  const out: (number | null)[] = [];
  for (let k = 0; k < hours; k++) out.push(valueAt(rain1h, endT - k * HOUR_MS, toleranceMs));
  return out;
}

/** Sum of the newest `n` hourly totals, `null` if any of them is unknown. */
export function sumHours(hourly: readonly (number | null)[], n: number): number | null {
  if (n <= 0) return 0;
  if (hourly.length < n) return null;
  let s = 0;
  for (let k = 0; k < n; k++) {
    const v = hourly[k];
    if (v === null || v === undefined) return null;
    s += v;
  }
  return s;
}

export type Windows = Record<number, number | null>;

/**
 * Accumulation over each window (hours): the gauge's own reported window metric when it has one,
 * else the sum of the hourly totals.
 */
export function accumulations(
  hoursList: readonly number[],
  reported: Windows,
  hourly: readonly (number | null)[],
): Windows {
  const out: Windows = {};
  for (const h of hoursList) out[h] = reported[h] ?? sumHours(hourly, h);
  return out;
}

/**
 * Accumulation over each window ending one hour from now: the nowcast for the next hour plus the last
 * `h − 1` hourly totals. When those are unknown, the current window total plus the nowcast, an upper
 * bound (the oldest hour is not taken off).
 */
export function projected(
  hoursList: readonly number[],
  current: Windows,
  hourly: readonly (number | null)[],
  nowcastMm: number,
): Windows {
  const out: Windows = {};
  for (const h of hoursList) {
    const last = sumHours(hourly, h - 1);
    const cur = current[h];
    out[h] = last !== null ? last + nowcastMm : cur === null || cur === undefined ? null : cur + nowcastMm;
  }
  return out;
}

const RUNGS: Tier[] = ['red', 'orange', 'yellow', 'blue'];

/** The windows the signal criteria use. */
export function signalWindows(cfg: FloodConfig): number[] {
  return [...new Set(RUNGS.map((t) => cfg.rainstormSignal[t].hours))].sort((a, b) => a - b);
}

/** The highest rainstorm signal whose criterion (window total ≥ amount) the totals meet, or `null`. */
export function rainstormSignal(
  totals: Windows,
  cfg: FloodConfig,
): { tier: Tier; hours: number; mm: number } | null {
  for (const tier of RUNGS) {
    const r = cfg.rainstormSignal[tier];
    const v = totals[r.hours];
    if (v !== null && v !== undefined && v >= r.mm) return { tier, hours: r.hours, mm: v };
  }
  return null;
}

/**
 * A gauge reading no neighbour and no weather feed confirms: at least one neighbouring gauge answered,
 * every neighbour saw less than `ratio` of it and less than `dryMm`, and the city's weather (if fresh)
 * shows less than `dryMm` per hour. Typical of a tipping-bucket test or a blocked funnel that released.
 */
export function isolatedGauge(
  ownMm: number,
  neighbourMm: readonly number[],
  weatherMmH: number | null,
  cfg: FloodConfig,
): boolean {
  if (neighbourMm.length === 0) return false;
  const { ratio, dryMm } = cfg.isolatedGauge;
  if (weatherMmH !== null && weatherMmH >= dryMm) return false;
  return neighbourMm.every((v) => v < ratio * ownMm && v < dryMm);
}
