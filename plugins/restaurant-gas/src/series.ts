/**
 * Features of one detector's curve: how long it has been above a limit, how fast it rises, whether the
 * crossing came as a build-up (gas accumulating in the room) or as a one-step jump, and whether the curve
 * looks like a slowly drifting cell.
 */
import { linearFit, median, type Sample, toSamples, withReading } from '@fenghuo/sdk';

/** The SDK's, re-exported so that this plugin's modules keep importing them from here. */
export { linearFit, median, type Sample, toSamples, withReading };

/** The trailing run of samples at or above `limit`: how many, since when, over how many minutes. */
export function trailingRun(
  samples: Sample[],
  limit: number,
): { count: number; startT: number | null; spanMin: number } {
  let count = 0;
  let startT: number | null = null;
  for (let i = samples.length - 1; i >= 0; i--) {
    const s = samples[i]!;
    if (s.v >= limit) {
      count++;
      startT = s.t;
    } else break;
  }
  const last = samples[samples.length - 1];
  return { count, startT, spanMin: startT !== null && last ? (last.t - startT) / 60_000 : 0 };
}

/** Parameters of the build-up (ramp) test; see README "Spike or leak". */
export interface RampParams {
  minSamples: number;
  minRiseLel: number;
  minSlopePerMin: number;
  maxStepShare: number;
}

export interface Ramp {
  ramp: boolean;
  /** Samples in the final rise, its first value, its total rise and its largest single step. */
  samples: number;
  fromV: number;
  riseLel: number;
  maxStepShare: number;
  slopePerMin: number;
  durationMin: number;
}

/** Noise allowed inside a rise before it counts as a fall (%LEL). */
const RISE_TOLERANCE = 0.5;

/**
 * The final rise of the curve: walk back from the latest sample while each earlier sample is no higher
 * (within 0.5 %LEL of noise). It is a **build-up** when it spans at least `minSamples` samples, rises at
 * least `minRiseLel`, at `minSlopePerMin` or faster, and no single step carries more than `maxStepShare` of
 * the rise. Gas filling a room climbs over several readings; a puff of alcohol vapour or an aerosol jumps
 * in one (engineering assumption, README).
 */
export function finalRise(samples: Sample[], p: RampParams): Ramp {
  const n = samples.length;
  const none: Ramp = {
    ramp: false,
    samples: n > 0 ? 1 : 0,
    fromV: samples[n - 1]?.v ?? 0,
    riseLel: 0,
    maxStepShare: 1,
    slopePerMin: 0,
    durationMin: 0,
  };
  if (n < 2) return none;
  let i = n - 1;
  while (i > 0 && samples[i - 1]!.v <= samples[i]!.v + RISE_TOLERANCE) i--;
  const seg = samples.slice(i);
  const first = seg[0]!;
  const last = seg[seg.length - 1]!;
  const rise = last.v - first.v;
  if (!(rise > 0)) return { ...none, samples: seg.length, fromV: first.v };
  let maxStep = 0;
  for (let k = 1; k < seg.length; k++) maxStep = Math.max(maxStep, seg[k]!.v - seg[k - 1]!.v);
  const share = maxStep / rise;
  const slope = linearFit(seg).slopePerMin;
  const ramp =
    seg.length >= p.minSamples &&
    rise >= p.minRiseLel &&
    slope >= p.minSlopePerMin &&
    share <= p.maxStepShare;
  return {
    ramp,
    samples: seg.length,
    fromV: first.v,
    riseLel: rise,
    maxStepShare: share,
    slopePerMin: slope,
    durationMin: (last.t - first.t) / 60_000,
  };
}

/**
 * Whether the curve climbs steadily: the medians of `blocks` equal time slices never go down (medians of
 * slices, not single steps, so that a few tenths of noise do not hide a trend).
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

export interface DriftParams {
  minDurationMin: number;
  maxSlopePerMin: number;
  minR2: number;
}

/**
 * A slow, steady, near-linear climb over at least `minDurationMin`: the signature of a drifting catalytic
 * or semiconductor cell (zero drift, oil-fume contamination), not of gas filling a ventilated room, which
 * settles within a few air-change times. The caller checks that no other detector confirms it.
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

/** Mean of the samples in `[fromT, toT]`, time-weighted by the step to the next sample (last one held). */
export function timeWeightedMean(samples: Sample[], fromT: number, toT: number): number | null {
  const inside = samples.filter((s) => s.t <= toT);
  if (inside.length === 0 || toT <= fromT) return null;
  let area = 0;
  let covered = 0;
  for (let i = 0; i < inside.length; i++) {
    const s = inside[i]!;
    const a = Math.max(s.t, fromT);
    const b = Math.min(inside[i + 1]?.t ?? toT, toT);
    if (b <= a) continue;
    area += s.v * (b - a);
    covered += b - a;
  }
  // A sample before the window carries its value into it: covered time starts at the window's edge.
  return covered > 0 ? area / covered : null;
}
