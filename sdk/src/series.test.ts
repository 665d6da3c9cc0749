import { describe, expect, it } from 'vitest';
import { linearFit, median, toSamples, withReading } from './series.js';

describe('series basics', () => {
  it('orders samples, drops the unreadable and scales by a factor', () => {
    const s = toSamples(
      [
        { ts: '2026-11-29T08:02:00Z', value: 3 },
        { ts: 'later', value: 9 },
        { ts: '2026-11-29T08:00:00Z', value: 1 },
        { ts: '2026-11-29T08:01:00Z', value: Number.NaN },
      ],
      10,
    );
    expect(s).toEqual([
      { t: Date.parse('2026-11-29T08:00:00Z'), v: 10 },
      { t: Date.parse('2026-11-29T08:02:00Z'), v: 30 },
    ]);
    expect(withReading(s, s[1]!.t, 99)).toBe(s);
    expect(withReading(s, s[1]!.t + 1, 99)).toHaveLength(3);
  });

  it('takes medians and fits a line per minute with its R²', () => {
    expect(median([3, 1, 2, 10])).toBe(2.5);
    expect(median([5, 1, 9])).toBe(5);
    expect(median([])).toBeNaN();
    const t0 = Date.parse('2026-11-29T08:00:00Z');
    const line = [0, 1, 2, 3].map((k) => ({ t: t0 + k * 60_000, v: 1 + 2 * k }));
    expect(linearFit(line)).toEqual({ slopePerMin: 2, r2: 1 });
    expect(linearFit(line.slice(0, 1))).toEqual({ slopePerMin: 0, r2: 0 });
    const noisy = linearFit([0, 1, 2, 3].map((k) => ({ t: t0 + k * 60_000, v: k % 2 })));
    expect(noisy.r2).toBeLessThan(0.5);
  });
});
