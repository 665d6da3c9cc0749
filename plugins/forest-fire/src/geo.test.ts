import { describe, expect, it } from 'vitest';
import { angleDiff, bearingDeg, destination, distanceM, pathPolygon } from './geo.js';

describe('geo helpers', () => {
  it('gives the bearing east as 90° and west as 270°', () => {
    expect(bearingDeg([117.2, 40.3], [117.22, 40.3])).toBeCloseTo(90, 1);
    expect(bearingDeg([117.2, 40.3], [117.18, 40.3])).toBeCloseTo(270, 1);
  });

  it('measures the smallest angle between bearings across north', () => {
    expect(angleDiff(350, 10)).toBe(20);
    expect(angleDiff(90, 270)).toBe(180);
  });

  it('puts the destination at the requested distance', () => {
    const p = destination([117.2, 40.3], 90, 1500);
    expect(distanceM([117.2, 40.3], p)).toBeCloseTo(1500, 0);
  });

  it('draws the path as one closed ring reaching the sector length downwind and the near radius upwind', () => {
    const g = pathPolygon([117.2, 40.3], 90, 30, 2000, 500);
    if (g.type !== 'Polygon') throw new Error('expected a polygon');
    const ring = g.coordinates[0] as [number, number][];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    const far = Math.max(...ring.map((p) => distanceM([117.2, 40.3], p)));
    const near = Math.min(...ring.map((p) => distanceM([117.2, 40.3], p)));
    expect(far).toBeCloseTo(2000, 0);
    expect(near).toBeCloseTo(500, 0);
  });
});
