import { describe, expect, it } from 'vitest';
import {
  blend,
  capForecasts,
  extrapolate,
  linearFit,
  MIN_MS,
  minutesTo,
  profileRatio,
  valueNear,
} from './forecast.js';

const line = (n: number, a: number, b: number) =>
  Array.from({ length: n }, (_, i) => ({ t: i * MIN_MS, v: a + b * i }));

describe('crowd forecast', () => {
  it('fits a straight build-up exactly and extends it 15 and 30 minutes', () => {
    const fit = linearFit(line(11, 1000, 100));
    expect(fit?.slopePerMin).toBeCloseTo(100);
    expect(fit?.level).toBeCloseTo(2000);
    expect(fit?.r2).toBeCloseTo(1);
    expect(extrapolate(fit!, 15)).toBeCloseTo(3500);
    expect(extrapolate(fit!, 30)).toBeCloseTo(5000);
  });

  it('never forecasts a negative crowd when people are leaving', () => {
    const fit = linearFit(line(5, 400, -100));
    expect(extrapolate(fit!, 30)).toBe(0);
  });

  it('gives no fit for a single reading', () => {
    expect(linearFit([{ t: 0, v: 5 }])).toBeNull();
  });

  it('takes the median growth of past days at the same time and caps it', () => {
    expect(
      profileRatio(
        [
          { now: 100, ahead: 120 },
          { now: 100, ahead: 150 },
          { now: 200, ahead: 260 },
          { now: null, ahead: 300 },
          { now: 0, ahead: 10 },
        ],
        3,
      ),
    ).toEqual({ ratio: 1.3, days: 3 });
    expect(profileRatio([{ now: 10, ahead: 100 }], 3)).toEqual({ ratio: 3, days: 1 });
    expect(profileRatio([], 3)).toBeNull();
  });

  it('reads a past day only near the asked time', () => {
    const s = line(10, 0, 1);
    expect(valueNear(s, 4.4 * MIN_MS, MIN_MS)).toBe(4);
    expect(valueNear(s, 30 * MIN_MS, 5 * MIN_MS)).toBeNull();
  });

  it('blends trend and profile with the weights, and falls back when one is missing', () => {
    expect(blend(15, 4000, 5000, 4200, { trend: 0.6, profile: 0.4 }).value).toBeCloseTo(4680);
    expect(blend(15, 4000, 5000, null, { trend: 0.6, profile: 0.4 })).toMatchObject({
      value: 5000,
      basis: 'trend',
    });
    expect(blend(15, 4000, null, null, { trend: 0.6, profile: 0.4 })).toMatchObject({
      value: 4000,
      basis: 'persistence',
    });
  });

  it('counts the minutes until a rising line reaches a level', () => {
    expect(minutesTo(5, 3, 0.1)).toBeCloseTo(20);
    expect(minutesTo(5, 3, -0.1)).toBeNull();
    expect(minutesTo(5, 6, 0.1)).toBe(0);
  });

  it('holds a forecast above the physical maximum at it and says when the area fills', () => {
    const w = { trend: 1, profile: 0 };
    const f15 = blend(15, 5600, 18_500, null, w);
    const f30 = blend(30, 5600, 31_600, null, w);
    const { forecasts, minutesToMax } = capForecasts(5600, [f15, f30], 21_600);
    expect(forecasts.map((f) => [f.value, f.capped])).toEqual([
      [18_500, false],
      [21_600, true],
    ]);
    // 15 + 15 × (21 600 − 18 500) / (31 600 − 18 500)
    expect(minutesToMax).toBeCloseTo(18.55, 2);
    // below the maximum nothing changes; at it already, the time is 0 and the present value is the cap
    expect(capForecasts(5600, [f15], 21_600)).toEqual({ forecasts: [f15], minutesToMax: null });
    const over = capForecasts(22_000, [f30], 21_600);
    expect(over.minutesToMax).toBe(0);
    expect(over.forecasts[0]).toMatchObject({ value: 22_000, capped: true });
  });
});
