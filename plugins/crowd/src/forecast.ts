/**
 * The 15–30 minute forecast: a least-squares line through the last minutes of the curve, blended with
 * how the same area changed at the same time of day on past days. Pure functions over samples.
 */

/** One reading as milliseconds since the epoch and a value. */
export interface Sample {
  t: number;
  v: number;
}

export const MIN_MS = 60_000;
export const DAY_MS = 86_400_000;

/** A least-squares line, `v = level + slopePerMin × (t − tEnd) / 1 min`, with its R². */
export interface LineFit {
  slopePerMin: number;
  /** Fitted value at `tEnd`, the last sample's time. */
  level: number;
  tEnd: number;
  r2: number;
  n: number;
}

/**
 * Ordinary least squares over the samples; `null` with fewer than two distinct times.
 *
 * @example
 * linearFit([{ t: 0, v: 1 }, { t: 60_000, v: 2 }, { t: 120_000, v: 3 }]); // slope 1 per minute, level 3
 */
export function linearFit(samples: readonly Sample[]): LineFit | null {
  const n = samples.length;
  if (n < 2) return null;
  const tEnd = (samples[n - 1] as Sample).t;
  let sx = 0;
  let sy = 0;
  for (const s of samples) {
    sx += (s.t - tEnd) / MIN_MS;
    sy += s.v;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const s of samples) {
    const dx = (s.t - tEnd) / MIN_MS - mx;
    const dy = s.v - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const level = my - slope * mx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { slopePerMin: slope, level, tEnd, r2, n };
}

/** The line extended `horizonMin` minutes past its last sample, never below zero. */
export function extrapolate(fit: LineFit, horizonMin: number): number {
  return Math.max(0, fit.level + fit.slopePerMin * horizonMin);
}

/** The value of the sample nearest to `t`, if one lies within `tolMs`. */
export function valueNear(samples: readonly Sample[], t: number, tolMs: number): number | null {
  let best: Sample | null = null;
  for (const s of samples) {
    const d = Math.abs(s.t - t);
    if (d <= tolMs && (best === null || d < Math.abs(best.t - t))) best = s;
  }
  return best === null ? null : best.v;
}

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/**
 * The time-of-day growth ratio for one horizon: on each past day, the value `horizonMin` after the event's
 * clock time divided by the value at that clock time; the median over the days, capped at `maxRatio`.
 * Days with no reading near either time, or an empty area at the start, are skipped.
 *
 * @example
 * // two past days grew by 20 % and 40 % over the next 30 minutes: ratio 1.3
 * profileRatio([{ now: 100, ahead: 120 }, { now: 100, ahead: 140 }], 3); // { ratio: 1.3, days: 2 }
 */
export function profileRatio(
  days: readonly { now: number | null; ahead: number | null }[],
  maxRatio: number,
): { ratio: number; days: number } | null {
  const ratios: number[] = [];
  for (const d of days) if (d.now !== null && d.ahead !== null && d.now > 0) ratios.push(d.ahead / d.now);
  const m = median(ratios);
  return m === null ? null : { ratio: Math.min(m, maxRatio), days: ratios.length };
}

/** One horizon of the forecast and how it was made. */
export interface HorizonForecast {
  horizonMin: number;
  trend: number | null;
  profile: number | null;
  value: number;
  basis: 'blend' | 'trend' | 'profile' | 'persistence';
  /** `true` when `value` was held at the physical maximum (see `capForecasts`). */
  capped: boolean;
}

/**
 * Blends the trend and the profile forecasts with the configured weights; when one is missing the other
 * stands alone, and with neither the current value persists.
 *
 * @example
 * blend(15, 5000, 4000, 4200, { trend: 0.6, profile: 0.4 }).value; // 0.6 × 5000 + 0.4 × 4200 = 4680
 */
export function blend(
  horizonMin: number,
  current: number,
  trend: number | null,
  profile: number | null,
  w: { trend: number; profile: number },
): HorizonForecast {
  if (trend !== null && profile !== null && w.trend + w.profile > 0) {
    const value = (w.trend * trend + w.profile * profile) / (w.trend + w.profile);
    return { horizonMin, trend, profile, value, basis: 'blend', capped: false };
  }
  if (trend !== null) return { horizonMin, trend, profile, value: trend, basis: 'trend', capped: false };
  if (profile !== null)
    return { horizonMin, trend, profile, value: profile, basis: 'profile', capped: false };
  return { horizonMin, trend, profile, value: current, basis: 'persistence', capped: false };
}

/**
 * Holds the forecasts at a physical maximum. A straight line keeps rising for ever, but an area cannot
 * hold more than a crush packs into it (about 9 p/m²), so a forecast above that is not a number to print:
 * it means the area fills up, and `minutesToMax` says when. The time is where the forecast's own curve
 * (now, then each horizon's uncapped value, joined by straight lines) crosses the maximum; `0` when the
 * area is already at it, `null` when no horizon reaches it. A present value above the maximum (a reading
 * is what it is) raises the cap to it, so the cap never forecasts a drop.
 *
 * @example
 * // 5 600 now, 18 500 in 15 min, 31 600 in 30 min, at most 21 600: the 30-min forecast is held at
 * // 21 600, reached after 15 + 15 × (21 600 − 18 500) / (31 600 − 18 500) ≈ 18.5 min
 * capForecasts(5600, [f15, f30], 21_600).minutesToMax; // ≈ 18.5
 */
export function capForecasts(
  current: number,
  forecasts: readonly HorizonForecast[],
  maxValue: number,
): { forecasts: HorizonForecast[]; minutesToMax: number | null } {
  const cap = Math.max(maxValue, current);
  const capped = forecasts.map((f) => (f.value > cap ? { ...f, value: cap, capped: true } : f));
  if (current >= maxValue) return { forecasts: capped, minutesToMax: 0 };
  let t0 = 0;
  let v0 = current;
  for (const f of [...forecasts].sort((a, b) => a.horizonMin - b.horizonMin)) {
    // v0 < maxValue ≤ f.value here, so the divisor is positive.
    if (f.value >= maxValue)
      return {
        forecasts: capped,
        minutesToMax: t0 + ((f.horizonMin - t0) * (maxValue - v0)) / (f.value - v0),
      };
    t0 = f.horizonMin;
    v0 = f.value;
  }
  return { forecasts: capped, minutesToMax: null };
}

/** Minutes until a line reaches `level` from `current`, or `null` when it is not rising towards it. */
export function minutesTo(level: number, current: number, slopePerMin: number): number | null {
  if (current >= level) return 0;
  if (slopePerMin <= 0) return null;
  return (level - current) / slopePerMin;
}
