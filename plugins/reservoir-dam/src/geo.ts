/**
 * Spherical helpers for the downstream corridor: points along a polyline by chainage, offsets to either
 * bank, and the corridor polygon. At a few tens of km these formulas are exact to well under a metre.
 */
import { bearingDeg, destination, type Geometry, haversineM } from '@fenghuo/sdk';

/** The SDK's, re-exported so that this plugin's modules keep importing them from here. */
export { bearingDeg, destination };

export type LonLat = [number, number];

export interface PathPoint {
  at: LonLat;
  /** Local direction of the channel (deg). */
  bearingDeg: number;
  chainageM: number;
}

/**
 * Points every `spacingM` along `line` from its first vertex, up to `maxM` or the line's end (always
 * including chainage 0 and the last one reached). A line of one vertex gives just that point.
 */
export function pointsAlong(line: LonLat[], spacingM: number, maxM: number): PathPoint[] {
  const segs: { a: LonLat; b: LonLat; len: number; brg: number; start: number }[] = [];
  let total = 0;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    const len = haversineM(a, b);
    if (len <= 0) continue;
    segs.push({ a, b, len, brg: bearingDeg(a, b), start: total });
    total += len;
  }
  const end = Math.min(total, maxM);
  const first = line[0];
  if (!first) return [];
  if (segs.length === 0) return [{ at: first, bearingDeg: 0, chainageM: 0 }];
  const out: PathPoint[] = [];
  const xs: number[] = [];
  for (let x = 0; x < end; x += spacingM) xs.push(x);
  xs.push(end);
  for (const x of xs) {
    const s = segs.find((g) => x <= g.start + g.len) ?? segs[segs.length - 1]!;
    out.push({ at: destination(s.a, s.brg, x - s.start), bearingDeg: s.brg, chainageM: x });
  }
  return out;
}

/** A straight line of `lengthM` from `from` on bearing `brg` (when the dam has no channel object). */
export function straightLine(from: LonLat, brg: number, lengthM: number): LonLat[] {
  return [from, destination(from, brg, lengthM)];
}

/**
 * The corridor polygon: each point offset by half its width to the left and right bank, the left bank
 * downstream then the right bank back upstream, closed (RFC 7946 ring).
 */
export function corridorPolygon(points: { at: LonLat; bearingDeg: number; halfWidthM: number }[]): Geometry {
  const left = points.map((p) => destination(p.at, (p.bearingDeg + 270) % 360, p.halfWidthM));
  const right = points.map((p) => destination(p.at, (p.bearingDeg + 90) % 360, p.halfWidthM));
  const ring = [...right, ...left.reverse()];
  ring.push([ring[0]![0], ring[0]![1]]);
  return { type: 'Polygon', coordinates: [ring] };
}
