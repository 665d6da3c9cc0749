/**
 * Small spherical-geometry helpers. The plugin runs in a sandbox with only `@fenghuo/sdk`, so it cannot
 * import turf; at district scale (a few km) these formulas are exact to well under a metre.
 */
import { EARTH_RADIUS_M, type Geometry, haversineM } from '@fenghuo/sdk';

export type LonLat = [number, number];

const RAD = Math.PI / 180;

/** Great-circle (haversine) distance in metres (the SDK's, so that plugins and host agree). */
export const distanceM: (a: LonLat, b: LonLat) => number = haversineM;

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

/** 7 decimals of a degree ≈ 1 cm: enough for an impact area and keeps the output short and stable. */
function round7(x: number): number {
  return Math.round(x * 1e7) / 1e7;
}

/**
 * A circle as a GeoJSON Polygon with `steps` vertices, exterior ring counter-clockwise and closed
 * (RFC 7946 §3.1.6).
 */
export function circlePolygon(center: LonLat, radiusM: number, steps = 64): Geometry {
  const ring: LonLat[] = [];
  for (let i = 0; i < steps; i++) ring.push(destination(center, 360 - (i * 360) / steps, radiusM));
  ring.push([ring[0]![0], ring[0]![1]]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** Weighted mean of positions (adequate for points a few hundred metres apart). */
export function weightedCentroid(points: { at: LonLat; weight: number }[]): LonLat {
  let w = 0;
  let lon = 0;
  let lat = 0;
  for (const p of points) {
    if (!(p.weight > 0)) continue;
    w += p.weight;
    lon += p.at[0] * p.weight;
    lat += p.at[1] * p.weight;
  }
  if (w === 0) return points[0]?.at ?? [0, 0];
  return [round7(lon / w), round7(lat / w)];
}
