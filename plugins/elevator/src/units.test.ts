import { checkAnalysisResult } from '@fenghuo/sdk';
import { describe, expect, it } from 'vitest';
import { classify, companyStats, judgeCompany, type LiftStats } from './classify.js';
import { faultOf } from './codes.js';
import { defaults } from './definition.js';
import { onsets, withReading } from './events.js';
import { judgeSpeed, maxTrippingSpeed } from './speed.js';
import { raise, tierAt } from './tiers.js';

const zero: LiftStats = {
  faultsShort: 0,
  faultsLong: 0,
  doorFaultsLong: 0,
  severeLong: 0,
  trappedShort: 0,
  trappedLong: 0,
  overdueDays: null,
};
const p = (ts: string, value: number) => ({ ts, value });

describe('event counting', () => {
  it('counts a repeated fault state once and a new code or a recurrence after a reset again', () => {
    const pts = [p('1', 0), p('2', 2), p('3', 2), p('4', 3), p('5', 0), p('6', 2)];
    expect(onsets(pts).map((h) => h.value)).toEqual([2, 3, 2]);
  });
  it('counts a series that starts in a fault state', () => {
    expect(onsets([p('1', 1), p('2', 1)])).toHaveLength(1);
  });
  it('appends the event reading only when the history does not already end with it', () => {
    const h = [p('2026-01-01T00:00:00Z', 0)];
    expect(withReading(h, '2026-01-01T00:01:00Z', 2)).toHaveLength(2);
    expect(withReading(h, '2026-01-01T00:00:00Z', 2)).toHaveLength(1);
  });
});

describe('fault codes', () => {
  it('orders codes by the catalogue severity', () => {
    expect(faultOf(2)?.tier).toBe('yellow');
    expect(faultOf(9)?.tier).toBe('red');
    expect(faultOf(9)?.door).toBe(true);
    expect(faultOf(0)).toBeNull();
  });
});

describe('governor tripping band (GB 7588-2003 9.9.1, recalled)', () => {
  it('uses 1.25 v + 0.25 / v for progressive gear above 1 m/s', () => {
    expect(maxTrippingSpeed(2.5, 'progressive')).toBeCloseTo(3.225, 6);
  });
  it('uses 1.5 m/s for progressive gear up to 1 m/s and 0.8 m/s for instantaneous gear', () => {
    expect(maxTrippingSpeed(1, 'progressive')).toBe(1.5);
    expect(maxTrippingSpeed(0.5, 'instantaneous')).toBe(0.8);
  });
  it('never puts the upper bound below 115 % of rated speed', () => {
    expect(maxTrippingSpeed(1, 'instantaneous')).toBeCloseTo(1.15, 6);
  });
  it('says when a speed is in the band and when it is beyond it', () => {
    expect(judgeSpeed(2.9, 2.5, 'progressive')).toMatchObject({ inTripBand: true, beyondTrip: false });
    expect(judgeSpeed(3.3, 2.5, 'progressive').beyondTrip).toBe(true);
    expect(judgeSpeed(2.6, 2.5, 'progressive').inTripBand).toBe(false);
  });
});

describe('classified supervision', () => {
  it('puts a lift with no events in class A', () => {
    expect(classify(zero, defaults).cls).toBe('A');
  });
  it('puts a lift with two faults in 30 days or one entrapment in 90 days in class B', () => {
    expect(classify({ ...zero, faultsShort: 2, faultsLong: 2 }, defaults).cls).toBe('B');
    expect(classify({ ...zero, trappedLong: 1 }, defaults).cls).toBe('B');
    expect(classify({ ...zero, overdueDays: 20 }, defaults).cls).toBe('B');
  });
  it('puts a lift with four faults in 30 days, two entrapments or one red-severity fault in class C', () => {
    expect(classify({ ...zero, faultsShort: 4, faultsLong: 4 }, defaults).cls).toBe('C');
    expect(classify({ ...zero, trappedShort: 2, trappedLong: 2 }, defaults).cls).toBe('C');
    expect(classify({ ...zero, severeLong: 1, faultsLong: 1 }, defaults).cls).toBe('C');
  });
  it('flags a company whose lifts average three faults in 90 days, and a lift far above its peers', () => {
    const bad = { ...zero, faultsLong: 4 };
    const co = companyStats('X', [bad, bad, { ...zero, faultsLong: 2 }], defaults);
    expect(co.faultRate).toBeCloseTo(10 / 3, 6);
    expect(judgeCompany(bad, co, defaults).companyProblem).toBe(true);
    const lone = { ...zero, faultsLong: 6 };
    const co2 = companyStats('X', [lone, { ...zero, faultsLong: 1 }, zero], defaults);
    expect(judgeCompany(lone, co2, defaults)).toEqual({ companyProblem: false, liftOutlier: true });
  });
  it('makes no company judgement over fewer lifts than companyMinLifts', () => {
    const s = { ...zero, faultsLong: 9 };
    expect(judgeCompany(s, companyStats('X', [s], defaults), defaults)).toEqual({
      companyProblem: false,
      liftOutlier: false,
    });
  });
});

describe('tiers', () => {
  it('raises a tier and caps it at red; below blue there is no warning', () => {
    expect(raise('orange', 2)).toBe('red');
    expect(raise('blue', 1)).toBe('yellow');
    expect(tierAt(0)).toBeNull();
  });
  it('keeps a sample result valid for the platform', () => {
    expect(() => checkAnalysisResult({ tier: 'red', findings: [], actions: [] })).not.toThrow();
  });
});
