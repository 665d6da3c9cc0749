import { describe, expect, it } from 'vitest';
import { additiveIndex, exposureIntegral, twaSoFar, windowMean } from './exposure.js';

const t = (min: number) => new Date(Date.parse('2026-07-14T09:00:00Z') + min * 60_000).toISOString();
const ms = (min: number) => Date.parse(t(min));

describe('exposure', () => {
  const pts = [
    { ts: t(0), value: 10 },
    { ts: t(10), value: 40 },
    { ts: t(20), value: 20 },
  ];
  it('holds each reading until the next one', () => {
    expect(exposureIntegral(pts, ms(0), ms(30))).toEqual({ doseMin: 100 + 400 + 200, coveredMin: 30 });
  });
  it('averages over the covered part of a window (a 15-min STEL window)', () => {
    expect(windowMean(pts, ms(15), ms(30))).toBeCloseTo((40 * 5 + 20 * 10) / 15, 9);
    expect(windowMean(pts, ms(-30), ms(-15))).toBeNull();
  });
  it('spreads the entry dose over the 8-hour shift for the TWA', () => {
    expect(twaSoFar(pts, ms(0), ms(30), 480)).toBeCloseTo(700 / 480, 9);
  });
  it('sums C/L for the GBZ 2.1 additive rule, ignoring a gas not measured', () => {
    expect(
      additiveIndex([
        { c: 15, limit: 30 },
        { c: 6, limit: 10 },
      ]),
    ).toBeCloseTo(1.1, 9);
    expect(
      additiveIndex([
        { c: null, limit: 30 },
        { c: 6, limit: 10 },
      ]),
    ).toBeCloseTo(0.6, 9);
  });
});
