import type { Point } from '@fenghuo/sdk';
import { describe, expect, it } from 'vitest';
import { defaults } from './definition.js';
import { effectiveLimit, glitchTest, heldSec, overspeedRatio } from './speed.js';

describe('effectiveLimit', () => {
  it('caps a hazmat truck at 60 km/h on an 80 km/h urban road and 80 km/h on a 120 km/h expressway', () => {
    expect(effectiveLimit('hazmat_truck', 80, false, false, defaults)).toBe(60);
    expect(effectiveLimit('hazmat_truck', 120, true, false, defaults)).toBe(80);
  });
  it('gives a coach 80 % of its day limit at night, but not a heavy truck', () => {
    expect(effectiveLimit('coach', 120, true, true, defaults)).toBe(80);
    expect(effectiveLimit('heavy_truck', 120, true, true, defaults)).toBe(100);
  });
  it('keeps the posted limit when it is the lower one', () => {
    expect(effectiveLimit('school_bus', 40, false, false, defaults)).toBe(40);
  });
});

describe('overspeedRatio and heldSec', () => {
  it('computes (v − v_lim) / v_lim and 0 below the limit', () => {
    expect(overspeedRatio(72, 60)).toBeCloseTo(0.2);
    expect(overspeedRatio(50, 60)).toBe(0);
  });
  it('measures how long the ratio has been held up to the last sample', () => {
    const s: Point[] = [
      { ts: '2026-11-29T00:00:00Z', value: 70 },
      { ts: '2026-11-29T00:00:30Z', value: 95 },
      { ts: '2026-11-29T00:01:00Z', value: 96 },
      { ts: '2026-11-29T00:01:30Z', value: 97 },
    ];
    expect(heldSec(s, 60, 0.5)).toBe(60);
    expect(heldSec(s.slice(0, 1), 60, 0.5)).toBe(0);
  });
});

describe('glitchTest', () => {
  const speeds = (a: number, b: number, dtS: number): Point[] => [
    { ts: '2026-11-29T00:00:00.000Z', value: a },
    { ts: new Date(Date.parse('2026-11-29T00:00:00Z') + dtS * 1000).toISOString(), value: b },
  ];
  it('calls a jump of 80 km/h in 5 s a glitch (4.4 m/s²)', () => {
    const g = glitchTest(speeds(50, 130, 5), [], defaults);
    expect(g.glitch).toBe(true);
    expect(g.accelMs2).toBeCloseTo(4.44, 1);
  });
  it('calls a speed the positions do not support a glitch', () => {
    // 30 s apart, positions 430 m apart (≈ 52 km/h) while the speeds say 52 → 140.
    const fixes = [
      { ts: '2026-11-29T00:00:00.000Z', lon: 104, lat: 30.6 },
      {
        ts: '2026-11-29T00:00:30.000Z',
        lon: 104 + 0.43 / (111.32 * Math.cos((30.6 * Math.PI) / 180)),
        lat: 30.6,
      },
    ];
    const g = glitchTest(speeds(52, 140, 30), fixes, defaults);
    expect(g.glitch).toBe(true);
    expect(g.displacementKmh).toBeCloseTo(51.6, 0);
  });
  it('accepts a plausible acceleration that the positions confirm', () => {
    const fixes = [
      { ts: '2026-11-29T00:00:00.000Z', lon: 104, lat: 30.6 },
      {
        ts: '2026-11-29T00:00:30.000Z',
        lon: 104 + 0.825 / (111.32 * Math.cos((30.6 * Math.PI) / 180)),
        lat: 30.6,
      },
    ];
    expect(glitchTest(speeds(95, 103, 30), fixes, defaults).glitch).toBe(false);
  });
  it('does not judge samples further apart than the window', () => {
    expect(glitchTest(speeds(50, 140, 600), [], defaults).glitch).toBe(false);
  });
});
