import { haversineM } from '@fenghuo/sdk';
import { describe, expect, it } from 'vitest';
import { bearingDeg, corridorPolygon, destination, type LonLat, pointsAlong } from './geo.js';

describe('geo', () => {
  const a: LonLat = [119.9, 30.4];
  it('goes 1 km south and measures the bearing back to 180°', () => {
    const b = destination(a, 180, 1000);
    expect(haversineM(a, b)).toBeCloseTo(1000, 0);
    expect(bearingDeg(a, b)).toBeCloseTo(180, 3);
  });
  it('places points every spacing along a bent line and ends at its last vertex', () => {
    const line: LonLat[] = [a, destination(a, 180, 1500), destination(destination(a, 180, 1500), 90, 1000)];
    const pts = pointsAlong(line, 500, 10_000);
    expect(pts.map((p) => p.chainageM)).toEqual([0, 500, 1000, 1500, 2000, expect.closeTo(2500, 0)]);
    expect(pts[1]!.bearingDeg).toBeCloseTo(180, 3);
    expect(pts[4]!.bearingDeg).toBeCloseTo(90, 0);
    expect(haversineM(pts[5]!.at, line[2]!)).toBeLessThan(1);
  });
  it('stops at the routed length on a long line', () => {
    const pts = pointsAlong([a, destination(a, 180, 50_000)], 1000, 3000);
    expect(pts[pts.length - 1]!.chainageM).toBe(3000);
  });
  it('builds a closed counter-clockwise corridor of the given width', () => {
    const pts = pointsAlong([a, destination(a, 0, 2000)], 1000, 2000).map((p) => ({ ...p, halfWidthM: 100 }));
    const g = corridorPolygon(pts);
    if (g.type !== 'Polygon') throw new Error('not a polygon');
    const ring = g.coordinates[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(haversineM(ring[0]!, ring[ring.length - 2]!)).toBeCloseTo(200, 0);
    let area2 = 0;
    for (let i = 1; i < ring.length; i++)
      area2 += ring[i - 1]![0] * ring[i]![1] - ring[i]![0] * ring[i - 1]![1];
    expect(area2).toBeGreaterThan(0);
  });
});
