/**
 * Seismic intensity at a site from an early-warning message (epicentre, magnitude, depth), with an
 * elliptical intensity attenuation relation of the form used for China's seismic zoning:
 *   I_a = A_a + B_a·M − C_a·ln(R_a + R0_a)   (long axis)
 *   I_b = A_b + B_b·M − C_b·ln(R_b + R0_b)   (short axis)
 * The site's intensity is the highest I whose iso-intensity ellipse (semi-axes R_a(I), R_b(I), long axis
 * along the fault strike) still contains the site. Without a strike the long axis is used in every
 * direction (the larger, i.e. conservative, estimate).
 */
import { bearingDeg } from '@fenghuo/sdk';

/** The SDK's, re-exported so that this plugin's modules keep importing them from here. */
export { bearingDeg };

/** One axis of the relation: I = a + b·M − c·ln(R + r0), R in km. */
export interface AxisCoefficients {
  a: number;
  b: number;
  c: number;
  r0: number;
}

export interface Relation {
  /** `e`: c multiplies ln (汪素云 et al. 2000); `10`: c multiplies lg (the GB 18306-2015 zoning relations). */
  logBase: 'e' | '10';
  long: AxisCoefficients;
  short: AxisCoefficients;
}

const logOf = (base: 'e' | '10', x: number) => (base === '10' ? Math.log10(x) : Math.log(x));

const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in km between two [lon, lat] points. */
export function distanceKm(p: [number, number], q: [number, number]): number {
  const dLat = rad(q[1] - p[1]);
  const dLon = rad(q[0] - p[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(p[1])) * Math.cos(rad(q[1])) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Intensity on one axis at distance R (km). */
export function axisIntensity(
  k: AxisCoefficients,
  magnitude: number,
  rKm: number,
  logBase: 'e' | '10' = 'e',
): number {
  return k.a + k.b * magnitude - k.c * logOf(logBase, Math.max(0, rKm) + k.r0);
}

/** Radius (km) on one axis at which the intensity falls to I; 0 when I is above the axis's epicentral value. */
export function axisRadiusKm(
  k: AxisCoefficients,
  magnitude: number,
  intensity: number,
  logBase: 'e' | '10' = 'e',
): number {
  const x = (k.a + k.b * magnitude - intensity) / k.c;
  return Math.max(0, (logBase === '10' ? 10 ** x : Math.exp(x)) - k.r0);
}

/**
 * Estimated intensity at a site `distanceKm` from the epicentre, `azimuthFromStrikeDeg` off the long axis
 * (`null`: strike unknown, long axis in every direction). Continuous, clamped to [0, 12].
 *
 * @example
 * siteIntensity(relation, 6.0, 30, null); // ≈ 6.6 (VII) with the eastern-China coefficients
 */
export function siteIntensity(
  relation: Relation,
  magnitude: number,
  distKm: number,
  azimuthFromStrikeDeg: number | null,
): number {
  const clamp = (v: number) => Math.min(12, Math.max(0, v));
  if (azimuthFromStrikeDeg === null)
    return clamp(axisIntensity(relation.long, magnitude, distKm, relation.logBase));
  const x = distKm * Math.cos(rad(azimuthFromStrikeDeg));
  const y = distKm * Math.sin(rad(azimuthFromStrikeDeg));
  const inside = (i: number) => {
    const ra = axisRadiusKm(relation.long, magnitude, i, relation.logBase);
    const rb = axisRadiusKm(relation.short, magnitude, i, relation.logBase);
    if (ra <= 0 || rb <= 0) return false;
    return (x / ra) ** 2 + (y / rb) ** 2 <= 1;
  };
  // The ellipse shrinks as I grows, so "inside" holds on [0, I*]: bisect for I*.
  let lo = 0;
  let hi = clamp(
    Math.max(
      axisIntensity(relation.long, magnitude, 0, relation.logBase),
      axisIntensity(relation.short, magnitude, 0, relation.logBase),
    ),
  );
  if (!inside(lo)) return 0;
  if (inside(hi)) return hi;
  for (let n = 0; n < 40; n++) {
    const mid = (lo + hi) / 2;
    if (inside(mid)) lo = mid;
    else hi = mid;
  }
  return clamp(lo);
}

/** Roman numeral of an integer intensity (GB/T 17742-2020 uses I–XII). */
export function roman(i: number): string {
  const r = ['0', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
  return r[Math.min(12, Math.max(0, Math.round(i)))] ?? '0';
}

/**
 * Seconds between the S waves reaching a site and the message reaching the platform: the hypocentral
 * distance over the S-wave speed, less the delay from origin to message. ≤ 0 means the site is in the
 * blind zone (盲区).
 */
export function leadTimeSec(epicentralKm: number, depthKm: number, vsKmS: number, delaySec: number): number {
  return Math.hypot(epicentralKm, depthKm) / vsKmS - delaySec;
}
