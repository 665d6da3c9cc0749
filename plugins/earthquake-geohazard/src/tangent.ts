/**
 * The improved tangent-angle method for landslide displacement (许强, 曾裕平, 钱江澎 等, 2009, 一种改进的
 * 切线角及对应的滑坡预警判据, 地质通报 28(4)): normalise the cumulative displacement S(t) by the velocity
 * v of the uniform-creep stage so that both axes are time, T(i) = S(i) / v, and read the stage from
 * α = arctan(ΔT / Δt): ≈ 45° uniform creep, 45–80° initial acceleration, 80–85° medium acceleration,
 * ≥ 85° imminent failure.
 */

export interface Sample {
  /** Days since an arbitrary origin. */
  t: number;
  value: number;
}

/** Moving median over `window` samples ending at each sample (shorter at the start). */
export function movingMedian(samples: Sample[], window: number): Sample[] {
  const w = Math.max(1, Math.floor(window));
  return samples.map((s, i) => {
    const vals = samples
      .slice(Math.max(0, i - w + 1), i + 1)
      .map((p) => p.value)
      .sort((a, b) => a - b);
    const mid = vals.length >> 1;
    const value = vals.length % 2 === 1 ? vals[mid]! : (vals[mid - 1]! + vals[mid]!) / 2;
    return { t: s.t, value };
  });
}

/** Least-squares slope (value per day) of samples; `null` with fewer than two distinct times. */
export function slope(samples: Sample[]): number | null {
  const n = samples.length;
  if (n < 2) return null;
  const mt = samples.reduce((a, s) => a + s.t, 0) / n;
  const mv = samples.reduce((a, s) => a + s.value, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const s of samples) {
    sxx += (s.t - mt) ** 2;
    sxy += (s.t - mt) * (s.value - mv);
  }
  return sxx === 0 ? null : sxy / sxx;
}

/** α in degrees for a displacement step ΔS over Δt days at creep velocity v (mm/d): arctan(ΔS / (v·Δt)). */
export function tangentAngleDeg(deltaS: number, deltaDays: number, v: number): number {
  return (Math.atan2(deltaS, v * deltaDays) * 180) / Math.PI;
}

export type Stage = 'decelerating' | 'uniform' | 'initial_acceleration' | 'medium_acceleration' | 'imminent';

export interface StageAngles {
  /** Boundary between uniform creep and initial acceleration (45°). */
  acceleration: number;
  /** Medium acceleration from here (80°). */
  medium: number;
  /** Imminent failure from here (85°). */
  imminent: number;
  /** Band around 45° still read as uniform creep, for measurement noise (assumed). */
  uniformToleranceDeg: number;
}

/** The deformation stage an angle falls in. */
export function stageOf(alphaDeg: number, a: StageAngles): Stage {
  if (alphaDeg >= a.imminent) return 'imminent';
  if (alphaDeg >= a.medium) return 'medium_acceleration';
  if (alphaDeg > a.acceleration + a.uniformToleranceDeg) return 'initial_acceleration';
  if (alphaDeg >= a.acceleration - a.uniformToleranceDeg) return 'uniform';
  return 'decelerating';
}

export interface TangentResult {
  /** Uniform-creep velocity used for normalisation (mm/d), after the floor. */
  v: number;
  /** Fitted velocity before the floor (mm/d). */
  vFitted: number;
  /** α over the latest step of at least the minimum span, on the smoothed series (degrees). */
  alphaDeg: number;
  /** ΔS (mm) and Δt (days) of that step. */
  deltaS: number;
  deltaDays: number;
  stage: Stage;
}

export interface TangentOptions {
  /** Samples of the moving median. */
  smoothWindow: number;
  /** Uniform-creep stage: the samples older than `recentDays` before the last one, back `baselineDays`. */
  baselineDays: number;
  recentDays: number;
  /** The step over which α is taken spans at least this many days (GNSS noise, see notes §4.5). */
  minStepDays: number;
  /** Floor on v (mm/d): a slope that was nearly still gives no meaningful normalisation below it. */
  minVelocity: number;
  angles: StageAngles;
}

/**
 * α and the stage at the last sample of a cumulative displacement series (oldest first); `null` when the
 * series is too short for a baseline and a step.
 *
 * @example
 * tangentAngle(series, opts)?.stage; // 'initial_acceleration'
 */
export function tangentAngle(series: Sample[], o: TangentOptions): TangentResult | null {
  if (series.length < 3) return null;
  const smooth = movingMedian(series, o.smoothWindow);
  const last = smooth[smooth.length - 1]!;
  const baseline = smooth.filter(
    (s) => s.t <= last.t - o.recentDays && s.t >= last.t - o.recentDays - o.baselineDays,
  );
  const vFitted = slope(baseline);
  if (vFitted === null) return null;
  let start: Sample | undefined;
  for (let i = smooth.length - 2; i >= 0; i--) {
    if (last.t - smooth[i]!.t >= o.minStepDays) {
      start = smooth[i];
      break;
    }
  }
  if (!start) return null;
  const v = Math.max(vFitted, o.minVelocity);
  const deltaS = last.value - start.value;
  const deltaDays = last.t - start.t;
  const alphaDeg = tangentAngleDeg(deltaS, deltaDays, v);
  return { v, vFitted, alphaDeg, deltaS, deltaDays, stage: stageOf(alphaDeg, o.angles) };
}
