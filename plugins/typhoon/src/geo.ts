/**
 * Small spherical-geometry helpers (the sandbox has only `@fenghuo/sdk`): a destination point, a circle
 * as a GeoJSON polygon, and an object's representative point.
 */
import { circlePolygon, destination, type Geometry } from '@fenghuo/sdk';
import type { LonLat } from './wind.js';

/** The SDK's, re-exported so that this plugin's modules keep importing them from here. */
export { circlePolygon, destination };

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
