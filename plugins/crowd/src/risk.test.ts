import { describe, expect, it } from 'vitest';
import { defaults } from './definition.js';
import { MIN_MS } from './forecast.js';
import { effectiveLimits, findGlitch, levelOf, maxInflowPerMin, riskTier } from './risk.js';

const base = { ratioNow: null, ratioAhead: [], lowered: false };

describe('stampede risk tier', () => {
  it('tiers the density now on the catalogue limits', () => {
    expect(riskTier({ ...base, densityNow: 3.2, densityAhead: [3.2, 3.2] }, defaults).tier).toBe('yellow');
    expect(riskTier({ ...base, densityNow: 1.6, densityAhead: [1.6] }, defaults).tier).toBeNull();
  });

  it('raises the tier to where the 15-minute forecast will be', () => {
    const r = riskTier({ ...base, densityNow: 3.2, densityAhead: [4.1, 4.4] }, defaults);
    expect(r).toMatchObject({ tier: 'orange', drivenBy: 'ahead:0' });
  });

  it('counts the 30-minute forecast one tier lower', () => {
    const r = riskTier({ ...base, densityNow: 2.5, densityAhead: [2.9, 5.3] }, defaults);
    expect(r).toMatchObject({ tier: 'orange', drivenBy: 'ahead:1' });
  });

  it('keeps the tier of the crowd now when the forecast falls', () => {
    expect(riskTier({ ...base, densityNow: 4.2, densityAhead: [3.1, 2.0] }, defaults).tier).toBe('orange');
  });

  it('drops every limit one tier on stairs, slopes, bottlenecks or in counter-flow', () => {
    expect(effectiveLimits(defaults.riskDensity, true)).toEqual({
      alarm: 1.5,
      blue: 1.5,
      yellow: 2,
      orange: 3,
      red: 4,
    });
    expect(riskTier({ ...base, densityNow: 4.2, densityAhead: [4.2], lowered: true }, defaults).tier).toBe(
      'red',
    );
  });

  it('lets the share of capacity raise the tier', () => {
    const r = riskTier(
      { densityNow: 1.8, densityAhead: [1.9], ratioNow: 0.93, ratioAhead: [0.97], lowered: false },
      defaults,
    );
    expect(r).toMatchObject({ tier: 'orange', drivenBy: 'capacity' });
  });

  it('finds no level below the lowest limit', () => {
    expect(levelOf(0.5, defaults.riskDensity)).toBe(-1);
    expect(levelOf(5, defaults.riskDensity)).toBe(4);
  });
});

describe('counting glitch', () => {
  const cfg = { fruinMaxFlowPmMin: 82, fallbackMaxRisePerMin: 0.5 };

  it('bounds the inflow by the entrance width × Fruin maximum flow', () => {
    expect(maxInflowPerMin(20_000, 40, cfg)).toBe(3280);
    expect(maxInflowPerMin(20_000, undefined, cfg)).toBe(10_000);
  });

  it('calls a jump faster than the entrances admit a glitch', () => {
    const s = [
      { t: 0, v: 4000 },
      { t: MIN_MS, v: 4100 },
      { t: 2 * MIN_MS, v: 90_000 },
    ];
    const g = findGlitch(s, 3280, 1.5, 5);
    expect(g?.impliedPerMin).toBe(85_900);
  });

  it('accepts a fast but possible build-up', () => {
    const s = Array.from({ length: 10 }, (_, i) => ({ t: i * MIN_MS, v: 20_000 + 2500 * i }));
    expect(findGlitch(s, 3280, 1.5, 5)).toBeNull();
  });
});
