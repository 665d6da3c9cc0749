import type { CityObject } from '@fenghuo/sdk';
import { describe, expect, it } from 'vitest';
import { defaults } from './definition.js';
import { distanceM, type LonLat } from './geo.js';
import { compass, inPath } from './path.js';
import type { Spread } from './spread.js';

const fire: LonLat = [117.2, 40.3];
const obj = (id: string, kind: string, at: LonLat): CityObject => ({
  id,
  kind,
  role: 'target',
  name: { zh: id, en: id },
  geometry: { type: 'Point', coordinates: at },
  attributes: {},
  distanceM: distanceM(fire, at),
});
// 15 m/min to the east, 2 m/min on the flanks: 1800 m downwind and 500 m around in 120 min.
const spread: Spread = {
  r0: 2,
  ks: 1,
  kw: 4,
  kphi: 1.9,
  rate: 15,
  flankRate: 2,
  headingDeg: 90,
  effSlopeDeg: 0,
};

describe('objects in the path', () => {
  const east = obj('EAST', 'village', [117.2177, 40.3]); // 1.5 km downwind
  const west = obj('WEST', 'village', [117.1764, 40.3]); // 2 km upwind
  const northEast = obj('NE', 'village', [117.21, 40.31]); // 1.4 km at 37°: outside the 30° half-angle
  const close = obj('CLOSE', 'substation', [117.2, 40.3035]); // 390 m north
  const team = obj('TEAM', 'fire_team', [117.21, 40.3]); // a resource, never a target

  it('keeps the downwind village with its arrival time and the facility within the near radius', () => {
    const list = inPath(fire, [east, west, northEast, close, team], spread, defaults, new Set());
    // Ordered by arrival: the flank reaches the substation later than the head fire reaches the village.
    expect(list.map((p) => p.object.id)).toEqual(['EAST', 'CLOSE']);
    const e = list.find((p) => p.object.id === 'EAST')!;
    expect(e.inSector).toBe(true);
    expect(e.arrivalMin).toBeCloseTo(e.distanceM / 15, 6);
    expect(list.find((p) => p.object.id === 'CLOSE')!.arrivalMin).toBeCloseTo(390 / 2, -1);
  });

  it('without a wind direction looks the head-fire length in every direction', () => {
    const list = inPath(fire, [east, west, northEast], { ...spread, headingDeg: null }, defaults, new Set());
    expect(list.map((p) => p.object.id).sort()).toEqual(['EAST', 'NE']);
  });

  it('names the compass point of a bearing', () => {
    expect(compass(90)).toEqual({ zh: '东', en: 'E' });
    expect(compass(225)).toEqual({ zh: '西南', en: 'SW' });
    expect(compass(359)).toEqual({ zh: '北', en: 'N' });
  });
});
