import { describe, expect, it } from 'vitest';
import { defaults } from './definition.js';
import { effectiveSlopeDeg, slopeFactor, wangSpread } from './spread.js';

const cfg = defaults.spread;

describe('Wang Zhengfei spread', () => {
  it('gives R0 = 0.03 T + 0.05 V + 0.01 (100 − RH) − 0.3 and Kw = exp(0.1783 V)', () => {
    const s = wangSpread(
      { tempC: 28, rhPct: 18, windMs: 8, windFromDeg: 270, fuel: 'mixed', slopeDeg: 0 },
      cfg,
    );
    expect(s.r0).toBeCloseTo(1.76, 6);
    expect(s.kw).toBeCloseTo(Math.exp(0.1783 * 8), 6);
    expect(s.kphi).toBe(1);
    expect(s.rate).toBeCloseTo(1.76 * Math.exp(1.4264), 4);
    expect(s.headingDeg).toBe(90);
  });

  it('runs downwind: a wind from the north-east drives the head fire to the south-west', () => {
    const s = wangSpread(
      { tempC: 20, rhPct: 40, windMs: 5, windFromDeg: 45, fuel: 'grass', slopeDeg: 0 },
      cfg,
    );
    expect(s.headingDeg).toBe(225);
    expect(s.ks).toBe(1.6);
  });

  it('speeds the fire uphill with Kφ = exp(3.533 tan^1.2 φ) and slows it downhill', () => {
    expect(slopeFactor(15, cfg)).toBeCloseTo(Math.exp(3.533 * Math.tan((15 * Math.PI) / 180) ** 1.2), 6);
    expect(slopeFactor(-15, cfg)).toBeCloseTo(1 / slopeFactor(15, cfg), 6);
    expect(slopeFactor(0, cfg)).toBe(1);
  });

  it('takes the slope along the heading: full uphill, none across, negative downhill', () => {
    // A slope facing west (aspect 270) rises to the east.
    expect(effectiveSlopeDeg(20, 270, 90)).toBeCloseTo(20, 6);
    expect(effectiveSlopeDeg(20, 270, 0)).toBeCloseTo(0, 6);
    expect(effectiveSlopeDeg(20, 270, 270)).toBeCloseTo(-20, 6);
    expect(effectiveSlopeDeg(20, undefined, 90)).toBe(20);
  });

  it('does not spread in weather too cold and wet for R0 to be positive, and caps the rate', () => {
    expect(wangSpread({ tempC: 0, rhPct: 100, windMs: 0, fuel: 'mixed', slopeDeg: 0 }, cfg).rate).toBe(0);
    const storm = wangSpread(
      { tempC: 40, rhPct: 5, windMs: 40, windFromDeg: 0, fuel: 'grass', slopeDeg: 40, aspectDeg: 0 },
      cfg,
    );
    expect(storm.rate).toBe(cfg.maxRateMPerMin);
  });
});
