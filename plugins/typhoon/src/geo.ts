/**
 * Small spherical-geometry helpers (the sandbox has only `@fenghuo/sdk`): a destination point, a circle
 * as a GeoJSON polygon, and an object's representative point.
 */
import { EARTH_RADIUS_M, type Geometry } from '@fenghuo/sdk';
import type { LonLat } from './wind.js';

const RAD = Math.PI / 180;

/** The point `distM` metres from `from` on bearing `brg` (degrees clockwise from north). */
export function destination(from: LonLat, brg: number, distM: number): LonLat {
  const d = distM / EARTH_RADIUS_M;
  const θ = brg * RAD;
  const φ1 = from[1] * RAD;
  const λ1 = from[0] * RAD;
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(θ));
  const λ2 =
    λ1 + Math.atan2(Math.sin(θ) * Math.sin(d) * Math.cos(φ1), Math.cos(d) - Math.sin(φ1) * Math.sin(φ2));
  return [round6(λ2 / RAD), round6(φ2 / RAD)];
}

/** A circle of `radiusM` around `centre` as a closed, counter-clockwise 64-vertex polygon. */
export function circlePolygon(centre: LonLat, radiusM: number, steps = 64): Geometry {
  const ring: LonLat[] = [];
  for (let i = 0; i < steps; i++) ring.push(destination(centre, 360 - (i * 360) / steps, radiusM));
  ring.push([(ring[0] as LonLat)[0], (ring[0] as LonLat)[1]]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** Mean of a geometry's (outer) vertices: a district's or a sea wall's representative point. */
export function representativePoint(g: Geometry): LonLat {
  const pts: [number, number][] =
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
  return [round6(lon / pts.length), round6(lat / pts.length)];
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Rounds for display. */
export function r1(x: number): number {
  return Math.round(x * 10) / 10;
}
export function r2(x: number): number {
  return Math.round(x * 100) / 100;
}
