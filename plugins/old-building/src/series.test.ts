import { describe, expect, it } from 'vitest';
import { median, pairWithTemperature, robustLatest, slopePerDay, thermalFit, toSamples } from './series.js';

const H = 3_600_000;
const at = (h: number) => Date.UTC(2026, 10, 20) + h * H;

describe('series', () => {
  it('takes the median of the last samples so that one spike does not move the current value', () => {
    const s = [1, 1.1, 1.05, 9].map((v, i) => ({ t: at(i), v }));
    expect(robustLatest(s, 3)).toBe(1.1);
    expect(median([3, 1, 2, 4])).toBe(2.5);
  });

  it('fits a rate in units per day', () => {
    const s = Array.from({ length: 49 }, (_, h) => ({ t: at(h), v: 2 + 0.5 * (h / 24) }));
    expect(slopePerDay(s)).toBeCloseTo(0.5, 9);
    expect(slopePerDay(s.slice(0, 2))).toBeNull();
  });

  it('separates temperature breathing from growth in a crack-width curve', () => {
    const width = [];
    const temp = [];
    for (let h = 0; h <= 96; h++) {
      const T = 10 + 6 * Math.sin((2 * Math.PI * h) / 24);
      temp.push({ t: at(h), v: T });
      width.push({ t: at(h), v: 0.8 - 0.01 * (T - 10) + 0.05 * (h / 24) });
    }
    const fit = thermalFit(pairWithTemperature(width, temp));
    expect(fit).not.toBeNull();
    expect(fit!.perDegree).toBeCloseTo(-0.01, 6);
    expect(fit!.perDay).toBeCloseTo(0.05, 6);
    expect(fit!.r).toBeLessThan(-0.99);
  });

  it('refuses a thermal fit when temperature only rises with time', () => {
    const pairs = Array.from({ length: 24 }, (_, h) => ({ t: at(h), w: 1 + 0.01 * h, temp: 5 + h }));
    expect(thermalFit(pairs)).toBeNull();
  });

  it('drops unparseable points and sorts by time', () => {
    const s = toSamples([
      { ts: '2026-11-20T02:00:00Z', value: 2 },
      { ts: 'nope', value: 1 },
      { ts: '2026-11-20T01:00:00Z', value: 1 },
    ]);
    expect(s.map((p) => p.v)).toEqual([1, 2]);
  });
});
