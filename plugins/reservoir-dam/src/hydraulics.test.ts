import { describe, expect, it } from 'vitest';
import { defaults } from './definition.js';
import {
  froehlichPeakM3s,
  listvanPeakM3s,
  manningQ,
  normalDepth,
  ritterPeakM3s,
  route,
} from './hydraulics.js';

describe('hydraulics', () => {
  it('gives the Froehlich (1995) peak 0.607·Vw^0.295·Hw^1.24 for 10 million m³ at 20 m', () => {
    expect(froehlichPeakM3s(1e7, 20)).toBeCloseTo(0.607 * 1e7 ** 0.295 * 20 ** 1.24, 6);
    expect(froehlichPeakM3s(1e7, 20)).toBeGreaterThan(2000);
    expect(froehlichPeakM3s(0, 20)).toBe(0);
  });
  it('gives the Ritter peak (8/27)·√g·b·H^1.5', () => {
    expect(ritterPeakM3s(100, 16)).toBeCloseTo((8 / 27) * Math.sqrt(9.81) * 100 * 64, 6);
  });
  it('attenuates the peak with the Listvan formula and keeps the dam peak at distance 0', () => {
    expect(listvanPeakM3s(5000, 1e7, 0, 3, 1)).toBeCloseTo(5000, 6);
    // W/Qm = 2000 s, L/(vK) = 2000 s → half the peak.
    expect(listvanPeakM3s(5000, 1e7, 6000, 3, 1)).toBeCloseTo(2500, 6);
  });
  it('finds the normal depth whose Manning discharge equals the flow', () => {
    const s = normalDepth(defaults.defaultChannel, 800);
    expect(manningQ(defaults.defaultChannel, s.depthM)).toBeCloseTo(800, -1);
    expect(s.topWidthM).toBeCloseTo(40 + 2 * 20 * s.depthM, 6);
  });
  it('routes a peak that falls and arrives later downstream', () => {
    const st = route({
      peakM3s: 5000,
      volumeM3: 1e7,
      channel: defaults.defaultChannel,
      chainagesM: [0, 1000, 5000, 10000],
      floodVelocityMs: 3,
      listvanK: 1,
      celerityFactor: 5 / 3,
    });
    expect(st.map((s) => s.peakM3s)).toEqual([...st.map((s) => s.peakM3s)].sort((a, b) => b - a));
    expect(st[0]!.arrivalMin).toBe(0);
    expect(st[3]!.arrivalMin).toBeGreaterThan(st[2]!.arrivalMin);
    expect(st[3]!.overbankM).toBeGreaterThan(0);
  });
});
