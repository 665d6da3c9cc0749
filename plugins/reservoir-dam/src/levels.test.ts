import { describe, expect, it } from 'vitest';
import type { DamAttributes } from './definition.js';
import { assessLevel } from './levels.js';
import { isLoneSpike, slopePerHour } from './series.js';

const dam: DamAttributes = {
  floodLimitLevelM: 100,
  normalPoolLevelM: 101,
  designFloodLevelM: 102.5,
  checkFloodLevelM: 103.5,
  crestElevationM: 105,
  damBaseElevationM: 70,
  minFreeboardM: 1,
  storageAtFloodLimitM3: 2e7,
  surfaceAreaM2: 2e6,
};

describe('pool level against the characteristic levels', () => {
  it('tiers blue at the FLWL, yellow at normal pool, orange at design flood, red at check flood', () => {
    expect(assessLevel(dam, -0.5, 0).tier).toBeNull();
    expect(assessLevel(dam, 0.2, 0).tier).toBe('blue');
    expect(assessLevel(dam, 1.2, 0).tier).toBe('yellow');
    expect(assessLevel(dam, 2.6, 0).tier).toBe('orange');
    expect(assessLevel(dam, 3.5, 0).tier).toBe('red');
  });
  it('is red when the freeboard is below the allowance, and counts hours to the crest', () => {
    const l = assessLevel(dam, 4.2, 0.4);
    expect(l.reached).toBe('freeboard');
    expect(l.hoursToCrest).toBeCloseTo(2, 6);
    expect(assessLevel(dam, 1, 0).hoursToCrest).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('series', () => {
  const h = (i: number) => i * 3_600_000;
  it('measures a rise of 0.3 m per hour', () => {
    expect(slopePerHour([0, 1, 2, 3].map((i) => ({ t: h(i), v: 0.3 * i })))).toBeCloseTo(0.3, 6);
  });
  it('calls a jump after a steady series a lone spike, and a build-up not', () => {
    const steady = [10, 10.1, 9.9, 10, 10.2, 10, 16].map((v, i) => ({ t: h(i), v }));
    expect(isLoneSpike(steady, 0.3, 6)).toBe(true);
    const rising = [10, 11, 12, 13, 14, 15, 20].map((v, i) => ({ t: h(i), v }));
    expect(isLoneSpike(rising, 0.3, 6)).toBe(false);
  });
});
