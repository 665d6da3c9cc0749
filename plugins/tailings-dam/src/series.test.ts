import { describe, expect, it } from 'vitest';
import { hoursTo, slopePerH, stepRatePerH } from './series.js';

const at = (h: number) => `2026-07-12T${String(h).padStart(2, '0')}:00:00Z`;

describe('stepRatePerH', () => {
  it('measures the jump from the last reading before the event, per hour', () => {
    const hist = [
      { ts: at(1), value: 11.9 },
      { ts: at(2), value: 11.8 },
      { ts: at(3), value: 5.4 },
    ];
    expect(stepRatePerH(hist, at(3), 5.4)).toBeCloseTo(6.4, 6);
  });
  it('gives null without an earlier reading', () => {
    expect(stepRatePerH([{ ts: at(3), value: 5 }], at(3), 5)).toBeNull();
  });
});

describe('slopePerH and hoursTo', () => {
  it('fits a freeboard losing 0.1 m/h and projects overtopping in 6 h from 0.6 m', () => {
    const pts = [0, 1, 2, 3].map((h) => ({ ts: at(h), value: 0.9 - 0.1 * h }));
    const s = slopePerH(pts);
    expect(s).toBeCloseTo(-0.1, 9);
    expect(hoursTo(0.6, 0, s)).toBeCloseTo(6, 9);
    expect(hoursTo(0.6, 0.5, s)).toBeCloseTo(1, 9);
  });
  it('projects nothing for a rising freeboard or too few points', () => {
    expect(hoursTo(1, 0, 0.05)).toBe(Number.POSITIVE_INFINITY);
    expect(slopePerH([{ ts: at(0), value: 1 }])).toBeNull();
    expect(hoursTo(0.4, 0.5, -0.1)).toBe(0);
  });
});
