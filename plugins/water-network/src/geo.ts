/**
 * Geometry for the analysis: a point at a chainage along a main, and a circle as a GeoJSON polygon. The
 * plugin runs in a sandbox with only `@fenghuo/sdk`; at district scale these formulas are exact to well
 * under a metre.
 */
import { circlePolygon, destination, haversineM } from '@fenghuo/sdk';

/** The SDK's, re-exported so that this plugin's modules keep importing them from here. */
export { circlePolygon, destination };

export type LonLat = [number, number];

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
