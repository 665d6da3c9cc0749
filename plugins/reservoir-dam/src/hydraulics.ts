/**
 * Dam-break peak outflow, attenuation along the channel, Manning normal depth and flood-wave travel
 * time. Pure functions, SI units (m, s, m³, m³/s). Sources in README "Downstream flood routing".
 */
import type { ChannelAttributes } from './definition.js';

export const G = 9.81;

/**
 * Peak breach outflow of an embankment dam, Froehlich (1995), J. Water Resour. Plann. Manage.
 * 121(1): 90–97: `Qp = 0.607 · Vw^0.295 · Hw^1.24` (Vw m³ stored above the breach bottom, Hw m of
 * water above the breach bottom; fitted on 22 failures, Qp in m³/s).
 */
export function froehlichPeakM3s(volumeM3: number, headM: number): number {
  if (!(volumeM3 > 0) || !(headM > 0)) return 0;
  return 0.607 * volumeM3 ** 0.295 * headM ** 1.24;
}

/**
 * Peak outflow of an instantaneous breach of width `b` in a rectangular section, Ritter (1892):
 * `Qp = (8/27) · √g · b · H0^1.5`. Used for concrete dams, which fail suddenly rather than by erosion.
 */
export function ritterPeakM3s(breachWidthM: number, headM: number): number {
  if (!(breachWidthM > 0) || !(headM > 0)) return 0;
  return (8 / 27) * Math.sqrt(G) * breachWidthM * headM ** 1.5;
}

/**
 * Peak discharge `L` metres downstream, Listvan (李斯特万) formula as given in Chinese dam-break
 * practice: `Q_L = W / (W/Qm + L/(v·K))`, W the released volume (m³), Qm the peak at the dam, v the
 * maximum flood velocity (m/s; about 3–5 in mountains, 2–3 in hills, 1–2 on plains) and K an
 * empirical coefficient (1.1–1.5 mountains, 1.0 hills, 0.8–0.9 plains).
 */
export function listvanPeakM3s(
  peakM3s: number,
  volumeM3: number,
  distM: number,
  v: number,
  k: number,
): number {
  if (!(peakM3s > 0) || !(volumeM3 > 0)) return 0;
  return volumeM3 / (volumeM3 / peakM3s + Math.max(0, distM) / (v * k));
}

export interface Section {
  depthM: number;
  areaM2: number;
  topWidthM: number;
  velocityMs: number;
}

/** Flow area, wetted perimeter and top width of a trapezoid (bed width b, side slope 1:z) at depth y. */
export function trapezoid(ch: ChannelAttributes, y: number): { a: number; p: number; t: number } {
  const { bedWidthM: b, sideSlope: z } = ch;
  return { a: (b + z * y) * y, p: b + 2 * y * Math.sqrt(1 + z * z), t: b + 2 * z * y };
}

/** Manning discharge (SI): `Q = (1/n) · A · R^(2/3) · S^(1/2)`. */
export function manningQ(ch: ChannelAttributes, y: number): number {
  const { a, p } = trapezoid(ch, y);
  if (!(a > 0)) return 0;
  return (1 / ch.manningN) * a * (a / p) ** (2 / 3) * Math.sqrt(ch.bedSlope);
}

/** Normal depth carrying `q` in the channel, by bisection on the monotone Manning curve (±1 mm). */
export function normalDepth(ch: ChannelAttributes, q: number): Section {
  if (!(q > 0)) return { depthM: 0, areaM2: 0, topWidthM: ch.bedWidthM, velocityMs: 0 };
  let lo = 0;
  let hi = 1;
  while (manningQ(ch, hi) < q && hi < 1000) hi *= 2;
  for (let i = 0; i < 60 && hi - lo > 1e-3; i++) {
    const mid = (lo + hi) / 2;
    if (manningQ(ch, mid) < q) lo = mid;
    else hi = mid;
  }
  const y = hi;
  const { a, t } = trapezoid(ch, y);
  return { depthM: y, areaM2: a, topWidthM: t, velocityMs: q / a };
}

/** Water stored above the breach bottom at pool level `z`: storage at FLWL plus a prism of the surface area. */
export function storageM3(z: number, flwl: number, storageAtFlwlM3: number, surfaceAreaM2: number): number {
  return Math.max(0, storageAtFlwlM3 + surfaceAreaM2 * (z - flwl));
}

export interface Station {
  /** Distance along the channel from the dam (m). */
  chainageM: number;
  peakM3s: number;
  depthM: number;
  topWidthM: number;
  velocityMs: number;
  /** Travel time of the flood peak from the dam (min). */
  arrivalMin: number;
  /** Depth above bank-full (m), 0 when the flow stays in the banks. */
  overbankM: number;
}

export interface RouteInput {
  peakM3s: number;
  volumeM3: number;
  channel: ChannelAttributes;
  chainagesM: number[];
  floodVelocityMs: number;
  listvanK: number;
  celerityFactor: number;
}

/**
 * Peak, normal depth, width and arrival time at each chainage. The peak is attenuated by Listvan;
 * the peak travels at the kinematic-wave celerity `c = celerityFactor · V` (5/3 · V for a wide
 * channel with Manning friction), integrated segment by segment with the mean celerity of its ends.
 */
export function route(input: RouteInput): Station[] {
  const out: Station[] = [];
  let tSec = 0;
  let prev: { x: number; c: number } | null = null;
  for (const x of input.chainagesM) {
    const q = listvanPeakM3s(input.peakM3s, input.volumeM3, x, input.floodVelocityMs, input.listvanK);
    const s = normalDepth(input.channel, q);
    const c = input.celerityFactor * s.velocityMs;
    if (prev && c + prev.c > 0) tSec += (x - prev.x) / ((c + prev.c) / 2);
    prev = { x, c };
    const bankfull = input.channel.bankfullDepthM;
    out.push({
      chainageM: x,
      peakM3s: q,
      depthM: s.depthM,
      topWidthM: s.topWidthM,
      velocityMs: s.velocityMs,
      arrivalMin: tSec / 60,
      overbankM: bankfull === undefined ? s.depthM : Math.max(0, s.depthM - bankfull),
    });
  }
  return out;
}
