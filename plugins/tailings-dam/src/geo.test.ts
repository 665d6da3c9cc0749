import { describe, expect, it } from 'vitest';
import { angleBetween, bearingDeg, representativePoint, sectorPolygon } from './geo.js';

describe('geo', () => {
  it('gives a bearing of 180° to a point due south and 0° due north', () => {
    expect(bearingDeg([110, 27], [110, 26.99])).toBeCloseTo(180, 6);
    expect(bearingDeg([110, 27], [110, 27.01])).toBeCloseTo(0, 6);
  });
  it('measures the smaller angle between bearings across north', () => {
    expect(angleBetween(350, 10)).toBe(20);
    expect(angleBetween(0, 180)).toBe(180);
  });
  it('takes the mean vertex of a dam crest', () => {
    expect(
      representativePoint({
        type: 'LineString',
        coordinates: [
          [109.998, 27],
          [110.002, 27],
        ],
      }),
    ).toEqual([110, 27]);
  });
  it('builds a closed downstream sector that starts at the dam', () => {
    const g = sectorPolygon([110, 27], 1000, 180, 60);
    expect(g.type).toBe('Polygon');
    const ring = g.type === 'Polygon' ? g.coordinates[0]! : [];
    expect(ring[0]).toEqual([110, 27]);
    expect(ring[ring.length - 1]).toEqual(ring[0]);
    for (const p of ring.slice(1, -1)) expect(p[1]).toBeLessThan(27);
  });
});
