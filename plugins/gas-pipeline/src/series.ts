/**
 * Features of one sensor's curve: where it started rising, how fast, how long it has stayed high, and
 * whether it looks like a one-sample spike or a slow instrument drift rather than gas.
 */
import { linearFit, median, type Sample, toSamples, withReading } from '@fenghuo/sdk';

/** The SDK's, re-exported so that this plugin's modules keep importing them from here. */
export { linearFit, median, type Sample, toSamples, withReading };

/**
 * The trailing run of samples that meet `limit` (>= when rising, <= when falling): how many, since when.
 * A run of 1 means only the newest sample is beyond the limit.
 */
export function trailingRun(
  samples: Sample[],
  limit: number,
  rising = true,
): { count: number; startT: number | null; spanMin: number } {
  let count = 0;
  let startT: number | null = null;
  for (let i = samples.length - 1; i >= 0; i--) {
    const s = samples[i]!;
    if (rising ? s.v >= limit : s.v <= limit) {
      count++;
      startT = s.t;
    } else break;
  }
  const last = samples[samples.length - 1];
  return { count, startT, spanMin: startT !== null && last ? (last.t - startT) / 60_000 : 0 };
}

/**
 * Whether the curve climbs steadily: the medians of `blocks` equal time slices never go down. Medians of
 * slices, not single steps, so that sensor noise of a few tenths of a %LEL does not hide a trend.
 */
export function climbsSteadily(samples: Sample[], blocks = 6): boolean {
  const n = samples.length;
  if (n < blocks) return false;
  const t0 = samples[0]!.t;
  const span = samples[n - 1]!.t - t0;
  if (span <= 0) return false;
  const buckets: number[][] = Array.from({ length: blocks }, () => []);
  for (const s of samples) buckets[Math.min(blocks - 1, Math.floor(((s.t - t0) / span) * blocks))]!.push(s.v);
  let prev = -Infinity;
  for (const b of buckets) {
    if (b.length === 0) return false;
    const m = median(b);
    if (m < prev) return false;
    prev = m;
  }
  return true;
}

/** The shape of one curve within the analysis window. */
export interface CurveProfile {
  /** Quiet level: median of the oldest third of the window. */
  baseline: number;
  latest: number;
  peak: number;
  /** Start of the trailing run above `baseline + riseDelta`, or `null` when the curve is not raised now. */
  onsetT: number | null;
  /** Mean rise rate over that run, per minute (least squares; 0 when not raised). */
  slopePerMin: number;
  samples: number;
}

/**
 * Profile a curve. `riseDelta` is how far above its own quiet level a sensor must be to count as rising,
 * so a well that idles at 2 %LEL and one that idles at 0 are judged alike.
 */
export function profile(samples: Sample[], riseDelta: number): CurveProfile {
  const n = samples.length;
  if (n === 0) return { baseline: 0, latest: 0, peak: 0, onsetT: null, slopePerMin: 0, samples: 0 };
  const head = samples.slice(0, Math.max(1, Math.floor(n / 3)));
  const baseline = median(head.map((s) => s.v));
  let peak = -Infinity;
  for (const s of samples) peak = Math.max(peak, s.v);
  const run = trailingRun(samples, baseline + riseDelta);
  let slopePerMin = 0;
  if (run.count > 0) {
    // Include the last quiet sample before the run so that a two-sample rise still has a slope.
    const from = Math.max(0, n - run.count - 1);
    slopePerMin = linearFit(samples.slice(from)).slopePerMin;
  }
  return { baseline, latest: samples[n - 1]!.v, peak, onsetT: run.startT, slopePerMin, samples: n };
}

/** Parameters of the drift test (see README: an engineering assumption, configurable). */
export interface DriftParams {
  /** The climb must cover at least this many minutes of the series. */
  minDurationMin: number;
  maxSlopePerMin: number;
  minR2: number;
}

/**
 * A slow, steady, near-linear climb over at least `minDurationMin`: the signature of a drifting catalytic
 * or infrared cell (zero/span drift), not of gas, which arrives faster and less evenly. The caller checks
 * that no neighbouring sensor confirms it.
 */
export function looksLikeDrift(
  samples: Sample[],
  p: DriftParams,
): { drift: boolean; slopePerMin: number; r2: number; durationMin: number } {
  const n = samples.length;
  const durationMin = n > 1 ? (samples[n - 1]!.t - samples[0]!.t) / 60_000 : 0;
  const fit = linearFit(samples);
  const drift =
    n >= 6 &&
    // 90 %: a window of exactly `minDurationMin` rarely has samples on both of its edges.
    durationMin >= 0.9 * p.minDurationMin &&
    fit.slopePerMin > 0 &&
    fit.slopePerMin <= p.maxSlopePerMin &&
    fit.r2 >= p.minR2 &&
    climbsSteadily(samples);
  return { drift, slopePerMin: fit.slopePerMin, r2: fit.r2, durationMin };
}
