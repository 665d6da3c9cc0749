import { describe, expect, it } from 'vitest';
import { assessSurge, riseRateMH, warningTides } from './surge.js';

describe('warningTides', () => {
  it('takes the station’s four levels', () => {
    const w = warningTides(
      { blueWarningTideM: 3.2, yellowWarningTideM: 3.5, orangeWarningTideM: 3.8, redWarningTideM: 4.1 },
      [0.3, 0.6, 0.9],
    );
    expect(w).toEqual({ blue: 3.2, yellow: 3.5, orange: 3.8, red: 4.1, defaulted: [] });
  });

  it('fills unset levels from blue plus the default steps and says which', () => {
    const w = warningTides({ blueWarningTideM: 3 }, [0.3, 0.6, 0.9]);
    expect(w?.yellow).toBeCloseTo(3.3);
    expect(w?.red).toBeCloseTo(3.9);
    expect(w?.defaulted).toEqual(['yellow', 'orange', 'red']);
    expect(warningTides({}, [0.3, 0.6, 0.9])).toBeNull();
  });
});

describe('assessSurge', () => {
  const levels = { blue: 3.2, yellow: 3.5, orange: 3.8, red: 4.1, defaulted: [] };

  it('gives the highest colour level the tide has reached', () => {
    expect(assessSurge(3.1, null, levels, null, 0.5).tier).toBeNull();
    expect(assessSurge(3.2, null, levels, null, 0.5).tier).toBe('blue');
    expect(assessSurge(3.85, null, levels, null, 0.5)).toMatchObject({ tier: 'orange', levelTier: 'orange' });
  });

  it('is red when tide plus k × significant wave height reaches the crest', () => {
    const a = assessSurge(3.6, 2.6, levels, 4.8, 0.5);
    expect(a).toMatchObject({ tier: 'red', levelTier: 'yellow', overtopping: true });
    expect(a.freeboardM).toBeCloseTo(1.2);
    expect(assessSurge(3.6, 2.2, levels, 4.8, 0.5).overtopping).toBe(false);
  });

  it('fits the tide’s rise rate in m/h', () => {
    const pts = [0, 1, 2].map((i) => ({ ts: `2026-09-14T10:${i}0:00Z`, value: 3 + i * 0.1 }));
    expect(riseRateMH(pts)).toBeCloseTo(0.6, 6);
    expect(riseRateMH(pts.slice(0, 1))).toBeNull();
  });
});
