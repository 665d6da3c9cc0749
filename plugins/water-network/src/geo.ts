/**
 * Geometry for the analysis: a point at a chainage along a main, and a circle as a GeoJSON polygon. The
 * plugin runs in a sandbox with only `@fenghuo/sdk`; at district scale these formulas are exact to well
 * under a metre.
 */
import { EARTH_RADIUS_M, type Geometry, haversineM } from '@fenghuo/sdk';

export type LonLat = [number, number];

const RAD = Math.PI / 180;

/** 7 decimals of a degree ≈ 1 cm. */
const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

/** Length of a path in metres (haversine per segment). */
export function pathLengthM(coords: LonLat[]): number {
  let d = 0;
  for (let i = 1; i < coords.length; i++) d += haversineM(coords[i - 1]!, coords[i]!);
  return d;
}

/** The point `distM` metres along a path from its first vertex (clamped to its ends). */
export function pointAlong(coords: LonLat[], distM: number): LonLat {
  if (coords.length === 0) return [0, 0];
  let left = Math.max(0, distM);
  for (let i = 1; i < coords.length; i++) {
    const a = coords[i - 1]!;
    const b = coords[i]!;
    const seg = haversineM(a, b);
    if (left <= seg && seg > 0) {
      const f = left / seg;
      return [round7(a[0] + f * (b[0] - a[0])), round7(a[1] + f * (b[1] - a[1]))];
    }
    left -= seg;
  }
  const last = coords[coords.length - 1]!;
  return [last[0], last[1]];
}

/** The point `distM` metres from `from` on the initial bearing `bearingDeg` (clockwise from north). */
export function destination(from: LonLat, bearingDeg: number, distM: number): LonLat {
  const d = distM / EARTH_RADIUS_M;
  const brg = bearingDeg * RAD;
  const lat1 = from[1] * RAD;
  const lon1 = from[0] * RAD;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(brg));
  const lon2 =
    lon1 +
    Math.atan2(Math.sin(brg) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return [round7(lon2 / RAD), round7(lat2 / RAD)];
}

/** A circle as a closed, counter-clockwise GeoJSON Polygon of `steps` vertices (RFC 7946 §3.1.6). */
export function circlePolygon(center: LonLat, radiusM: number, steps = 48): Geometry {
  const ring: LonLat[] = [];
  for (let i = 0; i < steps; i++) ring.push(destination(center, 360 - (i * 360) / steps, radiusM));
  ring.push([ring[0]![0], ring[0]![1]]);
  return { type: 'Polygon', coordinates: [ring] };
}
