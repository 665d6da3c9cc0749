import { describe, expect, it } from 'vitest';
import { levelOf, lowest, toSamples, trailingRun } from './states.js';

describe('metric states', () => {
  const limits = { blue: 40, yellow: 46.7, orange: 56.7, red: 66.7 };

  it('finds the level a value reaches', () => {
    expect(levelOf(39.9, limits)).toBeNull();
    expect(levelOf(48.5, limits)).toBe('yellow');
    expect(levelOf(70, limits)).toBe('red');
  });

  it('finds the lowest defined limit', () => {
    expect(lowest(limits)).toBe(40);
    expect(lowest({})).toBeNull();
  });

  it('counts the trailing samples at or above a limit', () => {
    const s = toSamples([
      { ts: '2026-11-29T09:00:00Z', value: 45 },
      { ts: '2026-11-29T09:01:00Z', value: 30 },
      { ts: '2026-11-29T09:02:00Z', value: 42 },
      { ts: '2026-11-29T09:03:00Z', value: 48 },
    ]);
    expect(trailingRun(s, 40)).toEqual({ count: 2, spanMin: 1 });
    expect(trailingRun(s, 50)).toEqual({ count: 0, spanMin: 0 });
  });
});
