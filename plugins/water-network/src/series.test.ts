import { describe, expect, it } from 'vitest';
import { arrivalPick, stepChange } from './series.js';

describe('arrival pick', () => {
  it('interpolates the half-drop crossing between the bracketing samples', () => {
    const s = [0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.2, 0.2, 0.2, 0.2].map((v, i) => ({ t: i * 100, v }));
    const pick = arrivalPick(s, 0.5, 0.02);
    expect(pick?.t).toBeCloseTo(550, 6);
    expect(pick?.resolutionMs).toBe(100);
    expect(pick?.dropMpa).toBeCloseTo(0.1, 9);
  });
  it('ignores a one-sample dip that the next samples do not confirm', () => {
    const s = [0.3, 0.3, 0.3, 0.2, 0.3, 0.3, 0.3, 0.2, 0.2, 0.2].map((v, i) => ({ t: i * 100, v }));
    expect(arrivalPick(s, 0.5, 0.02)?.t).toBeCloseTo(650, 6);
  });
  it('finds no arrival when the drop is below the minimum', () => {
    const s = [0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.295, 0.295, 0.295].map((v, i) => ({ t: i * 100, v }));
    expect(arrivalPick(s, 0.5, 0.02)).toBeNull();
    expect(stepChange(s.slice(0, 4))).toBeNull();
  });
});
