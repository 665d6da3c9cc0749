import type { CityObject } from '@fenghuo/sdk';
import { describe, expect, it } from 'vitest';
import { groundLevelOf, surgeExposure } from './seawall.js';

const obj = (id: string, attributes: Record<string, unknown> = {}): CityObject => ({
  id,
  kind: 'village',
  role: 'target',
  name: { zh: id, en: id },
  geometry: { type: 'Point', coordinates: [120.16, 30.26] },
  attributes,
});

describe('surge exposure by ground level', () => {
  it('lists the kindergarten 1.8 m below a 6.3 m tide and leaves the hill village at 35 m out', () => {
    // In byDistanceToWall order: the hill village is nearest the wall, the market has no ground level.
    const ex = surgeExposure(
      [
        { object: obj('VIL-HILL', { groundLevelM: 35 }), distanceM: 740 },
        { object: obj('MKT', {}), distanceM: 800 },
        { object: obj('KG', { groundLevelM: 4.5 }), distanceM: 890 },
      ],
      6.3,
      0.5,
    );
    expect(ex.low.map((b) => b.object.id)).toEqual(['KG']);
    expect(ex.low[0]!.belowTideM).toBeCloseTo(1.8, 6);
    expect(ex.unknown.map((b) => b.object.id)).toEqual(['MKT']);
    expect(ex.above.map((b) => b.object.id)).toEqual(['VIL-HILL']);
  });

  it('puts the deepest first, ties nearest the wall, and counts ground inside the allowance as exposed', () => {
    const ex = surgeExposure(
      [
        { object: obj('A', { groundLevelM: 5.5 }), distanceM: 100 },
        { object: obj('B', { groundLevelM: 4.2 }), distanceM: 900 },
        { object: obj('C', { groundLevelM: 5.5 }), distanceM: 50 },
        { object: obj('D', { groundLevelM: 6.6 }), distanceM: 10 }, // 0.3 m above the tide, inside 0.5 m
        { object: obj('E', { groundLevelM: 6.8 }), distanceM: 10 }, // exactly tide + allowance: above
      ],
      6.3,
      0.5,
    );
    expect(ex.low.map((b) => b.object.id)).toEqual(['B', 'C', 'A', 'D']);
    expect(ex.low[3]!.belowTideM).toBeCloseTo(-0.3, 6);
    expect(ex.above.map((b) => b.object.id)).toEqual(['E']);
  });

  it('reads only a finite number as a ground level', () => {
    expect(groundLevelOf(obj('A', { groundLevelM: 4.5 }))).toBe(4.5);
    expect(groundLevelOf(obj('B', { groundLevelM: -1.2 }))).toBe(-1.2);
    expect(groundLevelOf(obj('C', { groundLevelM: '4.5' }))).toBeNull();
    expect(groundLevelOf(obj('D', { groundLevelM: Number.NaN }))).toBeNull();
    expect(groundLevelOf(obj('E'))).toBeNull();
  });
});
