/**
 * Time-series basics for analyses: stored points as samples in time order, a median, and a
 * least-squares line. Pure JS, so they run in the sandbox.
 */
import type { Point } from './types.js';

/** A reading as time (ms since the epoch) and value. */
export interface Sample {
  t: number;
  v: number;
}

/**
 * Points from `ctx.history` as samples, oldest first; unreadable times and non-finite values dropped,
 * values multiplied by `factor` (a unit change).
 *
 * @example
 * toSamples([{ ts: '2026-11-29T08:00:00Z', value: 12 }]); // [{ t: 1795939200000, v: 12 }]
 */
export function toSamples(points: readonly Point[], factor = 1): Sample[] {
  const out: Sample[] = [];
  for (const p of points) {
    const t = Date.parse(p.ts);
    if (Number.isFinite(t) && Number.isFinite(p.value)) out.push({ t, v: p.value * factor });
  }
  return out.sort((a, b) => a.t - b.t);
}

/**
 * The samples with the event's own reading appended when it is newer than the last one (history may or
 * may not hold it yet).
 *
 * @example
 * withReading(samples, Date.parse(event.ts), event.value);
 */
export function withReading(samples: Sample[], t: number, v: number): Sample[] {
  const last = samples[samples.length - 1];
  if (last && last.t >= t) return samples;
  return [...samples, { t, v }];
}

/**
 * The median; `NaN` for no values.
 *
 * @example
 * median([3, 1, 2, 10]); // 2.5
 */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Ordinary least squares over the samples: slope per minute and R² (1 for a flat or perfect line; 0 and
 * 0 for fewer than two samples or a single instant).
 *
 * @example
 * linearFit(samples).slopePerMin * 60; // per hour
 */
export function linearFit(samples: readonly Sample[]): { slopePerMin: number; r2: number } {
  const n = samples.length;
  if (n < 2) return { slopePerMin: 0, r2: 0 };
  const t0 = samples[0]!.t;
  let sx = 0;
  let sy = 0;
  for (const s of samples) {
    sx += (s.t - t0) / 60_000;
    sy += s.v;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const s of samples) {
    const dx = (s.t - t0) / 60_000 - mx;
    const dy = s.v - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return { slopePerMin: 0, r2: 0 };
  return { slopePerMin: sxy / sxx, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) };
}
