import { describe, expect, it } from 'vitest';
import {
  finalRise,
  looksLikeDrift,
  type Sample,
  timeWeightedMean,
  toSamples,
  trailingRun,
} from './series.js';

const at = (vals: number[], stepMin = 1, t0 = Date.parse('2026-11-29T04:00:00Z')): Sample[] =>
  vals.map((v, i) => ({ t: t0 + i * stepMin * 60_000, v }));
const RAMP = { minSamples: 3, minRiseLel: 5, minSlopePerMin: 0.5, maxStepShare: 0.6 };

describe('finalRise', () => {
  it('calls a climb over several readings a build-up', () => {
    const r = finalRise(at([0, 0.5, 0, 3, 6, 9, 12]), RAMP);
    expect(r.ramp).toBe(true);
    expect(r.riseLel).toBe(12);
    expect(r.maxStepShare).toBeCloseTo(0.25, 5);
    expect(r.slopePerMin).toBeGreaterThan(1.5);
  });

  it('does not call a one-step jump from background a build-up', () => {
    const r = finalRise(at([0, 0.2, 0, 0, 0.3, 22]), RAMP);
    expect(r.ramp).toBe(false);
    expect(r.maxStepShare).toBeGreaterThan(0.9);
  });

  it('does not call a slow creep a build-up (too slow for gas filling a room)', () => {
    const r = finalRise(at([2, 2.2, 2.4, 2.6, 2.8, 3, 3.2, 3.4], 10), RAMP);
    expect(r.ramp).toBe(false);
  });

  it('starts the rise after the last fall', () => {
    const r = finalRise(at([10, 2, 4, 6, 8]), RAMP);
    expect(r.fromV).toBe(2);
    expect(r.samples).toBe(4);
  });
});

describe('trailingRun', () => {
  it('counts the samples at or above the limit at the end and their span', () => {
    const r = trailingRun(at([12, 3, 10, 15, 18]), 10);
    expect(r.count).toBe(3);
    expect(r.spanMin).toBe(2);
  });
  it('is empty when the last sample is below', () => {
    expect(trailingRun(at([12, 3]), 10).count).toBe(0);
  });
});

describe('looksLikeDrift', () => {
  it('recognises a steady creep of 0.085 %LEL/min over 100 min', () => {
    const s = at(
      Array.from({ length: 51 }, (_, i) => 2 + 0.085 * i * 2 + (i % 3 === 0 ? 0.1 : -0.05)),
      2,
    );
    const d = looksLikeDrift(s, { minDurationMin: 60, maxSlopePerMin: 0.15, minR2: 0.8 });
    expect(d.drift).toBe(true);
    expect(d.slopePerMin).toBeCloseTo(0.085, 2);
  });
  it('does not call a fast rise drift', () => {
    const s = at(Array.from({ length: 61 }, (_, i) => i * 0.5));
    expect(looksLikeDrift(s, { minDurationMin: 60, maxSlopePerMin: 0.15, minR2: 0.8 }).drift).toBe(false);
  });
});

describe('timeWeightedMean', () => {
  it('weights each reading by how long it held inside the window', () => {
    const t0 = Date.parse('2026-11-29T04:00:00Z');
    // 10 for 5 min, then 40 for 10 min: (50 + 400) / 15 = 30.
    const s = [
      { t: t0, v: 10 },
      { t: t0 + 5 * 60_000, v: 40 },
    ];
    expect(timeWeightedMean(s, t0, t0 + 15 * 60_000)).toBeCloseTo(30, 6);
  });
  it('carries a reading from before the window into it', () => {
    const t0 = Date.parse('2026-11-29T04:00:00Z');
    expect(timeWeightedMean([{ t: t0 - 60_000, v: 20 }], t0, t0 + 60_000)).toBe(20);
  });
});

describe('toSamples', () => {
  it('normalises by the LEL factor and sorts by time', () => {
    const s = toSamples(
      [
        { ts: '2026-11-29T04:01:00Z', value: 10 },
        { ts: '2026-11-29T04:00:00Z', value: 5 },
      ],
      0.88,
    );
    expect(s.map((x) => x.v)).toEqual([4.4, 8.8]);
  });
});
