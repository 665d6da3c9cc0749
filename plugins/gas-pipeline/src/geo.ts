/**
 * Small spherical-geometry helpers. The plugin runs in a sandbox with only `@fenghuo/sdk`, so it cannot
 * import turf; at district scale (a few km) these formulas are exact to well under a metre.
 */
import { circlePolygon, destination, haversineM } from '@fenghuo/sdk';

/** The SDK's, re-exported so that this plugin's modules keep importing them from here. */
export { circlePolygon, destination };

export type LonLat = [number, number];

/** Great-circle (haversine) distance in metres (the SDK's, so that plugins and host agree). */
export const distanceM: (a: LonLat, b: LonLat) => number = haversineM;

/** 7 decimals of a degree ≈ 1 cm: enough for an impact area and keeps the output short and stable. */
function round7(x: number): number {
  return Math.round(x * 1e7) / 1e7;
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
