/**
 * Small time-series helpers: stored points as samples, medians, least-squares fits, and the arrival time
 * of a pressure drop at one logger (the pick that the pressure-wave location works from).
 */
import { median, type Sample, toSamples } from '@fenghuo/sdk';

/** The SDK's, re-exported so that this plugin's modules keep importing them from here. */
export { median, type Sample, toSamples };

/** The samples plus the event's own reading, when `history` did not return it yet. */
export function withReading(samples: Sample[], t: number, v: number): Sample[] {
  if (samples.some((s) => s.t === t)) return samples;
  return [...samples, { t, v }].sort((a, b) => a.t - b.t);
}

/** Mean of the values with `from ≤ t ≤ to`, or `null` when none. */
export function meanIn(samples: Sample[], from: number, to: number): number | null {
  let n = 0;
  let sum = 0;
  for (const s of samples) {
    if (s.t < from || s.t > to) continue;
    n++;
    sum += s.v;
  }
  return n === 0 ? null : sum / n;
}

/** Ordinary least squares: slope per minute and R² (0 when undefined). */
export function linearFit(samples: Sample[]): { slopePerMin: number; r2: number } {
  const n = samples.length;
  if (n < 3) return { slopePerMin: 0, r2: 0 };
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
  if (sxx === 0 || syy === 0) return { slopePerMin: 0, r2: 0 };
  return { slopePerMin: sxy / sxx, r2: (sxy * sxy) / (sxx * syy) };
}

/**
 * Level before and after a change: `before` = median of the first fifth of the samples (at least 3),
 * `after` = median of the last 3; `drop` = before − after. `null` with fewer than 6 samples.
 */
export function stepChange(samples: Sample[]): { before: number; after: number; drop: number } | null {
  if (samples.length < 6) return null;
  const head = Math.max(3, Math.floor(samples.length / 5));
  const before = median(samples.slice(0, head).map((s) => s.v));
  const after = median(samples.slice(-3).map((s) => s.v));
  return { before, after, drop: before - after };
}

export interface ArrivalPick {
  /** Arrival time (ms), linearly interpolated where the curve crosses the pick level. */
  t: number;
  /** Time between the two samples that bracket the crossing (ms): the pick is good to about half of it. */
  resolutionMs: number;
  dropMpa: number;
}

/**
 * When the pressure drop reached this logger: the first downward crossing of
 * `before − fraction × drop` that the next two samples confirm, interpolated between the bracketing
 * samples. `null` when the drop is smaller than `minDrop`.
 */
export function arrivalPick(samples: Sample[], fraction: number, minDrop: number): ArrivalPick | null {
  const step = stepChange(samples);
  if (!step || step.drop < minDrop) return null;
  const level = step.before - fraction * step.drop;
  for (let i = 1; i < samples.length; i++) {
    const prev = samples[i - 1]!;
    const cur = samples[i]!;
    if (!(prev.v > level && cur.v <= level)) continue;
    const next = samples.slice(i + 1, i + 3);
    if (next.some((s) => s.v > level)) continue;
    const f = (prev.v - level) / (prev.v - cur.v);
    return { t: prev.t + f * (cur.t - prev.t), resolutionMs: cur.t - prev.t, dropMpa: step.drop };
  }
  return null;
}
