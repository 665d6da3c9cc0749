/**
 * Small, dependency-free geometry for analyses and the test harness: distances in metres between WGS 84
 * positions and GeoJSON geometries.
 *
 * Point-to-point distances are great-circle (haversine). Distances to a line or polygon edge are taken in
 * a local equirectangular plane centred on the query point (x = Δlon·cos(lat₀), y = Δlat, scaled by the
 * Earth's mean radius), which is within about 0.1 % of the geodesic for the few kilometres an analysis looks at.
 * A point inside a polygon (outside its holes) is at distance 0.
 */
import { sdkErrors } from './errors.js';
import type { Geometry } from './types.js';

/**
 * Mean Earth radius (IUGG), metres.
 *
 * @example
 * const metresPerDegree = (EARTH_RADIUS_M * Math.PI) / 180; // ≈ 111 195
 */
export const EARTH_RADIUS_M = 6_371_008.8;

const RAD = Math.PI / 180;

/**
 * Great-circle distance in metres between two `[longitude, latitude]` positions.
 *
 * @example
 * haversineM([120.15, 30.27], [120.16, 30.27]); // ≈ 961
 */
export function haversineM(a: readonly [number, number], b: readonly [number, number]): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** 7 decimals of a degree ≈ 1 cm: enough for an impact area, and keeps the output short and stable. */
const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

/**
 * Initial great-circle bearing from `a` to `b`, degrees clockwise from north in [0, 360).
 *
 * @example
 * bearingDeg([120.15, 30.27], [120.16, 30.27]); // ≈ 90 (east)
 */
export function bearingDeg(a: readonly [number, number], b: readonly [number, number]): number {
  const f1 = a[1] * RAD;
  const f2 = b[1] * RAD;
  const dl = (b[0] - a[0]) * RAD;
  const y = Math.sin(dl) * Math.cos(f2);
  const x = Math.cos(f1) * Math.sin(f2) - Math.sin(f1) * Math.cos(f2) * Math.cos(dl);
  return (((Math.atan2(y, x) / RAD) % 360) + 360) % 360;
}

/**
 * The position `distM` metres from `from` on the initial bearing `bearing` (degrees clockwise from
 * north), on the sphere; rounded to 7 decimals.
 *
 * @example
 * destination([120.15, 30.27], 90, 1000); // ≈ [120.1604, 30.27]
 */
export function destination(
  from: readonly [number, number],
  bearing: number,
  distM: number,
): [number, number] {
  const d = distM / EARTH_RADIUS_M;
  const brg = bearing * RAD;
  const lat1 = from[1] * RAD;
  const lon1 = from[0] * RAD;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(brg));
  const lon2 =
    lon1 +
    Math.atan2(Math.sin(brg) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return [round7(lon2 / RAD), round7(lat2 / RAD)];
}

/**
 * A circle of `radiusM` round `center` as a GeoJSON polygon (an impact area): `steps` vertices,
 * counter-clockwise and closed (RFC 7946 §3.1.6).
 *
 * @example
 * circlePolygon([120.15, 30.27], 200).coordinates[0].length; // 65
 */
export function circlePolygon(
  center: readonly [number, number],
  radiusM: number,
  steps = 64,
): { type: 'Polygon'; coordinates: [number, number][][] } {
  const ring: [number, number][] = [];
  for (let i = 0; i < steps; i++) ring.push(destination(center, 360 - (i * 360) / steps, radiusM));
  ring.push([ring[0]![0], ring[0]![1]]);
  return { type: 'Polygon', coordinates: [ring] };
}

type XY = [number, number];

/** Project around `origin` into metres; the origin maps to (0, 0). */
function projector(origin: readonly [number, number]): (p: readonly [number, number]) => XY {
  const k = Math.cos(origin[1] * RAD);
  return (p) => {
    let dLon = p[0] - origin[0];
    if (dLon > 180) dLon -= 360;
    else if (dLon < -180) dLon += 360;
    return [dLon * RAD * k * EARTH_RADIUS_M, (p[1] - origin[1]) * RAD * EARTH_RADIUS_M];
  };
}

/** Distance from (0, 0) to the segment a–b. */
function originToSegment(a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(a[0] * dx + a[1] * dy) / len2));
  return Math.hypot(a[0] + t * dx, a[1] + t * dy);
}

function originToPath(
  points: readonly (readonly [number, number])[],
  project: (p: readonly [number, number]) => XY,
): number {
  if (points.length === 0) return Number.POSITIVE_INFINITY;
  if (points.length === 1) return Math.hypot(...project(points[0]!));
  let best = Number.POSITIVE_INFINITY;
  let prev = project(points[0]!);
  for (let i = 1; i < points.length; i++) {
    const cur = project(points[i]!);
    best = Math.min(best, originToSegment(prev, cur));
    prev = cur;
  }
  return best;
}

/** Even-odd ray cast of (0, 0) against a projected ring. */
function originInRing(
  ring: readonly (readonly [number, number])[],
  project: (p: readonly [number, number]) => XY,
): boolean {
  let inside = false;
  const pts = ring.map(project);
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i]!;
    const [xj, yj] = pts[j]!;
    if (yi > 0 !== yj > 0 && 0 < ((xj - xi) * (0 - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function originToPolygon(
  rings: readonly (readonly (readonly [number, number])[])[],
  project: (p: readonly [number, number]) => XY,
): number {
  const [outer, ...holes] = rings;
  if (!outer) return Number.POSITIVE_INFINITY;
  if (originInRing(outer, project) && !holes.some((h) => originInRing(h, project))) return 0;
  let best = Number.POSITIVE_INFINITY;
  for (const ring of rings) best = Math.min(best, originToPath(ring, project));
  return best;
}

/**
 * Distance in metres from a `[longitude, latitude]` position to a GeoJSON geometry: to the point, to the
 * nearest segment of a line, 0 inside a polygon or else to its nearest edge.
 *
 * @example
 * distanceToGeometryM([120.15, 30.27], { type: 'LineString', coordinates: [[120.149, 30.271], [120.151, 30.271]] }); // ≈ 111
 */
export function distanceToGeometryM(from: readonly [number, number], geometry: Geometry): number {
  switch (geometry.type) {
    case 'Point':
      return haversineM(from, geometry.coordinates);
    case 'LineString':
      return originToPath(geometry.coordinates, projector(from));
    case 'Polygon':
      return originToPolygon(geometry.coordinates, projector(from));
    case 'MultiPolygon': {
      const project = projector(from);
      let best = Number.POSITIVE_INFINITY;
      for (const polygon of geometry.coordinates) best = Math.min(best, originToPolygon(polygon, project));
      return best;
    }
    default: {
      const unknown: never = geometry;
      throw sdkErrors.FIELD_INVALID({
        field: `geometry type ${JSON.stringify((unknown as { type?: unknown }).type)}`,
        expected: 'Point, LineString, Polygon or MultiPolygon',
      });
    }
  }
}
