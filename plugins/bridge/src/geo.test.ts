import type { Geometry } from '@fenghuo/sdk';
import { describe, expect, it } from 'vitest';
import { bufferPolygon, centre, distanceM, geometryDistanceM } from './geo.js';

const deck: Geometry = {
  type: 'LineString',
  coordinates: [
    [120.16, 30.265],
    [120.16, 30.2668],
  ],
};

describe('bridge geometry', () => {
  it('puts a road crossing under the bridge at distance 0', () => {
    const road: Geometry = {
      type: 'LineString',
      coordinates: [
        [120.1585, 30.2662],
        [120.1615, 30.2662],
      ],
    };
    expect(geometryDistanceM(deck, road)).toBe(0);
  });

  it('measures a point beside the deck perpendicular to it', () => {
    const d = geometryDistanceM(deck, { type: 'Point', coordinates: [120.161, 30.266] });
    expect(d).toBeCloseTo(96.1, 0);
  });

  it('measures a point beyond the end of the deck to the end', () => {
    const d = geometryDistanceM(deck, { type: 'Point', coordinates: [120.16, 30.2678] });
    expect(d).toBeCloseTo(111.2, 0);
  });

  it('puts a bridge that ends inside a polygon at distance 0', () => {
    const square: Geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [120.159, 30.2665],
          [120.161, 30.2665],
          [120.161, 30.2675],
          [120.159, 30.2675],
          [120.159, 30.2665],
        ],
      ],
    };
    expect(geometryDistanceM(deck, square)).toBe(0);
  });

  it('grows the deck into a closed counter-clockwise polygon that reaches the buffer on every side', () => {
    const g = bufferPolygon(deck, 50);
    if (g.type !== 'Polygon') throw new Error('expected a polygon');
    const ring = g.coordinates[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    let area2 = 0;
    for (let i = 0; i < ring.length - 1; i++)
      area2 += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
    expect(area2).toBeGreaterThan(0);
    for (const p of ring) {
      const d = geometryDistanceM(deck, { type: 'Point', coordinates: p });
      expect(d).toBeGreaterThan(45);
      expect(d).toBeLessThan(50.5);
    }
  });

  it('finds the middle of a geometry and great-circle distances', () => {
    expect(centre(deck)).toEqual([120.16, 30.2659]);
    expect(distanceM([120.15, 30.27], [120.15, 30.271])).toBeCloseTo(111.2, 0);
  });
});
