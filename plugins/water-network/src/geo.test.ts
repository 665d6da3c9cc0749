import { haversineM } from '@fenghuo/sdk';
import { describe, expect, it } from 'vitest';
import { circlePolygon, type LonLat, pathLengthM, pointAlong } from './geo.js';

describe('geometry', () => {
  const line: LonLat[] = [
    [120.15, 30.28],
    [120.16, 30.28],
    [120.16, 30.29],
  ];
  it('finds the point at a chainage along a bent main', () => {
    const first = haversineM(line[0]!, line[1]!);
    const p = pointAlong(line, first + 100);
    expect(haversineM(line[1]!, p)).toBeCloseTo(100, 0);
    expect(pointAlong(line, 1e9)).toEqual(line[2]);
    expect(pathLengthM(line)).toBeCloseTo(first + haversineM(line[1]!, line[2]!), 6);
  });
  it('draws a closed circle whose vertices lie at the radius', () => {
    const c = circlePolygon([120.15, 30.28], 60);
    if (c.type !== 'Polygon') throw new Error('not a polygon');
    const ring = c.coordinates[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    for (const v of ring) expect(haversineM([120.15, 30.28], v)).toBeCloseTo(60, 0);
  });
});
