import { describe, expect, it } from 'vitest';
import { lelToPctVol, MOLAR_MASS, mgToPpm, o2Effect, ppmToMg } from './units.js';

describe('units', () => {
  it('converts the GBZ 2.1 limits to the ppm the MEM guidance quotes (25 °C)', () => {
    expect(mgToPpm(10, MOLAR_MASS.h2s, 24.45)).toBeCloseTo(7.17, 2); // H2S MAC ≈ 7 ppm
    expect(mgToPpm(30, MOLAR_MASS.co, 24.45)).toBeCloseTo(26.2, 1); // CO PC-STEL ≈ 25 ppm
    expect(ppmToMg(100, MOLAR_MASS.h2s, 24.45)).toBeCloseTo(139.4, 1); // IDLH 100 ppm ≈ 141 mg/m³ at 20 °C
  });
  it('turns %LEL of methane into %vol on the 5 % basis', () => {
    expect(lelToPctVol(10)).toBe(0.5);
  });
  it('describes the oxygen physiology bands', () => {
    expect(o2Effect(20.9).en).toBe('normal');
    expect(o2Effect(17).en).toBe('work capacity reduced');
    expect(o2Effect(13).en).toMatch(/judgement impaired/);
    expect(o2Effect(7).en).toMatch(/death/);
    expect(o2Effect(24).en).toMatch(/enriched/);
  });
});
