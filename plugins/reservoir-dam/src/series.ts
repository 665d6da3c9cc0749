/** Small statistics on stored readings: least-squares rate, median, lone-spike test. */
import { median, type Sample, toSamples } from '@fenghuo/sdk';

/** The SDK's, re-exported so that this plugin's modules keep importing them from here. */
export { median, type Sample, toSamples };

/** Least-squares slope in units per hour; 0 with fewer than two samples or no time span. */
export function slopePerHour(samples: Sample[]): number {
  if (samples.length < 2) return 0;
  const n = samples.length;
  const t0 = samples[0]!.t;
  const xs = samples.map((s) => (s.t - t0) / 3_600_000);
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = samples.reduce((a, s) => a + s.v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (samples[i]!.v - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : 0;
}

/**
 * A lone spike: the latest value jumps by more than `jumpRatio` over the previous one, while the
 * `baselineN` readings before it sit within `jumpRatio / 2` of their median (a steady series, no
 * build-up). A real seepage rise builds up over several readings or comes with turbidity.
 */
export function isLoneSpike(samples: Sample[], jumpRatio: number, baselineN: number): boolean {
  if (samples.length < baselineN + 1) return false;
  const latest = samples[samples.length - 1]!.v;
  const before = samples.slice(-baselineN - 1, -1).map((s) => s.v);
  const base = median(before);
  if (!(base > 0)) return false;
  const prev = before[before.length - 1]!;
  const steady = before.every((v) => Math.abs(v - base) <= (base * jumpRatio) / 2);
  return steady && latest > prev * (1 + jumpRatio);
}
