import type { AnalysisContext, CityObject } from '@fenghuo/sdk';
import { haversineM } from '@fenghuo/sdk';
import { describe, expect, it } from 'vitest';
import { defaults } from './definition.js';
import { circlePolygon, fallZoneRadiusM, heightOf, inFallZone } from './fallzone.js';

const house: CityObject = {
  id: 'OB-1',
  kind: 'masonry_house',
  role: 'monitored',
  name: { zh: '房', en: 'House' },
  geometry: { type: 'Point', coordinates: [120.17, 30.25] },
  attributes: { storeys: 4 },
};

describe('fall zone', () => {
  it('takes the height from heightM, else storeys × storey height', () => {
    expect(heightOf({ heightM: 13, storeys: 4 }, 3)).toBe(13);
    expect(heightOf({ storeys: 4 }, 3)).toBe(12);
  });

  it('is a circle of radius height × factor plus the footprint radius', () => {
    expect(fallZoneRadiusM(house, defaults)).toBeCloseTo(12, 9);
    expect(fallZoneRadiusM(house, { ...defaults, fallZoneFactor: 1.5 })).toBeCloseTo(18, 9);
    const poly = circlePolygon([120.17, 30.25], 20);
    const ring = poly.type === 'Polygon' ? poly.coordinates[0]! : [];
    for (const v of ring) expect(haversineM([120.17, 30.25], v)).toBeCloseTo(20, 0);
  });

  it('lists the objects inside the zone with their people, nearest first, without the building itself', async () => {
    const near: CityObject = {
      id: 'KG',
      kind: 'kindergarten',
      role: 'target',
      name: { zh: '幼儿园', en: 'Kindergarten' },
      geometry: { type: 'Point', coordinates: [120.17, 30.25009] },
      attributes: { capacity: 120 },
    };
    const ctx = { within: async () => [house, near] } as unknown as AnalysisContext;
    const zone = await inFallZone(ctx, house, 12);
    expect(zone.map((z) => z.object.id)).toEqual(['KG']);
    expect(zone[0]!.people).toBe(120);
    expect(await inFallZone(ctx, house, 5)).toEqual([]);
  });
});
