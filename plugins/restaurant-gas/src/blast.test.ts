import { describe, expect, it } from 'vitest';
import {
  blastZones,
  cloudFuelKg,
  fireball,
  millsOverpressureKpa,
  scaledDistanceFor,
  tntEquivalentKg,
} from './blast.js';
import { GASES, gasDensityKgM3 } from './gases.js';

describe('Mills overpressure', () => {
  it('falls monotonically with scaled distance', () => {
    let prev = Infinity;
    for (let z = 0.5; z < 200; z *= 1.3) {
      const p = millsOverpressureKpa(z);
      expect(p).toBeLessThan(prev);
      prev = p;
    }
  });

  it('is inverted by scaledDistanceFor', () => {
    for (const kpa of [2, 6.9, 20.7, 100])
      expect(millsOverpressureKpa(scaledDistanceFor(kpa))).toBeCloseTo(kpa, 6);
  });

  it('puts 6.9 kPa (1 psi) near Z = 15.6 m/kg^⅓', () => {
    expect(scaledDistanceFor(6.9)).toBeGreaterThan(15);
    expect(scaledDistanceFor(6.9)).toBeLessThan(16.5);
  });
});

describe('explosion of a kitchen cloud', () => {
  it('sizes a 60 m³ methane kitchen with 30 % of it at the LEL', () => {
    const fuel = cloudFuelKg(60, 0.3, 5, gasDensityKgM3(GASES.ch4));
    expect(fuel).toBeCloseTo(0.3 * 60 * 0.05 * (16.04 / 24.45), 9);
    const tnt = tntEquivalentKg(fuel, GASES.ch4.heatOfCombustionMjKg, 0.1);
    expect(tnt).toBeCloseTo((0.1 * fuel * 50) / 4.68, 9);
    const z = blastZones(tnt, { severe: 20.7, damage: 6.9, glass: 2 });
    expect(z.severeM).toBeLessThan(z.damageM);
    expect(z.damageM).toBeLessThan(z.glassM);
    // Radii scale with W^⅓.
    expect(z.damageM / Math.cbrt(tnt)).toBeCloseTo(scaledDistanceFor(6.9), 9);
  });
});

describe('fireball', () => {
  it('gives D = 5.8 m^⅓ and t = 0.45 m^⅓ for a 49.5 kg cylinder', () => {
    const f = fireball(49.5);
    expect(f.radiusM).toBeCloseTo(2.9 * Math.cbrt(49.5), 9);
    expect(f.durationS).toBeCloseTo(0.45 * Math.cbrt(49.5), 9);
  });
});
