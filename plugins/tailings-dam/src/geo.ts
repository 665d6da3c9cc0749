/**
 * Small spherical-geometry helpers (the sandbox has only `@fenghuo/sdk`). At valley scale (tens of km)
 * they are exact to well under a metre.
 */
import { EARTH_RADIUS_M, type Geometry } from '@fenghuo/sdk';

export type LonLat = [number, number];

const RAD = Math.PI / 180;

/** Initial great-circle bearing from `a` to `b`, degrees clockwise from north in [0, 360). */
export function bearingDeg(a: LonLat, b: LonLat): number {
  const φ1 = a[1] * RAD;
  const φ2 = b[1] * RAD;
  const Δλ = (b[0] - a[0]) * RAD;
  const y = Math.sin(Δλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
  return (((Math.atan2(y, x) / RAD) % 360) + 360) % 360;
}

/** Smallest angle between two bearings, 0–180°. */
export function angleBetween(a: number, b: number): number {
  const d = Math.abs(((a - b) % 360) + 360) % 360;
  return d > 180 ? 360 - d : d;
}

/** The point `distM` metres from `from` on bearing `brg` (degrees from north). */
export function destination(from: LonLat, brg: number, distM: number): LonLat {
  const d = distM / EARTH_RADIUS_M;
  const θ = brg * RAD;
  const φ1 = from[1] * RAD;
  const λ1 = from[0] * RAD;
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(θ));
  const λ2 =
    λ1 + Math.atan2(Math.sin(θ) * Math.sin(d) * Math.cos(φ1), Math.cos(d) - Math.sin(φ1) * Math.sin(φ2));
  return [round7(λ2 / RAD), round7(φ2 / RAD)];
}

function round7(x: number): number {
  return Math.round(x * 1e7) / 1e7;
}

/** Mean of a geometry's vertices: a dam crest's or a village outline's representative point. */
export function representativePoint(g: Geometry): LonLat {
  const pts: LonLat[] =
    g.type === 'Point'
      ? [g.coordinates]
      : g.type === 'LineString'
        ? g.coordinates
        : g.type === 'Polygon'
          ? (g.coordinates[0] ?? [])
          : (g.coordinates[0]?.[0] ?? []);
  if (pts.length === 0) return [0, 0];
  let lon = 0;
  let lat = 0;
  for (const p of pts) {
    lon += p[0];
    lat += p[1];
  }
  return [round7(lon / pts.length), round7(lat / pts.length)];
}

/**
 * The downstream area as a GeoJSON Polygon: a sector of `radiusM` around `bearing` ± `halfAngle`
 * (a full circle when `bearing` is `null` or the half-angle is 180°), counter-clockwise and closed.
 */
export function sectorPolygon(
  centre: LonLat,
  radiusM: number,
  bearing: number | null,
  halfAngle: number,
): Geometry {
  const ring: LonLat[] = [];
  if (bearing === null || halfAngle >= 180) {
    for (let i = 0; i < 64; i++) ring.push(destination(centre, 360 - (i * 360) / 64, radiusM));
  } else {
    const steps = 32;
    ring.push(centre);
    for (let i = 0; i <= steps; i++)
      ring.push(destination(centre, bearing + halfAngle - (2 * halfAngle * i) / steps, radiusM));
  }
  ring.push([ring[0]![0], ring[0]![1]]);
  return { type: 'Polygon', coordinates: [ring] };
}
