import { describe, expect, it } from 'vitest';
import { coPpm, detectorBasis, lelFactor, lelToVolume } from './gases.js';

describe('LEL basis', () => {
  it('scales a 4.4 %vol-basis methane reading down to the 5.0 basis', () => {
    expect(lelFactor(4.4, 5)).toBeCloseTo(0.88, 9);
    expect(lelFactor(undefined, 5)).toBe(1);
  });
  it('prefers the detector’s own basis over the premises default', () => {
    const attrs = { ch4LelBasisPctVol: 5, detectors: { 'RG-1': { lelBasisPctVol: 4.4 } } };
    expect(detectorBasis(attrs, 'RG-1', 'ch4')).toBe(4.4);
    expect(detectorBasis(attrs, 'RG-2', 'ch4')).toBe(5);
    expect(detectorBasis(attrs, 'RG-2', 'c3h8')).toBeNull();
  });
});

describe('conversions', () => {
  it('10 %LEL of methane on the 5 %vol basis is 0.5 %vol, 5 000 ppm', () => {
    const v = lelToVolume(10, 5);
    expect(v.pctVol).toBeCloseTo(0.5, 9);
    expect(v.ppm).toBeCloseTo(5000, 6);
  });
  it('30 mg/m³ of CO is about 26 ppm at 25 °C', () => {
    expect(coPpm(30)).toBeCloseTo(26.19, 1);
  });
});
