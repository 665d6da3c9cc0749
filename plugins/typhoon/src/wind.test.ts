import { haversineM } from '@fenghuo/sdk';
import { describe, expect, it } from 'vitest';
import {
  beaufortLevel,
  centreAt,
  firstReach,
  fitVortex,
  radiusOf,
  translationKmH,
  V7,
  V10,
  vortexWind,
  windSeries,
} from './wind.js';

const P = { rankineExponent: 0.5, rankineExponentRange: [0.3, 0.9] as const, defaultRmaxKm: 40 };

describe('beaufortLevel', () => {
  it('takes the largest level whose lower bound is at or below the speed (GB/T 28591)', () => {
    expect(beaufortLevel(10.7)).toBe(5);
    expect(beaufortLevel(10.8)).toBe(6);
    expect(beaufortLevel(17.2)).toBe(8);
    expect(beaufortLevel(32.6)).toBe(11);
    expect(beaufortLevel(32.7)).toBe(12);
    expect(beaufortLevel(41.5)).toBe(14);
    expect(beaufortLevel(61.3)).toBe(18);
  });
});

describe('fitVortex', () => {
  it('passes the fitted Rankine profile through both wind radii of the bulletin', () => {
    const v = fitVortex(45, 300, 100, P);
    expect(v.fit).toBe('r7+r10');
    expect(v.x).toBeCloseTo(Math.log(V10 / V7) / Math.log(3), 6);
    expect(vortexWind(v, 300)).toBeCloseTo(V7, 6);
    expect(vortexWind(v, 100)).toBeCloseTo(V10, 6);
    expect(vortexWind(v, v.rmaxKm)).toBeCloseTo(45, 6);
  });

  it('clamps an implausible exponent and keeps the level-10 radius exact', () => {
    const v = fitVortex(45, 105, 100, P);
    expect(v.x).toBe(0.9);
    expect(vortexWind(v, 100)).toBeCloseTo(V10, 6);
  });

  it('falls back to the default exponent with one radius and to the default Rmax with none', () => {
    const one = fitVortex(40, 250, null, P);
    expect(one.fit).toBe('r7');
    expect(one.x).toBe(0.5);
    expect(vortexWind(one, 250)).toBeCloseTo(V7, 6);
    const none = fitVortex(40, null, null, P);
    expect(none).toMatchObject({ fit: 'default', rmaxKm: 40 });
  });

  it('rises linearly inside Rmax and is zero at the centre', () => {
    const v = fitVortex(45, 300, 100, P);
    expect(vortexWind(v, 0)).toBe(0);
    expect(vortexWind(v, v.rmaxKm / 2)).toBeCloseTo(22.5, 6);
  });

  it('inverts the profile: radiusOf gives where the wind falls to a speed', () => {
    const v = fitVortex(45, 300, 100, P);
    expect(radiusOf(v, V10)).toBeCloseTo(100, 6);
    expect(radiusOf(v, 50)).toBe(0);
  });
});

describe('the track', () => {
  const fixes = [
    { h: 0, at: [122, 29] as [number, number] },
    { h: 12, at: [121, 30] as [number, number] },
    { h: 24, at: [120, 31] as [number, number] },
  ];

  it('interpolates the centre linearly between fixes and holds it after the last', () => {
    expect(centreAt(fixes, 6)).toEqual([121.5, 29.5]);
    expect(centreAt(fixes, 30)).toEqual([120, 31]);
    expect(centreAt(fixes, -1)).toEqual([122, 29]);
  });

  it('gives the translation speed between the first two fixes', () => {
    expect(translationKmH(fixes)).toBeCloseTo(haversineM([122, 29], [121, 30]) / 1000 / 12, 6);
    expect(translationKmH([fixes[0]!])).toBeNull();
  });

  it('finds when the wind at a point first reaches a speed, within a lead time', () => {
    const v = fitVortex(45, 300, 100, P);
    const s = windSeries(v, fixes, [121, 30], 24, 0.5);
    expect(s.hours).toHaveLength(49);
    const h = firstReach(s, V10);
    expect(h).not.toBeNull();
    expect(h!).toBeGreaterThan(0);
    expect(h!).toBeLessThan(12);
    expect(firstReach(s, V10, (h as number) - 0.5)).toBeNull();
  });
});
