import { describe, expect, it } from 'vitest';
import { circlePolygon, destination, distanceM, weightedCentroid } from './geo.js';

describe('geo', () => {
  it('measures 0.001° of latitude as about 111 m and of longitude at 30.27° N as about 96 m', () => {
    expect(distanceM([120.15, 30.27], [120.15, 30.271])).toBeCloseTo(111.2, 0);
    expect(distanceM([120.15, 30.27], [120.151, 30.27])).toBeCloseTo(96.1, 0);
  });

  it('finds the point a given distance away on a bearing', () => {
    const east = destination([120.15, 30.27], 90, 500);
    expect(distanceM([120.15, 30.27], east)).toBeCloseTo(500, 0);
    expect(east[0]).toBeGreaterThan(120.15);
    expect(east[1]).toBeCloseTo(30.27, 4);
  });

  it('draws a closed counter-clockwise circle whose vertices all lie at the radius', () => {
    const c = circlePolygon([120.15, 30.27], 230, 32);
    if (c.type !== 'Polygon') throw new Error('expected a polygon');
    const ring = c.coordinates[0]!;
    expect(ring).toHaveLength(33);
    expect(ring[0]).toEqual(ring[32]);
    for (const p of ring) expect(distanceM([120.15, 30.27], p)).toBeCloseTo(230, 0);
    // Shoelace sum > 0 for a counter-clockwise ring (RFC 7946 exterior ring).
    let area2 = 0;
    for (let i = 0; i < ring.length - 1; i++)
      area2 += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
    expect(area2).toBeGreaterThan(0);
  });

  it('weights the centroid towards the heavier point and ignores zero weights', () => {
    const c = weightedCentroid([
      { at: [120.15, 30.27], weight: 3 },
      { at: [120.154, 30.27], weight: 1 },
      { at: [121, 31], weight: 0 },
    ]);
    expect(c[0]).toBeCloseTo(120.151, 6);
    expect(c[1]).toBeCloseTo(30.27, 6);
  });
});
