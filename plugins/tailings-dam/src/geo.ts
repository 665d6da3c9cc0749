/**
 * Small spherical-geometry helpers (the sandbox has only `@fenghuo/sdk`). At valley scale (tens of km)
 * they are exact to well under a metre.
 */
import { bearingDeg, destination, type Geometry } from '@fenghuo/sdk';

/** The SDK's, re-exported so that this plugin's modules keep importing them from here. */
export { bearingDeg, destination };

export type LonLat = [number, number];

/** Smallest angle between two bearings, 0–180°. */
export function angleBetween(a: number, b: number): number {
  const d = Math.abs(((a - b) % 360) + 360) % 360;
  return d > 180 ? 360 - d : d;
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
