import { describe, expect, it } from 'vitest';
import { bearingDeg, circlePolygon, destination, distanceToGeometryM, haversineM } from './geo.js';

describe('geometry distances', () => {
  it('measures great-circle distance between two positions', () => {
    // One degree of latitude is 111.195 km on the mean sphere.
    expect(haversineM([120, 30], [120, 31])).toBeCloseTo(111_195, -1);
    expect(haversineM([120.15, 30.27], [120.15, 30.27])).toBe(0);
    // One degree of longitude at 30° N is cos(30°) of that.
    expect(haversineM([120, 30], [121, 30])).toBeCloseTo(111_195 * Math.cos(Math.PI / 6), -2);
  });

  it('measures to a point geometry as to a position', () => {
    expect(distanceToGeometryM([120, 30], { type: 'Point', coordinates: [120, 30.001] })).toBeCloseTo(
      111.2,
      0,
    );
  });

  it('measures to the nearest segment of a line, not only its vertices', () => {
    const line = {
      type: 'LineString' as const,
      coordinates: [
        [119.99, 30.001],
        [120.01, 30.001],
      ] as [number, number][],
    };
    // The vertices are ~965 m away, the segment passes 111 m north.
    expect(distanceToGeometryM([120, 30], line)).toBeCloseTo(111.2, 0);
    // Beyond the end of the segment the nearest point is the end vertex.
    expect(distanceToGeometryM([120.02, 30.001], line)).toBeCloseTo(
      haversineM([120.02, 30.001], [120.01, 30.001]),
      0,
    );
  });

  it('is 0 inside a polygon, the edge distance outside it, and respects holes', () => {
    const square: [number, number][] = [
      [119.99, 29.99],
      [120.01, 29.99],
      [120.01, 30.01],
      [119.99, 30.01],
      [119.99, 29.99],
    ];
    const hole: [number, number][] = [
      [119.999, 29.999],
      [120.001, 29.999],
      [120.001, 30.001],
      [119.999, 30.001],
      [119.999, 29.999],
    ];
    expect(distanceToGeometryM([120, 30.005], { type: 'Polygon', coordinates: [square] })).toBe(0);
    expect(distanceToGeometryM([120, 30.011], { type: 'Polygon', coordinates: [square] })).toBeCloseTo(
      111.2,
      0,
    );
    // In the hole, the nearest edge is 0.001° of longitude away: 111.195 m × cos 30°.
    expect(distanceToGeometryM([120, 30], { type: 'Polygon', coordinates: [square, hole] })).toBeCloseTo(
      96.3,
      0,
    );
    const far: [number, number][][] = [square.map(([x, y]) => [x + 1, y] as [number, number])];
    expect(distanceToGeometryM([120, 30.005], { type: 'MultiPolygon', coordinates: [far, [square]] })).toBe(
      0,
    );
  });
});

describe('bearings, destinations and circles', () => {
  it('goes out and comes back: the distance and bearing of a destination are what was asked', () => {
    const from: [number, number] = [120.15, 30.27];
    for (const brg of [0, 45, 90, 180, 271]) {
      const to = destination(from, brg, 1_000);
      expect(haversineM(from, to)).toBeCloseTo(1_000, 0);
      expect(bearingDeg(from, to)).toBeCloseTo(brg % 360, 1);
    }
    expect(bearingDeg([120.16, 30.27], [120.15, 30.27])).toBeCloseTo(270, 1);
  });

  it('draws a closed counter-clockwise ring of the radius asked', () => {
    const c = circlePolygon([120.15, 30.27], 200, 16);
    const ring = c.coordinates[0]!;
    expect(ring).toHaveLength(17);
    expect(ring[16]).toEqual(ring[0]);
    for (const p of ring) expect(haversineM([120.15, 30.27], p)).toBeCloseTo(200, 0);
    // Shoelace: positive area for a counter-clockwise ring in lon/lat.
    let a = 0;
    for (let i = 0; i < 16; i++) a += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
    expect(a).toBeGreaterThan(0);
  });
});
