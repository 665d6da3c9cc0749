/**
 * Spherical-geometry helpers (the sandbox has only `@fenghuo/sdk`, no turf). At the scale of a fire
 * front (a few km) these are exact to well under a metre.
 */
import { bearingDeg, destination, type Geometry, haversineM } from '@fenghuo/sdk';

/** The SDK's, re-exported so that this plugin's modules keep importing them from here. */
export { bearingDeg, destination };

export type LonLat = [number, number];

/** Great-circle distance in metres (the SDK's, so that plugin and host agree). */
export const distanceM: (a: LonLat, b: LonLat) => number = haversineM;

/** An angle in [0, 360). */
export function norm360(deg: number): number {
  const r = deg % 360;
  return r < 0 ? r + 360 : r;
}

/** The smallest absolute difference between two bearings, in [0, 180]. */
export function angleDiff(a: number, b: number): number {
  const d = Math.abs(norm360(a) - norm360(b));
  return d > 180 ? 360 - d : d;
}

/**
 * The area the fire may reach within the horizon: a circle of `nearM` around the fire (flanks, back fire,
 * spotting) joined with a sector of radius `lengthM` centred on `headingDeg` (the head fire). One closed,
 * counter-clockwise ring (RFC 7946): the arc of the sector and the rest of the circle.
 */
export function pathPolygon(
  fire: LonLat,
  headingDeg: number,
  halfAngleDeg: number,
  lengthM: number,
  nearM: number,
): Geometry {
  const ring: LonLat[] = [];
  const n = 72;
  // Walk counter-clockwise (decreasing bearing): the outer radius is the sector's inside it, else the circle's.
  for (let i = 0; i < n; i++) {
    const brg = norm360(headingDeg + halfAngleDeg - (i * 360) / n);
    const inSector = angleDiff(brg, headingDeg) <= halfAngleDeg + 1e-9;
    ring.push(destination(fire, brg, inSector ? Math.max(lengthM, nearM) : nearM));
  }
  ring.push([ring[0]![0], ring[0]![1]]);
  return { type: 'Polygon', coordinates: [ring] };
}
