import { describe, expect, it } from 'vitest';
import { defaults } from './definition.js';
import {
  classOfPressure,
  impactRadius,
  lelFactor,
  lelToVolume,
  levelOf,
  potentialImpactRadiusM,
} from './impact.js';

describe('impact model', () => {
  it('scales a 4.4 %vol-basis detector by 0.88 onto the 5.0 %vol basis and leaves others alone', () => {
    expect(lelFactor(4.4, 5)).toBeCloseTo(0.88, 9);
    expect(lelFactor(undefined, 5)).toBe(1);
    expect(lelFactor('4.4', 5)).toBe(1);
  });

  it('converts 10 %LEL of methane to 0.5 %vol and 5 000 ppm on the 5.0 %vol basis (notes §2)', () => {
    const v = lelToVolume(10, 5);
    expect(v.pctVol).toBeCloseTo(0.5, 9);
    expect(v.ppm).toBeCloseTo(5000, 6);
  });

  it('gives the PHMSA example PIR: 30 in at 1 000 psig is 654.6 ft (199.5 m)', () => {
    const mpa = 1000 / 145.037738;
    expect(potentialImpactRadiusM(30 * 25.4, mpa)).toBeCloseTo(654.6 * 0.3048, 0);
    expect(potentialImpactRadiusM(0, 0.4)).toBe(0);
  });

  it('classes pressures by the GB 50028 bounds', () => {
    expect(classOfPressure(0.005)).toBe('low');
    expect(classOfPressure(0.01)).toBe('medium_b');
    expect(classOfPressure(0.35)).toBe('medium_a');
    expect(classOfPressure(0.6)).toBe('sub_high_b');
    expect(classOfPressure(1.2)).toBe('sub_high_a');
    expect(classOfPressure(2.0)).toBe('high_b');
    expect(classOfPressure(3.9)).toBe('high_a');
  });

  it('puts a pressure on a class bound in the lower class (GB 50028 表6.1.6: A < P ≤ B)', () => {
    expect(classOfPressure(0.2)).toBe('medium_b');
    expect(classOfPressure(0.4)).toBe('medium_a');
    expect(classOfPressure(0.8)).toBe('sub_high_b');
    expect(classOfPressure(1.6)).toBe('sub_high_a');
    expect(classOfPressure(2.5)).toBe('high_b');
    expect(classOfPressure(4.0)).toBe('high_a');
  });

  it('finds the highest level a value reaches', () => {
    const limits = { alarm: 5, blue: 10, yellow: 20, orange: 25, red: 50 };
    expect(levelOf(4.9, limits)).toBeNull();
    expect(levelOf(26.8, limits)).toBe('orange');
    expect(levelOf(0.25, { blue: 0.54, red: 0.3 }, false)).toBe('red');
  });

  it('multiplies the level radius by the class and conduit factors and rounds up to 10 m', () => {
    const r = impactRadius(
      { level: 'orange', pressureClass: 'sub_high_b', conduit: true, pirM: 36, coverM: 0 },
      defaults,
    );
    expect(r.radiusM).toBe(290); // 150 × 1.25 × 1.5 = 281.25
  });

  it('never draws the area smaller than the pipeline PIR or than the detecting points plus 20 m', () => {
    expect(
      impactRadius(
        { level: 'alarm', pressureClass: 'high_a', conduit: false, pirM: 120, coverM: 0 },
        defaults,
      ).radiusM,
    ).toBe(120);
    expect(
      impactRadius({ level: 'blue', pressureClass: null, conduit: false, pirM: 0, coverM: 84 }, defaults)
        .radiusM,
    ).toBe(110);
  });

  it('caps the radius at the configured maximum', () => {
    const cfg = { ...defaults, maxRadiusM: 100 };
    expect(
      impactRadius({ level: 'red', pressureClass: 'high_a', conduit: true, pirM: 0, coverM: 0 }, cfg).radiusM,
    ).toBe(100);
  });
});
