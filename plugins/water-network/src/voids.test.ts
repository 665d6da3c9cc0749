import { describe, expect, it } from 'vitest';
import { defaults } from './definition.js';
import {
  coverFromInvertM,
  moistureRise,
  pipeCondition,
  soilClass,
  voidLikelihood,
  voidRadiusM,
} from './voids.js';

const H = 3_600_000;

describe('soil moisture rise', () => {
  it('measures the rise over the median before the rain-exclusion period and how long it has lasted', () => {
    const t = Date.parse('2026-07-09T00:00:00Z');
    const samples = Array.from({ length: 24 * 8 + 1 }, (_, i) => {
      const ti = t - (24 * 8 - i) * H;
      return { t: ti, v: ti >= t - 24 * H ? 40 : 25 };
    });
    const r = moistureRise(samples, t, 30, defaults);
    expect(r.baselineFrom).toBe('series');
    expect(r.baseline).toBe(25);
    expect(r.rise).toBe(15);
    expect(r.daysElevated).toBeCloseTo(1, 6);
  });
  it('falls back on the recorded baseline without enough history', () => {
    const r = moistureRise([{ t: 0, v: 40 }], 0, 24, defaults);
    expect(r).toMatchObject({ baselineFrom: 'attribute', baseline: 24, rise: 16 });
  });
});

describe('void likelihood', () => {
  it('classes the GB 50021 soils by plasticity index', () => {
    expect(soilClass(undefined, 8)).toBe('silt');
    expect(soilClass('sand', 5)).toBe('sand');
    expect(soilClass(undefined, 14)).toBe('silty_clay');
    expect(soilClass('sand', 20)).toBe('clay');
    expect(soilClass(undefined, undefined)).toBe('fill');
  });
  it('rates wet silt over a leaking old pipe very high and damp clay low', () => {
    const high = voidLikelihood({ rise: 25, daysElevated: 10, soil: 'silt', leak: 1, pipe: 1 }, defaults);
    const low = voidLikelihood({ rise: 10, daysElevated: 0, soil: 'clay', leak: 0, pipe: 0 }, defaults);
    expect(high.p).toBeCloseTo(1, 6);
    expect(high.klass).toBe('very_high');
    expect(low.p).toBeCloseTo(0.35 * 0.5 + 0.2 * 0.3, 6);
    expect(low.klass).toBe('low');
  });
  it('sizes the collapse radius by the Rankine wedge with a floor', () => {
    // D 1.2 m at 4 m in clay (φ 15°): (0.6 + 5.2·tan 37.5°) × 2 ≈ 9.18 → floor 10
    expect(voidRadiusM(1200, 4, 'clay', defaults)).toBe(10);
    // D 2 m at 6 m in sand (φ 30°): (1 + 8·tan 30°) × 2 ≈ 11.24
    expect(voidRadiusM(2000, 6, 'sand', defaults)).toBeCloseTo((1 + 8 * Math.tan(Math.PI / 6)) * 2, 6);
  });
  it('counts a defective or brittle pipe fully and an old one by half', () => {
    const t = Date.parse('2026-01-01T00:00:00Z');
    expect(pipeCondition({ material: 'grey_cast_iron' }, t, 30)).toBe(1);
    expect(pipeCondition({ material: 'ductile_iron', buriedYear: 1990 }, t, 30)).toBe(0.5);
    expect(pipeCondition({ material: 'pe', buriedYear: 2015 }, t, 30)).toBe(0);
  });
});

describe('cover from a manhole invert depth', () => {
  it('takes the diameter off the invert depth, never below 0, and keeps an unknown depth unknown', () => {
    expect(coverFromInvertM(3, 800)).toBeCloseTo(2.2, 9);
    expect(coverFromInvertM(0.5, 800)).toBe(0);
    expect(coverFromInvertM(3, null)).toBe(3);
    expect(coverFromInvertM(null, 800)).toBeNull();
  });
});
