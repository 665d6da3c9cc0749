import { describe, expect, it } from 'vitest';
import { bracketingPair, locateBetween, waveSpeedMs } from './wave.js';

const water = { bulkModulusGpa: 2.19, densityKgM3: 998.2, restraintFactor: 0.91 };

describe('wave speed (Korteweg)', () => {
  it('gives the speed of sound in water, about 1480 m/s, for a rigid pipe', () => {
    expect(waveSpeedMs({ ...water, youngModulusGpa: 1e9, diameterToWall: 1 })).toBeCloseTo(1481, 0);
  });
  it('gives 1000–1300 m/s for ductile iron and 200–400 m/s for PE, as the handbooks list', () => {
    const di = waveSpeedMs({ ...water, youngModulusGpa: 169, diameterToWall: 60 });
    const pe = waveSpeedMs({ ...water, youngModulusGpa: 0.9, diameterToWall: 11 });
    expect(di).toBeGreaterThan(1000);
    expect(di).toBeLessThan(1300);
    expect(pe).toBeGreaterThan(200);
    expect(pe).toBeLessThan(400);
  });
});

describe('pressure-wave location', () => {
  const a = 1100;
  const at = (id: string, ch: number, leak: number, res = 100) => ({
    sensorId: id,
    chainageM: ch,
    t: 1_000_000 + (Math.abs(ch - leak) / a) * 1000,
    resolutionMs: res,
    dropMpa: 0.05,
  });

  it('puts the burst where x = (L + a·(tA − tB)) / 2 says, with the timing uncertainty', () => {
    const loc = locateBetween(at('A', 0, 300), at('B', 1000, 300), a, 0);
    expect(loc.fromAM).toBeCloseTo(300, 6);
    expect(loc.chainageM).toBeCloseTo(300, 6);
    // ±(a · √2 · 0.05 s) / 2 ≈ 38.9 m
    expect(loc.uncertaintyM).toBeCloseTo((a * Math.SQRT2 * 0.05) / 2, 6);
    expect(loc.resolvable).toBe(true);
    expect(loc.outside).toBe(false);
  });

  it('says a once-a-minute pick cannot resolve a 1 km section', () => {
    const loc = locateBetween(at('A', 0, 300, 60_000), at('B', 1000, 300, 60_000), a, 0.1);
    expect(loc.resolvable).toBe(false);
  });

  it('puts a burst beyond a logger at that logger, since the difference saturates at L/a', () => {
    const loc = locateBetween(at('A', 0, -400), at('B', 1000, -400), a, 0);
    expect(loc.fromAM).toBeCloseTo(0, 6);
    expect(loc.outside).toBe(false);
  });

  it('flags an arrival difference longer than the travel time over the section (wave speed too high)', () => {
    const loc = locateBetween(at('A', 0, -400), at('B', 1000, -400), 1500, 0);
    expect(loc.outside).toBe(true);
    expect(loc.fromAM).toBe(0);
  });

  it('pairs the first logger with the neighbour the wave reached next', () => {
    const list = [at('A', 0, 1300), at('B', 1000, 1300), at('C', 2000, 1300), at('D', 3000, 1300)];
    const pair = bracketingPair(list);
    expect(pair?.map((p) => p.sensorId)).toEqual(['B', 'C']);
    expect(bracketingPair([list[0]!])).toBeNull();
  });
});
