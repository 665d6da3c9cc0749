import type { Point } from '@fenghuo/sdk';
import { describe, expect, it } from 'vitest';
import {
  dailyIncrements,
  doubleControlTier,
  isSpike,
  raise,
  rateMmPerDay,
  sustainedRate,
} from './control.js';

const at = (h: number, value: number): Point => ({
  ts: new Date(Date.UTC(2026, 10, 20) + h * 3_600_000).toISOString(),
  value,
});
const endOf = (h: number) => Date.UTC(2026, 10, 20) + h * 3_600_000;

describe('double control', () => {
  it('is red only when both the accumulated value and the rate reach their warning values', () => {
    expect(doubleControlTier(1.0, 1.0)).toBe('red');
    expect(doubleControlTier(1.5, 0.2)).toBe('orange');
    expect(doubleControlTier(0.2, 1.1)).toBe('orange');
  });
  it('is yellow when both reach 70 % or one reaches 85 %, blue when one reaches 60 %', () => {
    expect(doubleControlTier(0.72, 0.71)).toBe('yellow');
    expect(doubleControlTier(0.86, 0)).toBe('yellow');
    expect(doubleControlTier(0.65, 0.3)).toBe('blue');
    expect(doubleControlTier(0.5, null)).toBeNull();
  });
  it('raises a tier and caps it at red', () => {
    expect(raise('yellow', 1)).toBe('orange');
    expect(raise('orange', 3)).toBe('red');
    expect(raise(null, 2)).toBeNull();
  });
});

describe('rates', () => {
  it('computes the daily rate as the slope of the last 24 h', () => {
    const pts = [at(0, 10), at(6, 10.5), at(12, 11), at(18, 11.5), at(24, 12)];
    expect(rateMmPerDay(pts, endOf(24), 24)).toBeCloseTo(2, 6);
  });
  it('refuses a rate from two readings an hour apart', () => {
    expect(rateMmPerDay([at(23, 10), at(24, 11)], endOf(24), 24)).toBeNull();
  });
  it('flags a rate above half its warning value on each of three days', () => {
    const pts = [at(0, 0), at(24, 1.2), at(48, 2.4), at(72, 3.6)];
    const inc = dailyIncrements(pts, endOf(72), 3);
    expect(inc.map((x) => Math.round(x * 10) / 10)).toEqual([1.2, 1.2, 1.2]);
    expect(sustainedRate(inc, 2, 0.5, 3)).toBe(true);
    expect(
      sustainedRate(
        dailyIncrements([at(0, 0), at(24, 1.2), at(48, 1.5), at(72, 2.7)], endOf(72), 3),
        2,
        0.5,
        3,
      ),
    ).toBe(false);
  });
});

describe('survey outlier', () => {
  const opts = { minRatio: 0.3, rateFactor: 5, windowH: 24 };
  it('calls one reading 11 mm off a quiet trend a spike', () => {
    const pts = [at(0, 8), at(12, 8.1), at(24, 8), at(36, 8.2), at(48, 19)];
    expect(isSpike(pts, 20, 2, opts).spike).toBe(true);
  });
  it('does not call a jump after a fast trend a spike', () => {
    const pts = [at(0, 4), at(12, 6), at(24, 8), at(36, 10), at(48, 17)];
    expect(isSpike(pts, 20, 2, opts).spike).toBe(false);
  });
  it('does not call a small step a spike', () => {
    const pts = [at(0, 8), at(12, 8.1), at(24, 8), at(36, 8.2), at(48, 11)];
    expect(isSpike(pts, 20, 2, opts).spike).toBe(false);
  });
});
