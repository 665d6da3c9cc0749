import { describe, expect, it } from 'vitest';
import { anySince, toSamples, trailingRun, withReading } from './series.js';

const s = (vals: number[]) => vals.map((v, i) => ({ t: i * 60_000, v }));

describe('series helpers', () => {
  it('measures how long the trailing run has held and the steepest rise into it', () => {
    const run = trailingRun(s([1, 1, 5, 6, 7, 8]), (v) => v >= 5);
    expect(run).toEqual({ count: 4, heldMin: 3, maxRisePerMin: 4 });
  });

  it('gives an empty run when the latest sample does not meet the condition', () => {
    expect(trailingRun(s([9, 9, 1]), (v) => v >= 5).count).toBe(0);
  });

  it('sorts points by time, drops unreadable ones and appends the event reading only when missing', () => {
    const samples = toSamples([
      { ts: '2026-11-29T08:01:00Z', value: 2 },
      { ts: 'nonsense', value: 3 },
      { ts: '2026-11-29T08:00:00Z', value: 1 },
    ]);
    expect(samples.map((x) => x.v)).toEqual([1, 2]);
    const t = Date.parse('2026-11-29T08:01:00Z');
    expect(withReading(samples, t, 9)).toHaveLength(2);
    expect(withReading(samples, t + 60_000, 9).at(-1)).toEqual({ t: t + 60_000, v: 9 });
  });

  it('finds an event in a look-back window only when it happened inside it', () => {
    expect(anySince(s([0, 1, 0, 0]), 2 * 60_000, (v) => v >= 1)).toBe(false);
    expect(anySince(s([0, 1, 0, 0]), 60_000, (v) => v >= 1)).toBe(true);
  });
});
