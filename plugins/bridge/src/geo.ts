/**
 * Small geometry for the bridge analysis: distances between a bridge and nearby objects, and the impact
 * area as the bridge plus a buffer. The plugin runs in a sandbox with only `@fenghuo/sdk`, so no turf;
 * distances use a local equirectangular plane, within about 0.1 % over the few km an analysis spans.
 */
import { destination, type Geometry, haversineM, EARTH_RADIUS_M as R } from '@fenghuo/sdk';

/** The SDK's, re-exported so that this plugin's modules keep importing them from here. */
export { destination };

export type LonLat = [number, number];
type XY = [number, number];

const RAD = Math.PI / 180;

/** Great-circle (haversine) distance in metres (the SDK's, so that plugins and host agree). */
export const distanceM: (a: LonLat, b: LonLat) => number = haversineM;

function round7(x: number): number {
  return Math.round(x * 1e7) / 1e7;
}

/** The vertices of a geometry (a polygon's rings without their closing vertex). */
export function vertices(g: Geometry): LonLat[] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates];
    case 'LineString':
      return g.coordinates;
    case 'Polygon':
      return g.coordinates.flatMap(open);
    case 'MultiPolygon':
      return g.coordinates.flatMap((p) => p.flatMap(open));
  }
}

function open(ring: LonLat[]): LonLat[] {
  const n = ring.length;
  return n > 1 && ring[0]![0] === ring[n - 1]![0] && ring[0]![1] === ring[n - 1]![1]
    ? ring.slice(0, -1)
    : ring;
}

/** The middle of a geometry's bounding box. */
export function centre(g: Geometry): LonLat {
  const vs = vertices(g);
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of vs) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  return [round7((minX + maxX) / 2), round7((minY + maxY) / 2)];
}

/** Segments of a geometry (a point is a zero-length segment; polygon rings are closed). */
function segments(g: Geometry): [LonLat, LonLat][] {
  const path = (pts: LonLat[]): [LonLat, LonLat][] =>
    pts.length === 1 ? [[pts[0]!, pts[0]!]] : pts.slice(1).map((p, i) => [pts[i]!, p] as [LonLat, LonLat]);
  switch (g.type) {
    case 'Point':
      return [[g.coordinates, g.coordinates]];
    case 'LineString':
      return path(g.coordinates);
    case 'Polygon':
      return g.coordinates.flatMap(path);
    case 'MultiPolygon':
      return g.coordinates.flatMap((p) => p.flatMap(path));
  }
}

function projector(origin: LonLat): (p: LonLat) => XY {
  const k = Math.cos(origin[1] * RAD) * RAD * R;
  return (p) => [(p[0] - origin[0]) * k, (p[1] - origin[1]) * RAD * R];
}

function pointSegment(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

const cross = (o: XY, a: XY, b: XY) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

function segmentsCross(a: XY, b: XY, c: XY, d: XY): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

function inPolygon(p: XY, rings: XY[][]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/**
 * Shortest distance in metres between two geometries: 0 when they cross or one lies inside the other's
 * polygon, else the least point-to-segment distance between them.
 */
export function geometryDistanceM(a: Geometry, b: Geometry): number {
  const proj = projector(vertices(a)[0] ?? [0, 0]);
  const sa = segments(a).map(([p, q]) => [proj(p), proj(q)] as [XY, XY]);
  const sb = segments(b).map(([p, q]) => [proj(p), proj(q)] as [XY, XY]);
  const polyRings = (g: Geometry): XY[][] | null =>
    g.type === 'Polygon'
      ? g.coordinates.map((r) => r.map(proj))
      : g.type === 'MultiPolygon'
        ? g.coordinates.flat().map((r) => r.map(proj))
        : null;
  const ra = polyRings(a);
  const rb = polyRings(b);
  if (rb && sa.some(([p]) => inPolygon(p, rb))) return 0;
  if (ra && sb.some(([p]) => inPolygon(p, ra))) return 0;
  let best = Infinity;
  for (const [p, q] of sa) {
    for (const [r, s] of sb) {
      if (segmentsCross(p, q, r, s)) return 0;
      best = Math.min(
        best,
        pointSegment(p, r, s),
        pointSegment(q, r, s),
        pointSegment(r, p, q),
        pointSegment(s, p, q),
      );
    }
  }
  return best;
}

/** Convex hull (Andrew's monotone chain), counter-clockwise, not closed. */
function hull(points: LonLat[]): LonLat[] {
  const pts = [...points].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  if (pts.length < 3) return pts;
  const lower: LonLat[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0)
      lower.pop();
    lower.push(p);
  }
  const upper: LonLat[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0)
      upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/**
 * The geometry grown by `bufferM` metres, as a GeoJSON Polygon: the convex hull of 32-vertex circles
 * around every vertex. Exact for a straight bridge; for a curved one it also covers the inside of the
 * curve, which errs on the side of a larger area.
 */
export function bufferPolygon(g: Geometry, bufferM: number, steps = 32): Geometry {
  const around: LonLat[] = [];
  for (const v of vertices(g)) {
    for (let i = 0; i < steps; i++) around.push(destination(v, (i * 360) / steps, Math.max(bufferM, 1)));
  }
  const ring = hull(around);
  ring.push([ring[0]![0], ring[0]![1]]);
  return { type: 'Polygon', coordinates: [ring] };
}
