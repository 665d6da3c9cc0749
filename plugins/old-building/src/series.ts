/**
 * Small statistics over one gauge's recent curve: the robust current value (median of the last samples,
 * so one spike does not move it), the least-squares rate, and the crack width with the temperature
 * effect taken out (least squares on time and temperature together).
 */
import { median, type Sample, toSamples } from '@fenghuo/sdk';

/** The SDK's, re-exported so that this plugin's modules keep importing them from here. */
export { median, type Sample, toSamples };

const DAY_MS = 86_400_000;

/** The median of the last `n` values: the current value a lone spike cannot move. */
export function robustLatest(samples: Sample[], n: number): number {
  return median(samples.slice(-Math.max(1, n)).map((s) => s.v));
}

/** Hours the samples span. */
export function spanHours(samples: Sample[]): number {
  const first = samples[0];
  const last = samples[samples.length - 1];
  return first && last ? (last.t - first.t) / 3_600_000 : 0;
}

/** Least-squares slope in units per day, or `null` with fewer than 3 samples or no time spread. */
export function slopePerDay(samples: Sample[]): number | null {
  const n = samples.length;
  if (n < 3) return null;
  const t0 = samples[0]!.t;
  let sx = 0;
  let sy = 0;
  for (const s of samples) {
    sx += (s.t - t0) / DAY_MS;
    sy += s.v;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (const s of samples) {
    const dx = (s.t - t0) / DAY_MS - mx;
    sxx += dx * dx;
    sxy += dx * (s.v - my);
  }
  return sxx > 0 ? sxy / sxx : null;
}

/** Pearson correlation, or 0 when either side is constant. */
export function pearson(xs: number[], ys: number[]): number {
  const n = Math.min(xs.length, ys.length);
  if (n < 3) return 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/** Pair each width sample with the temperature sample nearest in time (within `maxGapMs`). */
export function pairWithTemperature(
  width: Sample[],
  temp: Sample[],
  maxGapMs = 1_800_000,
): { t: number; w: number; temp: number }[] {
  const out: { t: number; w: number; temp: number }[] = [];
  let j = 0;
  for (const s of width) {
    while (j + 1 < temp.length && Math.abs(temp[j + 1]!.t - s.t) <= Math.abs(temp[j]!.t - s.t)) j++;
    const T = temp[j];
    if (T && Math.abs(T.t - s.t) <= maxGapMs) out.push({ t: s.t, w: s.v, temp: T.v });
  }
  return out;
}

export interface ThermalFit {
  /** mm per °C: the reversible opening and closing with temperature. */
  perDegree: number;
  /** mm per day with the temperature effect removed: the real growth. */
  perDay: number;
  /** Correlation of the detrended width with temperature. */
  r: number;
  /** The latest width corrected to the window's mean temperature. */
  compensatedLatest: number;
  meanTemp: number;
  latestTemp: number;
}

/**
 * Fit w = a + b·T + c·t by least squares (normal equations, 3 × 3). `b` is the thermal breathing, `c`
 * the growth that temperature does not explain; `null` with fewer than 6 pairs or a singular system
 * (temperature constant, or rising in step with time so that the two cannot be told apart).
 */
export function thermalFit(pairs: { t: number; w: number; temp: number }[]): ThermalFit | null {
  const n = pairs.length;
  if (n < 6) return null;
  const t0 = pairs[0]!.t;
  // Temperature that only rises (or falls) with time cannot be told from growth: no fit.
  const rTt = pearson(
    pairs.map((p) => p.t - t0),
    pairs.map((p) => p.temp),
  );
  if (Math.abs(rTt) > 0.95) return null;
  const X = pairs.map((p) => [1, p.temp, (p.t - t0) / DAY_MS] as const);
  const A = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const y = [0, 0, 0];
  for (let k = 0; k < n; k++) {
    const row = X[k]!;
    for (let i = 0; i < 3; i++) {
      y[i]! += row[i]! * pairs[k]!.w;
      for (let j = 0; j < 3; j++) A[i]![j]! += row[i]! * row[j]!;
    }
  }
  const sol = solve3(A, y);
  if (!sol) return null;
  const [, b, c] = sol;
  const meanTemp = pairs.reduce((s, p) => s + p.temp, 0) / n;
  const last = pairs[n - 1]!;
  // Correlation of temperature with the width once the time trend is removed.
  const detrended = pairs.map((p) => p.w - c * ((p.t - t0) / DAY_MS));
  const r = pearson(
    pairs.map((p) => p.temp),
    detrended,
  );
  return {
    perDegree: b,
    perDay: c,
    r,
    compensatedLatest: last.w - b * (last.temp - meanTemp),
    meanTemp,
    latestTemp: last.temp,
  };
}

/** Gaussian elimination with partial pivoting; `null` when (near) singular. */
function solve3(A: number[][], y: number[]): [number, number, number] | null {
  const M = A.map((row, i) => [...row, y[i]!]);
  for (let col = 0; col < 3; col++) {
    let piv = col;
    for (let r = col + 1; r < 3; r++) if (Math.abs(M[r]![col]!) > Math.abs(M[piv]![col]!)) piv = r;
    const scale = Math.max(...M.map((r) => Math.abs(r[col]!)), 1e-12);
    if (Math.abs(M[piv]![col]!) < 1e-9 * scale) return null;
    [M[col], M[piv]] = [M[piv]!, M[col]!];
    for (let r = 0; r < 3; r++) {
      if (r === col) continue;
      const f = M[r]![col]! / M[col]![col]!;
      for (let k = col; k < 4; k++) M[r]![k]! -= f * M[col]![k]!;
    }
  }
  const x = [0, 1, 2].map((i) => M[i]![3]! / M[i]![i]!);
  return [x[0]!, x[1]!, x[2]!];
}
