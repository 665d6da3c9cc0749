/**
 * Spherical-geometry helpers (the sandbox has only `@fenghuo/sdk`, no turf). At the scale of a fire
 * front (a few km) these are exact to well under a metre.
 */
import { EARTH_RADIUS_M, type Geometry, haversineM } from '@fenghuo/sdk';

export type LonLat = [number, number];

const RAD = Math.PI / 180;

/** Great-circle distance in metres (the SDK's, so that plugin and host agree). */
export const distanceM: (a: LonLat, b: LonLat) => number = haversineM;

/** Initial bearing from `a` to `b`, degrees clockwise from north in [0, 360). */
export function bearingDeg(a: LonLat, b: LonLat): number {
  const f1 = a[1] * RAD;
  const f2 = b[1] * RAD;
  const dl = (b[0] - a[0]) * RAD;
  const y = Math.sin(dl) * Math.cos(f2);
  const x = Math.cos(f1) * Math.sin(f2) - Math.sin(f1) * Math.cos(f2) * Math.cos(dl);
  return norm360(Math.atan2(y, x) / RAD);
}

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

/** The point `distM` metres from `from` on the bearing `brgDeg`. */
export function destination(from: LonLat, brgDeg: number, distM: number): LonLat {
  const d = distM / EARTH_RADIUS_M;
  const brg = brgDeg * RAD;
  const lat1 = from[1] * RAD;
  const lon1 = from[0] * RAD;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(brg));
  const lon2 =
    lon1 +
    Math.atan2(Math.sin(brg) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return [round7(lon2 / RAD), round7(lat2 / RAD)];
}

function round7(x: number): number {
  return Math.round(x * 1e7) / 1e7;
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
