import type { CityObject } from '@fenghuo/sdk';
import { describe, expect, it } from 'vitest';
import { axisIntensity, axisRadiusKm } from './attenuation.js';
import { defaults } from './definition.js';
import { estimateSites, passesGate, tierOfIntensity } from './eew.js';

const site = (
  id: string,
  lon: number,
  lat: number,
  attributes: Record<string, unknown> = {},
): CityObject => ({
  id,
  kind: 'eew_site',
  role: 'monitored',
  name: { zh: id, en: id },
  geometry: { type: 'Point', coordinates: [lon, lat] },
  attributes,
});

describe('earthquake early warning', () => {
  it('tiers integer intensity by the Yunnan release levels with II as the blue floor', () => {
    const t = defaults.intensityTiers;
    expect(tierOfIntensity(1, t)).toBeNull();
    expect(tierOfIntensity(2, t)).toBe('blue');
    expect(tierOfIntensity(4, t)).toBe('yellow');
    expect(tierOfIntensity(6, t)).toBe('orange');
    expect(tierOfIntensity(7, t)).toBe('red');
  });
  it('applies the publication gates by distance', () => {
    const g = defaults.publicationGates;
    expect(passesGate(4.2, 40, g)).toBe(true);
    expect(passesGate(4.2, 80, g)).toBe(false);
    expect(passesGate(5.5, 250, g)).toBe(true);
    expect(passesGate(6.5, 600, g)).toBe(false);
    expect(passesGate(7.2, 900, g)).toBe(true);
  });
  it('estimates a lower intensity farther away, adds the site correction and marks the blind zone', () => {
    const [near, far, soft] = estimateSites(
      [
        site('near', 120.05, 30.0),
        site('far', 120.6, 30.0),
        site('soft', 120.6, 30.0, { intensityCorrection: 1 }),
      ],
      [120.0, 30.0],
      6.0,
      10,
      'east',
      defaults,
    );
    expect(near!.intensity).toBeGreaterThan(far!.intensity);
    expect(soft!.intensity).toBeCloseTo(far!.intensity + 1, 6);
    expect(near!.leadSec).toBeLessThan(0);
    expect(far!.leadSec).toBeGreaterThan(0);
  });
  it('supports relations in lg as well as ln', () => {
    const k = { a: 5.7, b: 1.36, c: 4.29, r0: 25 };
    expect(axisIntensity(k, 6, 30, '10')).toBeCloseTo(5.7 + 1.36 * 6 - 4.29 * Math.log10(55), 6);
    expect(axisIntensity(k, 6, axisRadiusKm(k, 6, 6, '10'), '10')).toBeCloseTo(6, 6);
  });
});
