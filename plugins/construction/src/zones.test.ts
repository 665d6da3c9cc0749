import type { CityObject } from '@fenghuo/sdk';
import { describe, expect, it } from 'vitest';
import { defaults } from './definition.js';
import { classify, gasBand, thirdPartyTier } from './zones.js';

const obj = (kind: string, distanceM: number, pressureClass?: string): CityObject => ({
  id: `${kind}-${distanceM}`,
  kind,
  role: 'monitored',
  name: { zh: kind, en: kind },
  geometry: { type: 'Point', coordinates: [120, 30] },
  attributes: pressureClass ? { pressureClass } : {},
  distanceM,
});

describe('third-party works zones', () => {
  it('maps GB 50028 pressure classes to protection bands', () => {
    expect(gasBand('medium_a')).toBe('low_medium');
    expect(gasBand('sub_high_b')).toBe('sub_high');
    expect(gasBand(undefined)).toBe('high');
  });
  it('puts a machine 1 m from a sub-high main in its protection range (red)', () => {
    const h = classify(obj('gas_main_hp', 1, 'sub_high_a'), defaults);
    expect(h?.zone).toBe('protection');
    expect(thirdPartyTier(h ? [h] : [])).toBe('red');
  });
  it('puts a machine 10 m from a sub-high main in its control range (orange) and 20 m outside it', () => {
    const h = classify(obj('gas_main_hp', 10, 'sub_high_a'), defaults);
    expect(h?.zone).toBe('control');
    expect(thirdPartyTier(h ? [h] : [])).toBe('orange');
    expect(classify(obj('gas_main_hp', 20, 'sub_high_a'), defaults)).toBeNull();
  });
  it('uses the 50 m metro protection zone and ignores other kinds', () => {
    expect(classify(obj('metro_tunnel', 40), defaults)?.zone).toBe('control');
    expect(classify(obj('metro_tunnel', 5), defaults)?.zone).toBe('protection');
    expect(classify(obj('school', 1), defaults)).toBeNull();
  });
});
