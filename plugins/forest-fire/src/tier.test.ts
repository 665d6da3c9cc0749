import { describe, expect, it } from 'vitest';
import { defaults } from './definition.js';
import { confirmedFireTier } from './tier.js';

describe('tier of a confirmed fire', () => {
  it('is yellow for a small confirmed fire far from settlements on a moderate day', () => {
    expect(confirmedFireTier({ areaHa: 0.3, dangerLevel: 3 }, defaults).tier).toBe('yellow');
  });

  it('is orange at 1 ha, within 1 km of a settlement, with one in the path, or at danger level 4', () => {
    expect(confirmedFireTier({ areaHa: 1 }, defaults).tier).toBe('orange');
    expect(confirmedFireTier({ nearestSettlementM: 900 }, defaults).tier).toBe('orange');
    expect(confirmedFireTier({ firstArrivalMin: 99 }, defaults).tier).toBe('orange');
    expect(confirmedFireTier({ dangerLevel: 4 }, defaults).tier).toBe('orange');
  });

  it('is red at 100 ha or when the head fire reaches a settlement within 60 min', () => {
    expect(confirmedFireTier({ areaHa: 120 }, defaults).tier).toBe('red');
    const r = confirmedFireTier({ firstArrivalMin: 45, dangerLevel: 5 }, defaults);
    expect(r.tier).toBe('red');
    expect(r.reasons[0]?.en).toContain('about 45 min');
  });

  it('lets a city switch off the arrival rule and the danger rule', () => {
    const cfg = { ...defaults, redArrivalMin: 0, dangerOrangeLevel: 6 };
    expect(confirmedFireTier({ firstArrivalMin: 45, dangerLevel: 5 }, cfg).tier).toBe('orange');
    expect(confirmedFireTier({ dangerLevel: 5 }, cfg).tier).toBe('yellow');
  });
});
