import type { Point } from '@fenghuo/sdk';
import { describe, expect, it } from 'vitest';
import { defaults } from './definition.js';
import { fitLine, isDrift } from './drift.js';

const at = (min: number) => new Date(Date.parse('2026-07-13T20:00:00Z') + min * 60_000).toISOString();
const series = (values: number[], stepMin = 10): Point[] =>
  values.map((value, i) => ({ ts: at(i * stepMin), value }));
const creep = (n: number, from: number, perStep: number, noise: number[] = [0]) =>
  Array.from({ length: n }, (_, i) => from + perStep * i + noise[i % noise.length]!);

describe('fitLine', () => {
  it('recovers slope per hour and R² of a straight line', () => {
    const f = fitLine(series([10, 11, 12, 13], 30));
    expect(f?.slopePerH).toBeCloseTo(2, 9);
    expect(f?.r2).toBeCloseTo(1, 9);
    expect(f?.start).toBeCloseTo(10, 9);
    expect(f?.end).toBeCloseTo(13, 9);
  });
  it('gives no trend for a flat series', () => {
    expect(fitLine(series([5, 5, 5]))?.r2).toBe(0);
  });
});

describe('isDrift', () => {
  it('calls a smooth 11-hour creep of an O2 cell from 20.9 across 19.5 %vol drift', () => {
    const pts = series(creep(68, 20.9, -0.0215, [0.01, -0.01, 0, 0.005]));
    expect(isDrift(pts, 19.5, false, defaults.drift).drift).toBe(true);
  });
  it('does not call a sudden drop drift', () => {
    const pts = series([...Array(60).fill(20.9), 19.4, 19.3]);
    const v = isDrift(pts, 19.5, false, defaults.drift);
    expect(v.drift).toBe(false);
  });
  it('does not call a fluctuating build-up drift', () => {
    const pts = series(Array.from({ length: 72 }, (_, i) => 2 + i * 0.1 + (i % 2 === 0 ? 3 : -3)));
    expect(isDrift(pts, 10, true, defaults.drift).reason).toBe('not a smooth trend');
  });
  it('needs enough history', () => {
    expect(isDrift(series(creep(30, 20.9, -0.05)), 19.5, false, defaults.drift).reason).toBe(
      'too short a history',
    );
  });
  it('does not call a series that was already beyond the limit drift', () => {
    const pts = series(creep(72, 19.4, -0.005));
    expect(isDrift(pts, 19.5, false, defaults.drift).drift).toBe(false);
  });
});
