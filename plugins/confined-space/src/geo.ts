/**
 * A circle as a GeoJSON polygon for the impact area (the plugin runs in a sandbox with only
 * `@fenghuo/sdk`, so no turf). Spherical formulas; exact to well under a metre at these radii.
 */
import { EARTH_RADIUS_M, type Geometry } from '@fenghuo/sdk';

const RAD = Math.PI / 180;
const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

/** The point `distM` metres from `from` on bearing `bearingDeg` (clockwise from north). */
export function destination(from: [number, number], bearingDeg: number, distM: number): [number, number] {
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

/** Closed counter-clockwise ring of `steps` vertices (RFC 7946 §3.1.6). */
export function circlePolygon(center: [number, number], radiusM: number, steps = 32): Geometry {
  const ring: [number, number][] = [];
  for (let i = 0; i < steps; i++) ring.push(destination(center, 360 - (i * 360) / steps, radiusM));
  ring.push([ring[0]![0], ring[0]![1]]);
  return { type: 'Polygon', coordinates: [ring] };
}
