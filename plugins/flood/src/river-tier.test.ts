import { describe, expect, it } from 'vitest';
import { hoursTo, nextLevel, riverTier } from './river-tier.js';

const st = { warningM: 5, guaranteedM: 6, historicMaxM: 6.8 };

describe('river tiers (SL 758-2018)', () => {
  it('is blue only when within 0.3 m of the warning level and rising', () => {
    expect(riverTier(4.75, 0.1, st, 0.3).tier).toBe('blue');
    expect(riverTier(4.75, -0.1, st, 0.3).tier).toBeNull();
    expect(riverTier(4.6, 0.5, st, 0.3).tier).toBeNull();
  });

  it('is yellow at the warning level, orange at the guaranteed level and red at the record', () => {
    expect(riverTier(5, -1, st, 0.3)).toEqual({ tier: 'yellow', reason: 'warning' });
    expect(riverTier(6.1, 0, st, 0.3)).toEqual({ tier: 'orange', reason: 'guaranteed' });
    expect(riverTier(6.8, 0, st, 0.3)).toEqual({ tier: 'red', reason: 'historic-max' });
    expect(riverTier(9, 0, { ...st, historicMaxM: null }, 0.3).tier).toBe('orange');
  });

  it('names the next level and the hours to it at the current rate', () => {
    expect(nextLevel(5.5, st)).toEqual({ key: 'guaranteed', m: 6 });
    expect(nextLevel(7, st)).toBeNull();
    expect(hoursTo(5.5, 6, 0.25)).toBe(2);
    expect(hoursTo(5.5, 6, 0)).toBeNull();
  });
});
