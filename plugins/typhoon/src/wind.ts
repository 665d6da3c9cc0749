/**
 * The wind model: the Beaufort scale (GB/T 28591-2012), a modified Rankine vortex fitted to the bulletin's
 * wind radii, and the forecast track interpolated in time. Pure functions, no ctx.
 */
import { haversineM } from '@fenghuo/sdk';

export type LonLat = [number, number];

/** Lower bounds (m/s) of Beaufort levels 0–18, GB/T 28591-2012 (notes §4.2, recalled). */
const BEAUFORT_FROM = [
  0, 0.3, 1.6, 3.4, 5.5, 8.0, 10.8, 13.9, 17.2, 20.8, 24.5, 28.5, 32.7, 37.0, 41.5, 46.2, 51.0, 56.1, 61.3,
];

/** Beaufort level of a wind speed: the largest level whose lower bound is ≤ v. */
export function beaufortLevel(v: number): number {
  let level = 0;
  for (let i = 0; i < BEAUFORT_FROM.length; i++) if (v >= (BEAUFORT_FROM[i] ?? Infinity)) level = i;
  return level;
}

/** m/s at the lower bound of levels 7 and 10, the two wind circles of a CMA bulletin. */
export const V7 = 13.9;
export const V10 = 24.5;

export interface Vortex {
  vmaxMs: number;
  /** Radius of maximum wind, km. */
  rmaxKm: number;
  /** Outer decay exponent: V = Vmax·(Rmax/r)^x beyond Rmax. */
  x: number;
  /** How the vortex was sized, for the findings. */
  fit: 'r7+r10' | 'r7' | 'r10' | 'default';
}

export interface VortexParams {
  rankineExponent: number;
  rankineExponentRange: readonly [number, number];
  defaultRmaxKm: number;
}

/**
 * Size a modified Rankine vortex (Depperman 1947; Holland 1980 §2) from the bulletin: with both wind radii
 * the exponent is `x = ln(V10/V7) / ln(R7/R10)`, clamped to the configured range; then `Rmax` is where
 * the outer profile reaches `Vmax`: `Rmax = R · (V(R)/Vmax)^(1/x)`. With one radius the exponent is the
 * default; with none `Rmax` is the default.
 */
export function fitVortex(
  vmaxMs: number,
  r7Km: number | null,
  r10Km: number | null,
  p: VortexParams,
): Vortex {
  const [lo, hi] = p.rankineExponentRange;
  const has7 = r7Km !== null && r7Km > 0 && vmaxMs > V7;
  const has10 = r10Km !== null && r10Km > 0 && vmaxMs > V10;
  if (has7 && has10 && (r7Km as number) > (r10Km as number)) {
    const raw = Math.log(V10 / V7) / Math.log((r7Km as number) / (r10Km as number));
    const x = Math.min(hi, Math.max(lo, raw));
    const rmaxKm = (r10Km as number) * (V10 / vmaxMs) ** (1 / x);
    return { vmaxMs, rmaxKm, x, fit: 'r7+r10' };
  }
  const x = p.rankineExponent;
  if (has10) return { vmaxMs, rmaxKm: (r10Km as number) * (V10 / vmaxMs) ** (1 / x), x, fit: 'r10' };
  if (has7) return { vmaxMs, rmaxKm: (r7Km as number) * (V7 / vmaxMs) ** (1 / x), x, fit: 'r7' };
  return { vmaxMs, rmaxKm: p.defaultRmaxKm, x, fit: 'default' };
}

/** Sustained wind (m/s) at `rKm` from the centre: linear inside Rmax (solid rotation), power decay outside. */
export function vortexWind(v: Vortex, rKm: number): number {
  if (v.vmaxMs <= 0) return 0;
  if (rKm <= v.rmaxKm) return v.vmaxMs * (rKm / v.rmaxKm);
  return v.vmaxMs * (v.rmaxKm / rKm) ** v.x;
}

/** The distance (km) from the centre beyond which the wind falls below `vMs` (0 when Vmax < vMs). */
export function radiusOf(v: Vortex, vMs: number): number {
  if (vMs > v.vmaxMs || vMs <= 0) return 0;
  return v.rmaxKm * (v.vmaxMs / vMs) ** (1 / v.x);
}

export interface TrackFix {
  /** Hours after the bulletin. */
  h: number;
  at: LonLat;
}

/** The centre at `h` hours: linear between the bulletin's fixes, held after the last one. */
export function centreAt(fixes: readonly TrackFix[], h: number): LonLat {
  const first = fixes[0];
  if (!first) throw new Error('a track needs at least one fix');
  if (h <= first.h) return first.at;
  for (let i = 1; i < fixes.length; i++) {
    const a = fixes[i - 1] as TrackFix;
    const b = fixes[i] as TrackFix;
    if (h <= b.h) {
      const f = (h - a.h) / (b.h - a.h);
      return [a.at[0] + f * (b.at[0] - a.at[0]), a.at[1] + f * (b.at[1] - a.at[1])];
    }
  }
  return (fixes[fixes.length - 1] as TrackFix).at;
}

/** Translation speed (km/h) between the first two fixes; `null` for a single fix. */
export function translationKmH(fixes: readonly TrackFix[]): number | null {
  const a = fixes[0];
  const b = fixes[1];
  if (!a || !b || b.h <= a.h) return null;
  return haversineM(a.at, b.at) / 1000 / (b.h - a.h);
}

export interface WindSeries {
  /** Hours after the bulletin for each sample. */
  hours: number[];
  /** Modelled sustained wind at the point for each sample. */
  windMs: number[];
}

/** The modelled sustained wind at `p` every `stepH` hours from 0 to `horizonH`. */
export function windSeries(
  v: Vortex,
  fixes: readonly TrackFix[],
  p: LonLat,
  horizonH: number,
  stepH: number,
): WindSeries {
  const hours: number[] = [];
  const windMs: number[] = [];
  const n = Math.round(horizonH / stepH);
  for (let i = 0; i <= n; i++) {
    const h = Math.min(horizonH, i * stepH);
    hours.push(h);
    windMs.push(vortexWind(v, haversineM(centreAt(fixes, h), p) / 1000));
  }
  return { hours, windMs };
}

/** First hour at which the series reaches `vMs` (within `withinH`), or `null`. */
export function firstReach(s: WindSeries, vMs: number, withinH = Infinity): number | null {
  for (let i = 0; i < s.hours.length; i++) {
    const h = s.hours[i] as number;
    if (h > withinH + 1e-9) break;
    if ((s.windMs[i] as number) >= vMs) return h;
  }
  return null;
}
