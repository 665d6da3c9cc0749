import { describe, expect, it } from 'vitest';
import {
  climbsSteadily,
  linearFit,
  looksLikeDrift,
  profile,
  type Sample,
  toSamples,
  trailingRun,
  withReading,
} from './series.js';

const T0 = Date.parse('2026-11-29T08:00:00Z');
const series = (values: number[]): Sample[] => values.map((v, i) => ({ t: T0 + i * 60_000, v }));
const drift = { minDurationMin: 60, maxSlopePerMin: 0.15, minR2: 0.8 };

describe('series', () => {
  it('normalises stored points by the LEL-basis factor and orders them by time', () => {
    const s = toSamples(
      [
        { ts: '2026-11-29T08:01:00Z', value: 10 },
        { ts: '2026-11-29T08:00:00Z', value: 5 },
      ],
      0.88,
    );
    expect(s.map((x) => x.v)).toEqual([4.4, 8.8]);
  });

  it('counts the trailing run beyond a limit, rising or falling', () => {
    expect(trailingRun(series([1, 6, 2, 6, 7, 8]), 5)).toEqual({
      count: 3,
      startT: T0 + 3 * 60_000,
      spanMin: 2,
    });
    expect(trailingRun(series([0.6, 0.5, 0.3, 0.29]), 0.31, false).count).toBe(2);
    expect(trailingRun(series([6, 1]), 5).count).toBe(0);
  });

  it('fits a line with its slope per minute and R²', () => {
    const fit = linearFit(series([1, 3, 5, 7]));
    expect(fit.slopePerMin).toBeCloseTo(2, 9);
    expect(fit.r2).toBeCloseTo(1, 9);
    expect(linearFit(series([4])).slopePerMin).toBe(0);
  });

  it('profiles a leak curve: baseline, onset at the first raised sample, mean rise rate', () => {
    const p = profile(series([0.7, 0.5, 0.8, 0.6, 0.7, 0.6, 2.5, 5.2, 8.4, 11.9]), 3);
    expect(p.baseline).toBeCloseTo(0.7, 9); // median of the oldest third: 0.7, 0.5, 0.8
    expect(p.onsetT).toBe(T0 + 7 * 60_000);
    expect(p.peak).toBe(11.9);
    expect(p.slopePerMin).toBeGreaterThan(3);
  });

  it('gives no onset to a flat curve', () => {
    expect(profile(series([0.5, 0.7, 0.6, 0.5]), 3).onsetT).toBeNull();
  });

  it('appends the event reading only when the history lacks it', () => {
    const s = series([1, 2]);
    expect(withReading(s, T0 + 60_000, 2)).toBe(s);
    expect(withReading(s, T0 + 120_000, 9).map((x) => x.v)).toEqual([1, 2, 9]);
  });

  it('recognises a slow steady climb as drift', () => {
    const values = Array.from({ length: 61 }, (_, i) => 4 + 0.1 * i + (i % 3 === 0 ? 0.1 : -0.05));
    expect(climbsSteadily(series(values))).toBe(true);
    expect(looksLikeDrift(series(values), drift).drift).toBe(true);
  });

  it('does not take a fast leak ramp after a quiet hour for drift', () => {
    const values = [
      ...Array.from({ length: 50 }, (_, i) => 0.6 + (i % 2) * 0.2),
      2.5,
      5.2,
      8.4,
      11.9,
      15.6,
      19.4,
      23.3,
      26.8,
      30.5,
      34,
      37.2,
    ];
    expect(looksLikeDrift(series(values), drift).drift).toBe(false);
  });

  it('does not call a climb drift when it is shorter than the minimum duration', () => {
    const values = Array.from({ length: 30 }, (_, i) => 4 + 0.1 * i);
    expect(looksLikeDrift(series(values), drift).drift).toBe(false);
  });

  it('does not call a curve that goes back down drift', () => {
    const values = Array.from({ length: 61 }, (_, i) => (i < 40 ? 2 + 0.1 * i : 6 - 0.1 * (i - 40)));
    expect(climbsSteadily(series(values))).toBe(false);
  });
});
