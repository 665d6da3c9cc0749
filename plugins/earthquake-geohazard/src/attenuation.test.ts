import { describe, expect, it } from 'vitest';
import { axisIntensity, axisRadiusKm, distanceKm, leadTimeSec, roman, siteIntensity } from './attenuation.js';
import { defaults } from './definition.js';

const east = defaults.attenuation.east;

describe('attenuation', () => {
  it('gives the long-axis value I = a + b·M − c·ln(R + r0) when the strike is unknown', () => {
    const expected = 6.046 + 1.48 * 6 - 2.081 * Math.log(30 + 25);
    expect(siteIntensity(east, 6, 30, null)).toBeCloseTo(expected, 6);
  });
  it('gives the documented example: M6.0 at 30 km in eastern China is about 6.6, degree VII', () => {
    // 6.046 + 1.48·6 − 2.081·ln(55) = 14.926 − 8.339 = 6.59 (the doc comment said ≈ 7.5).
    const i = siteIntensity(east, 6, 30, null);
    expect(i).toBeCloseTo(6.59, 2);
    expect(roman(i)).toBe('VII');
  });
  it('inverts one axis: the radius of intensity I gives back I', () => {
    const r = axisRadiusKm(east.long, 6.5, 7);
    expect(axisIntensity(east.long, 6.5, r)).toBeCloseTo(7, 6);
  });
  it('gives a lower intensity across the strike than along it at the same distance', () => {
    const along = siteIntensity(east, 6, 40, 0);
    const across = siteIntensity(east, 6, 40, 90);
    expect(along).toBeCloseTo(siteIntensity(east, 6, 40, null), 3);
    expect(across).toBeLessThan(along - 0.5);
    expect(across).toBeCloseTo(axisIntensity(east.short, 6, 40), 3);
  });
  it('measures great-circle distance and the blind zone', () => {
    expect(distanceKm([120, 30], [120, 31])).toBeCloseTo(111.2, 1);
    expect(leadTimeSec(20, 10, 3.5, 8)).toBeLessThan(0);
    expect(leadTimeSec(100, 10, 3.5, 8)).toBeCloseTo(Math.hypot(100, 10) / 3.5 - 8, 6);
    expect(roman(7.4)).toBe('VII');
  });
});
