import { describe, expect, it } from 'vitest';
import {
  depthAt,
  forecastPonding,
  halfLengthM,
  minutesTo,
  rationalQ,
  type Storage,
  volumeAt,
} from './ponding-model.js';

const sag: Storage = { shape: 'sag', radiusM: 1500, widthM: 14 };

describe('ponding model', () => {
  it('gives 10 m³ per hour per mm/h per hectare by the rational method (Q = C·i·A / 360)', () => {
    expect(rationalQ(1, 1, 1) * 3600).toBeCloseTo(10, 9);
    expect(rationalQ(0.9, 60, 3)).toBeCloseTo(0.45, 9);
  });

  it('stores (4/3)·W·h·√(2Rh) in a sag curve and inverts it exactly', () => {
    // h = 0.25 m: √(2·1500·0.25) = √750 ≈ 27.39 m half-length
    expect(volumeAt(sag, 0.25)).toBeCloseTo((4 / 3) * 14 * 0.25 * Math.sqrt(750), 6);
    for (const h of [0.05, 0.3, 1.2]) expect(depthAt(sag, volumeAt(sag, h))).toBeCloseTo(h, 9);
    expect(halfLengthM(sag, 0.25)).toBeCloseTo(Math.sqrt(750), 9);
    expect(depthAt({ shape: 'flat', areaM2: 2000 }, 500)).toBe(0.25);
  });

  it('forecasts a rising depth when the runoff exceeds the drainage, and drains to empty when it does not', () => {
    const base = { runoffCoefficient: 0.9, catchmentHa: 3, storage: sag, horizonMin: 60, stepMin: 5 };
    const up = forecastPonding({ ...base, depthCm: 26, rainMmH: 60, drainM3s: 0.3 });
    expect(up.netM3s).toBeCloseTo(0.15, 9);
    // 0.15 m³/s for an hour = 540 m³ on top of the 26 cm store
    const v = volumeAt(sag, 0.26) + 540;
    expect(up.endCm).toBeCloseTo(depthAt(sag, v) * 100, 6);
    expect(up.peakCm).toBe(up.endCm);
    expect(minutesTo(up, 40, 5)).not.toBeNull();
    const down = forecastPonding({ ...base, depthCm: 20, rainMmH: 0, drainM3s: 0.3 });
    expect(down.endCm).toBe(0);
    expect(down.peakCm).toBe(20);
    expect(minutesTo(down, 25, 5)).toBeNull();
  });
});
