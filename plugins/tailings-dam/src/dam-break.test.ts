import { describe, expect, it } from 'vitest';
import { arrivalMin, damBreak } from './dam-break.js';
import { defaults } from './definition.js';

describe('damBreak', () => {
  it('gives Froehlich (1995) Q_p = 0.607·V^0.295·H^1.24: 1 hm³ released behind 10 m is about 621 m³/s', () => {
    // V_T chosen so that Rico's V_F = 0.354·V_T^1.01 is 1 hm³.
    const vt = (1 / 0.354) ** (1 / 1.01) * 1e6;
    const r = damBreak({ damHeightM: 10, storageM3: vt, channelWidthM: 100, slope: 0.01 }, defaults);
    expect(r.releasedM3).toBeCloseTo(1e6, -1);
    expect(r.peakFlowM3s).toBeCloseTo(0.607 * 10 ** (6 * 0.295) * 10 ** 1.24, 0);
    expect(r.peakFlowM3s).toBeGreaterThan(615);
    expect(r.peakFlowM3s).toBeLessThan(627);
    // Rico et al. 2008 runout: 14.45·(10·1)^0.545 km.
    expect(r.runoutKm).toBeCloseTo(14.45 * 10 ** 0.545, 6);
    // Manning, wide channel: h = (Q·n / (B·√S))^0.6.
    expect(r.depthM).toBeCloseTo(((r.peakFlowM3s * 0.05) / (100 * 0.1)) ** 0.6, 9);
  });
  it('caps the reach at maxReachKm and says so', () => {
    const r = damBreak({ damHeightM: 35, storageM3: 3e6, channelWidthM: 120, slope: 0.02 }, defaults);
    expect(r.runoutKm).toBeGreaterThan(100);
    expect(r.capped).toBe(true);
    expect(r.reachM).toBe(30_000);
  });
  it('never releases more than is stored', () => {
    const r = damBreak(
      { damHeightM: 5, storageM3: 1000, channelWidthM: 10, slope: 0.01 },
      {
        ...defaults,
        release: { a: 5, b: 1 },
      },
    );
    expect(r.releasedM3).toBe(1000);
  });
});

describe('arrivalMin', () => {
  it('takes 1500 m × 1.2 sinuosity at 3 m/s as 10 minutes', () => {
    expect(arrivalMin(1500, 1.2, 3)).toBeCloseTo(10, 9);
  });
});
